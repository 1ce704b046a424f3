/**
 * A run context for stage tests: a scripted gateway that answers by DaC-Context (role, step, task,
 * repair), a real journal and effects in a temp folder, the file-system workspace over a temp
 * project. No network, no commands (an ExecPort that refuses).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type FactoryConfig } from '../../../src/core/config/resolve';
import { FsWorkspace } from '../../../src/core/patch/fsWorkspace';
import { Effects } from '../../../src/core/pipeline/journal/effects';
import { Journal } from '../../../src/core/pipeline/journal/journal';
import { RunFolder } from '../../../src/core/pipeline/journal/runFolder';
import { MemoryLearningStore, type LearningStore } from '../../../src/core/pipeline/learningStore';
import { ModelCaller, type ModelGateway } from '../../../src/core/pipeline/models/modelCaller';
import type { ProgressEvent } from '../../../src/core/pipeline/progress';
import type { ExecPort, RunContext } from '../../../src/core/pipeline/runContext';
import type { GateAnswer } from '../../../src/core/ports';
import { parseDacContext, type DacContext } from '../../../src/core/protocol';
import { NO_USAGE, type CallRecord, type ChatRequest } from '../../../src/core/providers/types';
import type { Role } from '../../../src/core/config/roles';

export interface SeenCall {
  role: Role;
  context: DacContext | undefined;
  request: ChatRequest;
}

/** Answers a request: a reply text, or an Error to throw (a provider failure). */
export type Script = (context: DacContext | undefined, request: ChatRequest) => string | Error;

export class ScriptedGateway implements ModelGateway {
  readonly calls: SeenCall[] = [];
  constructor(private readonly script: Script) {}

  async complete(role: Role, request: ChatRequest): Promise<CallRecord> {
    const text = lastUserText(request);
    const context = parseDacContext(text);
    this.calls.push({ role, context, request });
    const answer = this.script(context, request);
    if (answer instanceof Error) throw answer;
    return { text: answer, stopReason: 'stop', providerStopReason: 'stop', usage: { ...NO_USAGE, input: 100, output: 10 }, usageReported: true, cost: { usd: 0.001, source: 'settings' }, latencyMs: 1, attempts: 1, role, provider: 'openai-compatible', model: 'scripted' };
  }
}

/** The last user message, where the DaC-Context line of this request is (repairs repeat it there). */
export function lastUserText(request: ChatRequest): string {
  const users = request.messages.filter((m) => m.role === 'user');
  const last = users[users.length - 1];
  if (!last) return '';
  return typeof last.content === 'string' ? last.content : last.content.map((p) => p.text).join('\n\n');
}

export function testConfig(overrides: Record<string, unknown> = {}): FactoryConfig {
  const r = resolveConfig(overrides);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const refusingExec: ExecPort = {
  run: () => Promise.reject(new Error('no commands in this test')),
  startApp: () => {
    throw new Error('no apps in this test');
  },
  httpProbe: () => Promise.reject(new Error('no probes in this test')),
};

export interface ScriptedRun {
  ctx: RunContext;
  gateway: ScriptedGateway;
  progress: ProgressEvent[];
  root: string;
  journal: Journal;
  /** A new context over the same journal: what a resumed run sees. */
  reopen(script?: Script): ScriptedRun;
  cleanup(): void;
}

export function scriptedRun(script: Script, config: FactoryConfig = testConfig(), options: { root?: string; runId?: string; gate?: GateAnswer[]; exec?: ExecPort; learning?: LearningStore; onGate?: (summary: string) => void } = {}): ScriptedRun {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'factory-run-'));
  const runId = options.runId ?? 'test-run';
  const folder = new RunFolder(root, runId);
  folder.create();
  const journal = new Journal(folder.journalFile);
  const effects = new Effects(journal);
  const gateway = new ScriptedGateway(script);
  const progress: ProgressEvent[] = [];
  const signal = new AbortController().signal;
  const answers = [...(options.gate ?? [])];
  const ctx: RunContext = {
    runId,
    request: 'a slugify library with tests',
    config,
    workspace: new FsWorkspace(root),
    folder,
    journal,
    effects,
    models: new ModelCaller(runId, gateway, effects, config.limits.repairs, signal, (e) => progress.push(e)),
    exec: options.exec ?? refusingExec,
    approval: {
      askGate: async (summary) => {
        options.onGate?.(summary);
        return answers.shift() ?? { verdict: 'REJECT', reason: 'no scripted answer' };
      },
    },
    learning: options.learning ?? new MemoryLearningStore(),
    signal,
    progress: (e) => progress.push(e),
  };
  return {
    ctx,
    gateway,
    progress,
    root,
    journal,
    reopen(next = script) {
      journal.close();
      return scriptedRun(next, config, { ...options, root, runId });
    },
    cleanup() {
      journal.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
