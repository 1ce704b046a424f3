/**
 * For e2e tests of whole runs: per test a fresh project folder and user folder, the fake server
 * scripted with the shared scenario, and the built CLI started as a child process (so a test can
 * interrupt or kill it). Registers its mocha hooks.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Journalled } from '../../src/core/pipeline/journal/events';
import { FakeLlm } from '../fakes/fakeLlm';
import type { Route } from '../fakes/script';
import { CLI } from './cliProcess';
import { DUMMY_KEY_ENV, scenarioRoutes, writeScriptedConfig, type ConfigExtra } from './pipelineScenario';

export interface Started {
  child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has ended. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  output(): string;
}

/** `base`: where each test's folder is made (default the system's temporary folder). */
export function usePipelineSandbox(prefix = 'factory-pipeline-', base: () => string = tmpdir) {
  const fake = new FakeLlm();
  const dirs = { root: '', ws: '', home: '' };
  const children: ChildProcessWithoutNullStreams[] = [];
  before(() => fake.listen());
  after(() => fake.close());
  beforeEach(() => {
    dirs.root = mkdtempSync(join(base(), prefix));
    dirs.ws = join(dirs.root, 'project');
    dirs.home = join(dirs.root, 'home');
    mkdirSync(dirs.ws);
    mkdirSync(dirs.home);
  });
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    fake.reset();
    rmSync(dirs.root, { recursive: true, force: true });
  });

  const runIds = (): string[] => {
    const dir = join(dirs.ws, '.factory', 'runs');
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };
  const runId = (): string => {
    const ids = runIds();
    if (ids.length !== 1) throw new Error(`expected one run, found ${ids.length}: ${ids.join(', ')}`);
    return ids[0] as string;
  };
  const runFile = (name: string, id: string = runId()): string => join(dirs.ws, '.factory', 'runs', id, name);
  const start = (args: string[], env: Record<string, string> = {}): Started => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: dirs.ws,
      env: { PATH: process.env.PATH ?? '', HOME: dirs.root, FACTORY_HOME: dirs.home, [DUMMY_KEY_ENV]: 'dummy-key', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.end();
    const done = new Promise<Awaited<Started['done']>>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    return { child, done, output: () => `stdout:\n${stdout}\nstderr:\n${stderr}` };
  };

  return {
    fake,
    get ws() {
      return dirs.ws;
    },
    get home() {
      return dirs.home;
    },
    /** The HOME the CLI runs with: the workspace is inside it. */
    get userHome() {
      return dirs.root;
    },
    /** Scripts the fake: `first` routes before the scenario's (they win where both match). */
    script(...first: Route[]): void {
      fake.route(...first, ...scenarioRoutes());
    },
    /** Writes the user's configuration (a --config file); returns its path. */
    config(extra: ConfigExtra = {}, name = 'config'): string {
      return writeScriptedConfig(join(dirs.root, name), `${fake.url}/v1`, extra);
    },
    /** Starts `factory <args>` in the project folder. */
    start,
    /** Runs `factory <args>` to its end (at most `timeoutMs`). */
    async run(args: string[], env: Record<string, string> = {}, timeoutMs = 25000) {
      const s = start(args, env);
      const timer = setTimeout(() => s.child.kill('SIGKILL'), timeoutMs);
      const r = await s.done;
      clearTimeout(timer);
      return r;
    },
    /** The ids of the project's runs, oldest first. */
    runIds,
    /** The only run of the project. */
    runId,
    runFile,
    journal(id: string = runId()): Journalled[] {
      const file = runFile('journal.jsonl', id);
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Journalled);
    },
    /** Requests the fake received, counted by DaC-Context line (the run, role, step, task and repair). */
    requestsByContext(): Map<string, number> {
      const counts = new Map<string, number>();
      for (const r of fake.requests()) if (r.dac) counts.set(r.dac.line, (counts.get(r.dac.line) ?? 0) + 1);
      return counts;
    },
  };
}

/** Waits until `check` holds, polling; fails after `timeoutMs` with `what`. */
export async function until(check: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const notes = (events: readonly Journalled[], topic: string) => events.filter((e): e is Extract<Journalled, { type: 'note' }> => e.type === 'note' && e.topic === topic);

export const endOf = (events: readonly Journalled[]) => [...events].reverse().find((e): e is Extract<Journalled, { type: 'end' }> => e.type === 'end');

export const stagesOf = (events: readonly Journalled[]) => events.filter((e): e is Extract<Journalled, { type: 'stage' }> => e.type === 'stage').map((e) => e.stage);

/** Keys of effects that finished more than once: none may, in any run, resumed or not. */
export function effectsDoneTwice(events: readonly Journalled[]): string[] {
  const seen = new Map<string, number>();
  for (const e of events) if (e.type === 'effect.done') seen.set(e.key, (seen.get(e.key) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
}

/**
 * DaC-Context line → how many calls with it have their answer in the journal. After a kill -9, a call
 * the fake answered may not be journalled yet (the process died between the two): resume asks it
 * again, rightly. Only journalled answers must never be asked again.
 */
export function answeredByContext(events: readonly Journalled[]): Map<string, number> {
  const contextOf = new Map<string, string>();
  for (const e of events) {
    if (e.type !== 'effect.start' || e.kind !== 'call') continue;
    const detail = e.detail as { context?: unknown } | undefined;
    if (typeof detail?.context === 'string') contextOf.set(e.key, detail.context);
  }
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'effect.done' || e.kind !== 'call') continue;
    const line = contextOf.get(e.key);
    if (line !== undefined) out.set(line, (out.get(line) ?? 0) + 1);
  }
  return out;
}
