import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { PROVIDERS } from './roles';

/** One model a role may use: the shape of `factory.roles.<role>` and of `.factory/config.json`. */
export const modelRefSchema = z.object({
  provider: z.enum(PROVIDERS),
  model: z.string().min(1, 'model must name a model, e.g. "claude-sonnet-4-5"'),
  baseUrl: z.url().optional(),
  apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'apiKeyEnv must be an environment variable name').optional(),
});

export const roleSettingsSchema = modelRefSchema.extend({
  fallbacks: z.array(modelRefSchema).default([]),
});

const score = z.number().int().min(0).max(100);

export const thresholdsSchema = z.object({
  review: score.default(95),
  qc: score.default(85),
  verify: score.default(90),
  gate: score.default(80),
});

export const limitsSchema = z.object({
  reviewRounds: z.number().int().min(1).max(20).default(3),
  repairs: z.number().int().min(0).max(10).default(2),
  trapsPerTask: z.number().int().min(1).max(10).default(2),
  parallelTasks: z.number().int().min(1).max(16).default(3),
  /** null: no budget (then models of unknown price may be used; their cost is shown as unknown). */
  budgetUsd: z.number().positive().nullable().default(5),
  commandTimeoutS: z.number().int().min(1).max(86_400).default(300),
});

/** USD per million tokens; `cached` and `cacheWrite` default to `input` (no discount assumed). */
export const priceSchema = z
  .object({
    input: z.number().min(0),
    output: z.number().min(0),
    cached: z.number().min(0).optional(),
    cacheWrite: z.number().min(0).optional(),
  })
  .strict();

/** An executable a coding CLI provider runs instead of the one found on PATH. */
const executablePath = z
  .string()
  .min(1)
  .refine((p) => isAbsolute(p), 'must be the absolute path of the executable, e.g. "/usr/local/bin/claude"');

/** Per coding CLI (`claude-code`, `codex`, `gemini-cli`): the executable to run. User configuration only (an executable is code). */
export const cliPathsSchema = z
  .object({
    'claude-code': executablePath.optional(),
    codex: executablePath.optional(),
    'gemini-cli': executablePath.optional(),
  })
  .strict();

/** How model calls behave: the idle watchdog, calls in flight per provider, price overrides, the coding CLIs. */
export const providersSchema = z
  .object({
    idleTimeoutS: z.number().positive().max(3600).default(60),
    maxConcurrent: z.number().int().min(1).max(64).default(4),
    /** Calls in flight per coding CLI: one at a time by default (a subscription's own limits are tight). */
    cliMaxConcurrent: z.number().int().min(1).max(16).default(1),
    cliPaths: cliPathsSchema.default({}),
    /** Keyed by model (`gpt-5`) or provider and model (`openai-compatible:kimi-k2`). */
    prices: z.record(z.string().min(1), priceSchema).default({}),
  })
  .strict();

const roleEntries = z
  .object({
    ceo: roleSettingsSchema.optional(),
    qc: roleSettingsSchema.optional(),
    architect: roleSettingsSchema.optional(),
    twin: roleSettingsSchema.optional(),
    assistant: roleSettingsSchema.optional(),
    junior: roleSettingsSchema.optional(),
  })
  .strict();

/**
 * Where commands run (DESIGN.md, "Where commands run"): `sandbox` says whether in the sandbox
 * (`auto`: when the machine has one, else unsandboxed with a warning; `required`: refuse without one;
 * `off`); the caps hold for each sandboxed command.
 */
export const SANDBOX_MODES = ['auto', 'required', 'off'] as const;
export const execSchema = z
  .object({
    sandbox: z.enum(SANDBOX_MODES).default('auto'),
    maxProcesses: z.number().int().min(8).max(65_536).default(1024),
    memoryMb: z.number().int().min(64).max(1_048_576).default(8192),
  })
  .strict();

/** What a user writes: every part optional; unknown top-level keys are refused (they are typos). */
export const userConfigSchema = z
  .object({
    roles: roleEntries.default({}),
    thresholds: thresholdsSchema.default(thresholdsSchema.parse({})),
    limits: limitsSchema.default(limitsSchema.parse({})),
    gate: z.enum(['twin', 'human']).default('twin'),
    allowSelfReview: z.boolean().default(false),
    providers: providersSchema.default(providersSchema.parse({})),
    exec: execSchema.default(execSchema.parse({})),
  })
  .strict();

export type ModelRef = z.infer<typeof modelRefSchema>;
export type RoleSettings = z.infer<typeof roleSettingsSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type Limits = z.infer<typeof limitsSchema>;
export type ProviderSettings = z.infer<typeof providersSchema>;
export type ExecSettings = z.infer<typeof execSchema>;
export type UserConfig = z.infer<typeof userConfigSchema>;
