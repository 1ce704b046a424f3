import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { FileFacts } from './fileFacts';
import type { ParseBatch, ParsedBatch } from './parseWorker';
import type { FileToRead } from './readFacts';

/**
 * Reads and parses many files. Below a few hundred files this happens here (a worker costs its
 * start and its own grammar loads); above, batches go to one worker thread per core, up to four,
 * which is what makes a cold map of thousands of files fit its time on a small machine. The worker
 * script sits next to this code: out/src/core/codemap/ from tsc, dist/ in the bundles (esbuild.js).
 * The parser (tree-sitter and the extractors) and the thread and limit modules are loaded only
 * when there is something to parse: a recon of unchanged files, in a new process, never pays for them.
 */
export const WORKER_THRESHOLD = 300;

/** Loaded when first needed (require: in a new process a dynamic import() costs several times as much). */
/* eslint-disable @typescript-eslint/no-require-imports */
const lazy = {
  readFacts: (): typeof import('./readFacts') => require('./readFacts') as typeof import('./readFacts'),
  pLimit: (): typeof import('p-limit') => require('p-limit') as typeof import('p-limit'),
  threads: (): typeof import('node:worker_threads') => require('node:worker_threads') as typeof import('node:worker_threads'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
const BATCH = 40;
const MAX_WORKERS = 4;

export function workerScript(): string | null {
  const script = join(__dirname, 'parseWorker.js');
  return existsSync(script) ? script : null;
}

export async function parseAll(files: readonly FileToRead[], signal?: AbortSignal): Promise<{ facts: FileFacts[]; workers: number }> {
  if (files.length === 0) return { facts: [], workers: 0 };
  const script = workerScript();
  if (files.length < WORKER_THRESHOLD || !script) {
    const { readFacts } = lazy.readFacts();
    const limit = lazy.pLimit()(16);
    const facts = await Promise.all(files.map((f) => limit(() => (signal?.throwIfAborted(), readFacts(f)))));
    return { facts, workers: 0 };
  }
  const workers = Math.min(MAX_WORKERS, Math.max(1, availableParallelism()), Math.ceil(files.length / BATCH));
  return { facts: await inWorkers(script, files, workers, signal), workers };
}

async function inWorkers(script: string, files: readonly FileToRead[], count: number, signal?: AbortSignal): Promise<FileFacts[]> {
  const { Worker } = lazy.threads();
  const results: FileFacts[] = new Array<FileFacts>(files.length);
  const batches: ParseBatch[] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push({ id: i, files: files.slice(i, i + BATCH) });
  let next = 0;
  let pending = batches.length;
  const workers: Worker[] = [];
  return new Promise<FileFacts[]>((resolve, reject) => {
    const stop = (error?: unknown): void => {
      for (const w of workers) void w.terminate();
      signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) reject(error);
      else resolve(results);
    };
    const onAbort = (): void => stop(signal?.reason ?? new Error('recon aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const feed = (w: Worker): void => {
      if (next < batches.length) w.postMessage(batches[next++]);
    };
    for (let k = 0; k < Math.min(count, batches.length); k++) {
      const w = new Worker(script);
      workers.push(w);
      w.on('message', (done: ParsedBatch) => {
        done.facts.forEach((f, j) => (results[done.id + j] = f));
        if (--pending === 0) stop();
        else feed(w);
      });
      w.on('error', (e) => stop(new Error(`code map: a parse worker failed (${script}): ${e.message}`)));
      feed(w);
    }
  });
}
