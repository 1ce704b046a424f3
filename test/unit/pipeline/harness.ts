/**
 * A run context for pipeline unit tests: a scripted model (a function of the request's DaC-Context
 * and text), a real journal, effects and run folder in a temp project, the file-system workspace and
 * an exec port that really runs commands. `reopen()` gives a second context over the same run folder,
 * as `factory resume` would after a stop or a kill.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Role } from '../../../src/core/config/roles';
import { resolveConfig, type FactoryConfig } from '../../../src/core/config/resolve';
import { FsWorkspace } from '../../../src/core/patch/fsWorkspace';
import type { WorkspacePort } from '../../../src/core/ports';
import { Effects } from '../../../src/core/pipeline/journal/effects';
import type { Journalled } from '../../../src/core/pipeline/journal/events';
import { Journal } from '../../../src/core/pipeline/journal/journal';
import { RunFolder } from '../../../src/core/pipeline/journal/runFolder';
import { MemoryLearningStore } from '../../../src/core/pipeline/learningStore';
import { ModelCaller, type ModelGateway } from '../../../src/core/pipeline/models/modelCaller';
import type { ProgressEvent } from '../../../src/core/pipeline/progress';
import type { ExecPort, RunContext } from '../../../src/core/pipeline/runContext';
import { parseDacContext, parseReply, type Blueprint, type DacContext } from '../../../src/core/protocol';
import type { CallRecord, ChatMessage, ChatRequest } from '../../../src/core/providers/types';

/** One request as the scripted model sees it. */
export interface ScriptedCall {
  role: Role;
  /** The DaC-Context of the request's last user message (a follow-up turn has its own). */
  context: DacContext | undefined;
  /** The last user message as text: what is new for this call. */
  last: string;
  /** The whole request as text (system, every turn). */
  text: string;
  request: ChatRequest;
  /** User turns in the request: 1 for a first request, 2 for a follow-up in the same conversation (a patch retry). */
  turn: number;
  /** How many earlier calls had the same step, task, repair and turn (0 for the first). */
  seen: number;
}

export type Script = (call: ScriptedCall) => string | Promise<string>;

export interface CallLog {
  role: Role;
  context: DacContext | undefined;
  last: string;
  startedAt: number;
  endedAt: number;
}

export function messageText(m: ChatMessage): string {
  return typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join('\n\n');
}

/** A gateway answering from a script, taking `latencyMs` per call, logging each call's interval. */
export class ScriptedGateway implements ModelGateway {
  readonly calls: CallLog[] = [];
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly script: Script,
    private readonly latencyMs = 0,
  ) {}

  async complete(role: Role, request: ChatRequest): Promise<CallRecord> {
    const startedAt = Date.now();
    const users = request.messages.filter((m) => m.role === 'user');
    const last = users.length ? messageText(users[users.length - 1]) : '';
    const context = parseDacContext(last);
    const turn = users.length;
    const id = `${context?.step}:${context?.task}:${context?.repair ?? 0}:${turn}`;
    const seen = this.counts.get(id) ?? 0;
    this.counts.set(id, seen + 1);
    const text = `${request.system ?? ''}\n\n${request.messages.map(messageText).join('\n\n')}`;
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const reply = await this.script({ role, context, last, text, request, turn, seen });
    this.calls.push({ role, context, last, startedAt, endedAt: Date.now() });
    return {
      text: reply,
      stopReason: 'stop',
      providerStopReason: 'stop',
      usage: { input: text.length, output: reply.length, cached: 0, cacheWrite: 0 },
      usageReported: true,
      cost: { usd: 0, source: 'local' },
      latencyMs: Date.now() - startedAt,
      attempts: 1,
      role,
      provider: 'openai-compatible',
      model: `scripted-${role}`,
    };
  }
}

/** The engine's own exec port (src/core/exec): commands really run, without a shell. */
/** Commands run for real, as the Node hosts run them. */
import { nodeExec } from '../../../src/core/pipeline/nodeExec';
/** Unsandboxed: these tests are about the engine, not the sandbox (test/e2e/sandbox.test.ts is). */
export const realExec = nodeExec('/', { sandbox: 'off', maxProcesses: 1024, memoryMb: 8192 });

export interface HarnessOptions {
  /** Files of the project before the run, by workspace-relative path. */
  files?: Record<string, string | Buffer>;
  script: Script;
  latencyMs?: number;
  limits?: Partial<FactoryConfig['limits']>;
  thresholds?: Partial<FactoryConfig['thresholds']>;
  exec?: ExecPort;
  /** Wraps the workspace (e.g. to cut a write short, as a kill would). */
  workspace?: (ws: WorkspacePort) => WorkspacePort;
  runId?: string;
}

export interface Harness {
  root: string;
  ctx: RunContext;
  journal: Journal;
  folder: RunFolder;
  gateway: ScriptedGateway;
  progress: ProgressEvent[];
  abort: AbortController;
  /** A new context over the same project and run folder (a resume), with its own script and options. */
  reopen(options: Partial<HarnessOptions> & { script: Script }): Harness;
  read(path: string): string | undefined;
  readBytes(path: string): Buffer | undefined;
  events(): readonly Journalled[];
  notes(topic: string): unknown[];
  close(): void;
}

export function testConfig(options: Pick<HarnessOptions, 'limits' | 'thresholds'> = {}): FactoryConfig {
  const r = resolveConfig({});
  if (!r.ok) throw new Error(`the default config does not resolve: ${JSON.stringify(r.problems)}`);
  return { ...r.config, limits: { ...r.config.limits, ...options.limits }, thresholds: { ...r.config.thresholds, ...options.thresholds } };
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, ...path.split('/'));
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

export function makeHarness(options: HarnessOptions, existingRoot?: string): Harness {
  const root = existingRoot ?? mkdtempSync(join(tmpdir(), 'factory-pipeline-'));
  if (!existingRoot) writeFiles(root, options.files ?? {});
  const runId = options.runId ?? 'run-test';
  const folder = new RunFolder(root, runId);
  folder.create();
  const journal = new Journal(folder.journalFile);
  const effects = new Effects(journal);
  const gateway = new ScriptedGateway(options.script, options.latencyMs);
  const abort = new AbortController();
  const progress: ProgressEvent[] = [];
  const config = testConfig(options);
  const onProgress = (e: ProgressEvent): void => {
    progress.push(e);
  };
  const models = new ModelCaller(runId, gateway, effects, config.limits.repairs, abort.signal, onProgress);
  const fs = new FsWorkspace(root);
  const ctx: RunContext = {
    runId,
    request: 'a test request',
    config,
    workspace: options.workspace ? options.workspace(fs) : fs,
    folder,
    journal,
    effects,
    models,
    exec: options.exec ?? realExec,
    approval: { askGate: () => Promise.resolve({ verdict: 'ACCEPT' }) },
    learning: new MemoryLearningStore(),
    signal: abort.signal,
    progress: onProgress,
  };
  const readBytes = (path: string): Buffer | undefined => {
    try {
      return readFileSync(join(root, ...path.split('/')));
    } catch {
      return undefined;
    }
  };
  const harness: Harness = {
    root,
    ctx,
    journal,
    folder,
    gateway,
    progress,
    abort,
    reopen: (more) => {
      journal.close();
      return makeHarness({ ...options, workspace: undefined, ...more }, root);
    },
    read: (path) => readBytes(path)?.toString('utf8'),
    readBytes,
    events: () => journal.all(),
    notes: (topic) => journal.all().flatMap((e) => (e.type === 'note' && e.topic === topic ? [e.data] : [])),
    close: () => {
      journal.close();
      if (!existingRoot) rmSync(root, { recursive: true, force: true });
    },
  };
  return harness;
}

/** A blueprint as the schema reads it (defaults filled in); throws with the issues if invalid. */
export function makeBlueprint(fields: { tasks: unknown[]; commands?: Record<string, string | null>; contracts?: string[]; security?: string[] }): Blueprint {
  const message = {
    dac: 1,
    kind: 'blueprint',
    title: 'test project',
    summary: 'a project for tests',
    core: { stack: ['node 20', 'node:test'], contracts: fields.contracts ?? [], security: fields.security ?? [], commands: fields.commands ?? { test: 'node --test', test_files: 'node --test {files}' } },
    tasks: fields.tasks,
  };
  const parsed = parseReply(dac(message), 'blueprint');
  if (!parsed.ok) throw new Error(`test blueprint invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.message;
}

export function dac(message: unknown, prose = 'Done.'): string {
  return `${prose}\n\n\`\`\`dac\n${JSON.stringify(message)}\n\`\`\`\n`;
}

/** One SEARCH/REPLACE block; an empty `search` creates the file. */
export function block(path: string, search: string, replace: string): string {
  const lines = (s: string): string => (s === '' ? '' : s.endsWith('\n') ? s : `${s}\n`);
  return `${path}\n<<<<<<< SEARCH\n${lines(search)}=======\n${lines(replace)}>>>>>>> REPLACE\n`;
}

export function taskResult(task: string, phase: string, ...blocks: string[]): string {
  return `${dac({ dac: 1, kind: 'task_result', task, phase, files: [], notes: 'all tests pass, trust me' })}\n${blocks.join('\n')}`;
}

export function review(score: number, findings: Array<{ severity: string; where?: string; issue: string; fix?: string }> = []): string {
  return dac({ dac: 1, kind: 'review', score, findings });
}
