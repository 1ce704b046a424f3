/** verify_plan and verify_report: the twin's probes of the running app, and its score afterwards. */
import { z } from 'zod';
import { envelopeOf, expected, id, looseEnum, object, score, text } from './common';

const commandProbe = object({
  id,
  kind: z.literal('command'),
  argv: z.array(z.string(expected('a string')), expected('an array of words, program first (no shell)')).min(1, expected('at least the program to run')),
  stdin: z.string(expected('a string')).default(''),
  expect: text(),
});

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

const httpProbe = object({
  id,
  kind: z.literal('http'),
  method: looseEnum(HTTP_METHODS, 'upper'),
  path: z.string(expected('a path starting with /')).startsWith('/', expected('a path starting with /')),
  headers: z.record(z.string(), z.string(expected('a string')), expected('an object of header names to strings')).default({}),
  body: z.string(expected('a string (the raw request body)')).optional(),
  expect: text(),
});

const probe = z.discriminatedUnion('kind', [commandProbe, httpProbe], expected('a probe whose "kind" is "command" or "http"'));

export const verifyPlanSchema = object({
  ...envelopeOf('verify_plan'),
  probes: z.array(probe, expected('an array of probes')).min(1, expected('at least one probe')),
}).superRefine((plan, ctx) => {
  const seen = new Set<string>();
  plan.probes.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['probes', i, 'id'], message: `expected a probe id not used before ("${p.id}" is)` });
    seen.add(p.id);
  });
});

export const verifyReportSchema = object({
  ...envelopeOf('verify_report'),
  score,
  broken: z.array(object({ probe: id, issue: text() }, expected('an entry {"probe", "issue"}')), expected('an array of {"probe", "issue"} entries')).default([]),
});

export type VerifyPlan = z.infer<typeof verifyPlanSchema>;
export type Probe = VerifyPlan['probes'][number];
export type VerifyReport = z.infer<typeof verifyReportSchema>;
