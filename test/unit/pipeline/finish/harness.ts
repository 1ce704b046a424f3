/**
 * A RunContext for stage tests: a scripted model gateway (replies by DaC-Context step, in order),
 * a real Journal and Effects in a temp run folder, an FsWorkspace over a temp project, the real
 * ExecPort, and the in-memory learning store.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Role } from '../../../../src/core/config/roles';
import { resolveConfig, type FactoryConfig } from '../../../../src/core/config/resolve';
import { FsWorkspace } from '../../../../src/core/patch/fsWorkspace';
import { Effects } from '../../../../src/core/pipeline/journal/effects';
import { Journal } from '../../../../src/core/pipeline/journal/journal';
import { RunFolder } from '../../../../src/core/pipeline/journal/runFolder';
import { MemoryLearningStore } from '../../../../src/core/pipeline/learningStore';
import { ModelCaller, type ModelGateway } from '../../../../src/core/pipeline/models/modelCaller';
import type { ProgressEvent } from '../../../../src/core/pipeline/progress';
import type { ExecPort, RunContext } from '../../../../src/core/pipeline/runContext';
import { renderBlueprintDoc } from '../../../../src/core/pipeline/blueprint/blueprintDoc';
import { blueprintSchema } from '../../../../src/core/protocol/schemas/blueprint';
import { parseDacContext, type Blueprint } from '../../../../src/core/protocol';
import type { CallRecord, ChatRequest } from '../../../../src/core/providers/types';

/** Replies per step (`code_qc`, `verify_plan`, …), used in order; an Error is thrown instead of answering. */
export type Script = Record<string, Array<string | Error>>;

export interface Asked {
  role: Role;
  step: string;
  repair?: number;
  text: string;
}

export interface Harness {
  ctx: RunContext;
  root: string;
  journal: Journal;
  asked: Asked[];
  progress: ProgressEvent[];
  learning: MemoryLearningStore;
  abort: AbortController;
  close(): void;
}

/** Commands run for real, as the Node hosts run them. */
import { nodeExec } from '../../../../src/core/pipeline/nodeExec';
/** Unsandboxed: these tests are about the engine, not the sandbox (test/e2e/sandbox.test.ts is). */
export const realExec = nodeExec('/', { sandbox: 'off', maxProcesses: 1024, memoryMb: 8192 });

export function harness(opts: { files?: Record<string, string>; script: Script; config?: (c: FactoryConfig) => void; exec?: ExecPort }): Harness {
  const root = mkdtempSync(join(tmpdir(), 'factory-finish-'));
  for (const [path, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const resolved = resolveConfig({});
  if (!resolved.ok) throw new Error('the default configuration does not resolve');
  const config = resolved.config;
  opts.config?.(config);
  const folder = new RunFolder(root, 'run-test');
  folder.create();
  return open(root, folder, config, opts.script, opts.exec ?? realExec, true);
}

/** The same run opened again, as `factory resume` does: a new journal reader, effects, gateway and signal. */
export function reopen(h: Harness, script: Script): Harness {
  h.journal.close();
  return open(h.root, h.ctx.folder, h.ctx.config, script, h.ctx.exec, false);
}

function open(root: string, folder: RunFolder, config: FactoryConfig, script: Script, exec: ExecPort, fresh: boolean): Harness {
  const journal = new Journal(folder.journalFile);
  if (fresh) journal.append({ type: 'run', runId: 'run-test', mode: 'create', request: 'a greeting service', version: 'test', dir: root });
  else journal.append({ type: 'resumed', attempt: journal.all().filter((e) => e.type === 'resumed').length + 1 });
  const effects = new Effects(journal);
  const asked: Asked[] = [];
  const progress: ProgressEvent[] = [];
  const abort = new AbortController();
  const left = Object.fromEntries(Object.entries(script).map(([k, v]) => [k, [...v]]));
  const gateway: ModelGateway = {
    async complete(role: Role, request: ChatRequest, options): Promise<CallRecord> {
      if (options?.signal?.aborted) throw new Error('aborted');
      const last = request.messages[request.messages.length - 1];
      const text = typeof last.content === 'string' ? last.content : last.content.map((p) => p.text).join('\n\n');
      const context = parseDacContext(text);
      if (!context) throw new Error('a request without a DaC-Context line');
      asked.push({ role, step: context.step, repair: context.repair, text });
      const reply = left[context.step]?.shift();
      if (reply === undefined) throw new Error(`the script has no reply left for step ${context.step}`);
      if (reply instanceof Error) throw reply;
      return {
        text: reply,
        stopReason: 'stop',
        providerStopReason: 'stop',
        usage: { input: 1000, output: 100, cached: 400, cacheWrite: 0 },
        usageReported: true,
        cost: { usd: 0.002, source: 'table' },
        latencyMs: 1,
        attempts: 1,
        role,
        provider: 'openai',
        model: 'scripted',
      };
    },
  };
  const models = new ModelCaller('run-test', gateway, effects, config.limits.repairs, abort.signal, (e) => progress.push(e));
  const learning = new MemoryLearningStore();
  const ctx: RunContext = {
    runId: 'run-test',
    request: 'a greeting service',
    config,
    workspace: new FsWorkspace(root),
    folder,
    journal,
    effects,
    models,
    exec,
    approval: { askGate: async () => ({ verdict: 'ACCEPT' }) },
    learning,
    signal: abort.signal,
    progress: (e) => progress.push(e),
  };
  return {
    ctx,
    root,
    journal,
    asked,
    progress,
    learning,
    abort,
    close: () => {
      journal.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A reply carrying one dac block. */
export function dac(body: Record<string, unknown>, extra = ''): string {
  return `Here it is.\n\n\`\`\`dac\n${JSON.stringify({ dac: 1, ...body })}\n\`\`\`\n${extra}`;
}

export function notes(h: Harness, topic: string): Array<Record<string, unknown>> {
  return h.journal
    .all()
    .filter((e) => e.type === 'note' && e.topic === topic)
    .map((e) => (e.type === 'note' ? (e.data as Record<string, unknown>) : {}));
}

export function blueprint(commands: Record<string, unknown>, tasks?: unknown[], contracts: string[] = []): { bp: Blueprint; doc: string } {
  const bp = blueprintSchema.parse({
    dac: 1,
    kind: 'blueprint',
    title: 'greeting service',
    summary: 'Says hello over HTTP.',
    core: { stack: ['node 20'], contracts, commands: { test: 'node --test', test_files: 'node --test {files}', ...commands } },
    tasks: tasks ?? [{ id: 'T1', title: 'server', acceptance: ['GET /hello says hello'], files: ['server.js', 'test/server.test.js'], tests: ['test/server.test.js'] }],
  });
  return { bp, doc: renderBlueprintDoc(bp, 'A small service.') };
}
