/**
 * The scripted CREATE the e2e tests, `npm run demo` and `npm run bench:pipeline` share: the reply
 * files of test/demo/scenario/ (a slugify library in three tasks, two side by side then one by the
 * junior), routed by DaC-Context, and the configuration that points every role at the fake server
 * through the real OpenAI-compatible provider. A test changes one step by putting its own route
 * first (routes are tried in the order added).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reply, Route, Usage } from '../fakes/script';

/** The repository's root, from out/test/e2e where this runs compiled. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SCENARIO_DIR = join(REPO_ROOT, 'test', 'demo', 'scenario');

export const SCRIPTED_ROLES = ['ceo', 'qc', 'architect', 'twin', 'assistant', 'junior'] as const;

/** The variable the configuration names as each role's key; its value is a dummy the fake ignores. */
export const DUMMY_KEY_ENV = 'FACTORY_SCRIPTED_KEY';

/** Tokens each scripted answer reports, so the run has a cost to count and a budget to reach. */
export const SCRIPTED_USAGE: Usage = { input: 2000, output: 400 };

/** USD per million tokens of every scripted model: each answer above costs $0.0028. */
export const SCRIPTED_PRICE = { input: 1, output: 2 };

export const modelOf = (role: string): string => `scripted-${role}`;

/** The text of one reply file of the scenario. */
export function scenarioReply(name: string): string {
  return readFileSync(join(SCENARIO_DIR, `${name}.md`), 'utf8');
}

export interface ScenarioOptions {
  /**
   * Every answer takes about this long (the benchmark's fixed latency): the fake waits before each of
   * the FRAMES_PER_ANSWER frames of an OpenAI-compatible stream sent as one piece of text.
   */
  latencyMs?: number;
}

/** Frames of a streamed OpenAI chat answer of one text piece: role, text, finish, usage, [DONE]. */
export const FRAMES_PER_ANSWER = 5;

/** A reply as the fake sends it: the file's text, the scripted usage, the latency. */
export function answer(text: string, opts: ScenarioOptions = {}): Reply {
  if (opts.latencyMs === undefined) return { text, usage: SCRIPTED_USAGE };
  return { text, chunks: [text], usage: SCRIPTED_USAGE, delayMs: opts.latencyMs / FRAMES_PER_ANSWER };
}

const TASKS = ['T1', 'T2', 'T3'] as const;
const TASK_ROLE: Record<(typeof TASKS)[number], string> = { T1: 'ceo', T2: 'ceo', T3: 'junior' };

/** The whole happy path: every step answered, the run ships. */
export function scenarioRoutes(opts: ScenarioOptions = {}): Route[] {
  const a = (name: string): Reply => answer(scenarioReply(name), opts);
  const routes: Route[] = [
    { match: { role: 'ceo', step: 'blueprint' }, replies: [a('blueprint')] },
    // Round 1: qc below the target with a patch; round 2: both above.
    { match: { role: 'qc', step: 'review' }, replies: [a('review.qc.r1'), a('review.qc.r2')] },
    { match: { role: 'architect', step: 'review' }, reply: a('review.architect') },
    { match: { role: 'twin', step: 'gate' }, replies: [a('gate.accept')] },
  ];
  for (const task of TASKS) {
    for (const phase of ['tests', 'implementation', 'refactor']) {
      routes.push({ match: { role: TASK_ROLE[task], step: phase, task }, replies: [a(`${task}.${phase}`)] });
    }
  }
  routes.push(
    { match: { role: 'qc', step: 'bug_capture' }, reply: a('task-gate') },
    { match: { role: 'architect', step: 'schema' }, reply: a('task-gate') },
    { match: { role: 'architect', step: 'security' }, reply: a('task-gate') },
    { match: { role: 'qc', step: 'code_qc' }, replies: [a('code-qc')] },
    { match: { role: 'twin', step: 'verify_plan' }, replies: [a('verify-plan')] },
    { match: { role: 'twin', step: 'verify_report' }, replies: [a('verify-report')] },
    { match: { role: 'ceo', step: 'learning' }, replies: [a('learning')] },
  );
  return routes;
}

/** Settings over the defaults (thresholds, limits, gate), e.g. `{ limits: { budgetUsd: 0.01 } }`. */
export type ConfigExtra = Record<string, unknown>;

/**
 * The user's configuration for a scripted run: every role an openai-compatible model at the fake
 * (`v1Url` = the fake's URL + `/v1`), each with a price, so a budget can count the run.
 */
export function scriptedConfig(v1Url: string, extra: ConfigExtra = {}): Record<string, unknown> {
  const roles = Object.fromEntries(SCRIPTED_ROLES.map((r) => [r, { provider: 'openai-compatible', model: modelOf(r), baseUrl: v1Url, apiKeyEnv: DUMMY_KEY_ENV }]));
  const prices = Object.fromEntries(SCRIPTED_ROLES.map((r) => [`openai-compatible:${modelOf(r)}`, SCRIPTED_PRICE]));
  const { limits, providers, ...rest } = extra as { limits?: object; providers?: object };
  return {
    roles,
    providers: { prices, ...providers },
    limits: { budgetUsd: 1, commandTimeoutS: 60, ...limits },
    ...rest,
  };
}

/** Writes the configuration to `<dir>/config.json`; returns its path. */
export function writeScriptedConfig(dir: string, v1Url: string, extra: ConfigExtra = {}): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config.json');
  writeFileSync(file, `${JSON.stringify(scriptedConfig(v1Url, extra), null, 2)}\n`);
  return file;
}
