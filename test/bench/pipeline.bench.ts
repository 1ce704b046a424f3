/**
 * `npm run bench:pipeline [-- --latency-ms N]`: the demo's scripted CREATE with every model answer
 * taking a fixed latency, through the real CLI. Prints the run's wall time divided by its critical
 * path: the longest chain of steps that depend on each other, computed from the journal with the
 * scenario's known structure — blueprint → each review round (qc ∥ architect) → gate → each wave
 * (its tasks ∥; per task tests → RED run → implementation → GREEN run → refactor → its run → the
 * three gates ∥) → the wave's test run → code QC → verify plan → probes → verify report → learning —
 * each step weighted by its measured duration in the journal.
 *
 * Two figures: the chain of model calls alone (as the issue defines it), and the chain with the
 * engine's own command runs on it (a model cannot be asked for the implementation before the RED run
 * it is shown). Commands are real (`node --test`), so with short latencies the first ratio mostly
 * measures command time; the second measures what the engine adds or fails to overlap. Target ≤ 1.10.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Journalled } from '../../src/core/pipeline/journal/events';
import { CLI } from '../e2e/cliProcess';
import { DUMMY_KEY_ENV, scenarioRoutes, writeScriptedConfig } from '../e2e/pipelineScenario';
import { FakeLlm } from '../fakes/fakeLlm';

const TARGET = 1.1;

function latencyArg(): number {
  const i = process.argv.indexOf('--latency-ms');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 1500;
  if (!Number.isFinite(n) || n < 0) throw new Error('--latency-ms takes a number of milliseconds');
  return n;
}

/** Measured durations of the run's effects, by key. */
function durations(events: readonly Journalled[]): Map<string, number> {
  const start = new Map<string, number>();
  const d = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'effect.start') start.set(e.key, e.at);
    if (e.type === 'effect.done') d.set(e.key, e.at - (start.get(e.key) ?? e.at));
  }
  return d;
}

interface Chain {
  /** Model calls only. */
  calls: number;
  /** Model calls and the engine's command runs. */
  all: number;
}

const add = (a: Chain, b: Chain): Chain => ({ calls: a.calls + b.calls, all: a.all + b.all });
const max = (xs: readonly Chain[]): Chain => ({ calls: Math.max(0, ...xs.map((x) => x.calls)), all: Math.max(0, ...xs.map((x) => x.all)) });
const ZERO: Chain = { calls: 0, all: 0 };

/**
 * The critical path of a run of the scripted scenario (no TRAPs: one attempt per phase). Repairs and
 * patch retries of a call follow it in its chain.
 */
function criticalPath(events: readonly Journalled[]): Chain {
  const d = durations(events);
  const keys = [...d.keys()];
  const step = (key: string): Chain => {
    const related = keys.filter((k) => k === key || k.startsWith(`${key}#`) || k.startsWith(`${key}:fix`));
    const total = related.reduce((s, k) => s + (d.get(k) ?? 0), 0);
    return key.startsWith('call:') ? { calls: total, all: total } : { calls: 0, all: total };
  };
  const seq = (...parts: Chain[]): Chain => parts.reduce(add, ZERO);
  let path = step('call:blueprint');
  for (let r = 1; keys.includes(`call:review:r${r}:qc`); r++) path = seq(path, max([step(`call:review:r${r}:qc`), step(`call:review:r${r}:architect`)]), step(`call:review:r${r}:fix`));
  for (let g = 1; keys.includes(`call:gate:g${g}`); g++) path = seq(path, step(`call:gate:g${g}`));
  const waves = events.filter((e): e is Extract<Journalled, { type: 'note' }> => e.type === 'note' && e.topic === 'wave.test').map((e) => e.data as { wave: number; tasks: string[] });
  for (const w of waves) {
    const tasks = w.tasks.map((t) =>
      seq(
        step(`call:${t}:tests:a1`),
        step(`command:${t}:red:a1`),
        step(`call:${t}:implementation:a1`),
        step(`command:${t}:green:a1`),
        step(`call:${t}:refactor:a1`),
        step(`command:${t}:refactor:a1`),
        max(['bug_capture', 'schema', 'security'].map((g) => step(`call:${t}:${g}:a1`))),
      ),
    );
    path = seq(path, max(tasks), step(`command:wave${w.wave}:test`));
  }
  const verifyCommands = keys.filter((k) => k.startsWith('command:verify:')).map(step);
  return seq(path, step('call:code_qc'), step('call:verify:plan'), ...verifyCommands, step('call:verify:report'), step('call:learning'));
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<void> {
  const latencyMs = latencyArg();
  const fake = new FakeLlm();
  await fake.listen();
  fake.route(...scenarioRoutes({ latencyMs }));
  const root = mkdtempSync(join(tmpdir(), 'factory-bench-'));
  const project = join(root, 'project');
  const home = join(root, 'home');
  mkdirSync(project);
  try {
    const config = writeScriptedConfig(home, `${fake.url}/v1`, { providers: { maxConcurrent: 8 } });
    console.log(`bench:pipeline — the scripted CREATE (models are scripted), every answer ~${latencyMs} ms; real CLI, real commands`);
    const started = Date.now();
    const code = await run(['build', 'a slugify library with tests', '--dir', project, '--config', config], {
      PATH: process.env.PATH ?? '',
      HOME: root,
      FACTORY_HOME: home,
      [DUMMY_KEY_ENV]: 'bench',
    });
    const processWall = Date.now() - started;
    const runs = join(project, '.factory', 'runs');
    const id = readdirSync(runs)[0] ?? '';
    const events = readFileSync(join(runs, id, 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Journalled);
    const first = events[0];
    const last = events[events.length - 1];
    if (code !== 0 || !first || last?.type !== 'end') throw new Error(`the scripted run did not ship (exit ${code}); journal: ${join(runs, id, 'journal.jsonl')}`);
    const wall = last.at - first.at;
    const path = criticalPath(events);
    const calls = events.filter((e) => e.type === 'effect.done' && e.kind === 'call').length;
    const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    console.log(`model calls: ${calls}; run wall time (journal, first event to end): ${s(wall)}; process: ${s(processWall)}`);
    console.log(`critical path, model calls only:           ${s(path.calls)}  → wall / path = ${(wall / path.calls).toFixed(3)}`);
    console.log(`critical path, calls and the engine's runs: ${s(path.all)}  → wall / path = ${(wall / path.all).toFixed(3)} (target ≤ ${TARGET.toFixed(2)})`);
    console.log(`time in command runs on the critical path: ${s(path.all - path.calls)} (node --test runs, probes)`);
  } finally {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
