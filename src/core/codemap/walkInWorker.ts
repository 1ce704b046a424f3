import { join, sep } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { WalkAnswer, WalkRequest } from './parseWorker';
import { checkedUnder, type WalkedFile } from './walk';

/**
 * A big project walked in a worker thread (walk.ts), so this thread can meanwhile load the cache and
 * the ranking and warm the parser up: on a machine with a second core, the tens of thousands of
 * stat calls of a walk no longer add to a recon's time. Small projects are walked here (a worker
 * costs its start). The same files in the same order either way.
 */
export function walkInWorker(script: string, root: string, under: string | undefined, signal?: AbortSignal): Promise<WalkedFile[]> {
  // A bad `under` or an abort fails here, as the walk here would, before any thread starts.
  if (under !== undefined) checkedUnder(under);
  signal?.throwIfAborted();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
  const worker: Worker = new WorkerThread(script);
  return new Promise<WalkedFile[]>((resolve, reject) => {
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
    };
    const onAbort = (): void => {
      done();
      reject(signal?.reason ?? new Error('recon aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (answer: WalkAnswer) => {
      done();
      if ('error' in answer) reject(new Error(answer.error));
      else resolve(unpacked(root, answer));
    });
    worker.once('error', (e) => {
      done();
      reject(new Error(`code map: the walk worker failed (${script}): ${e.message}`));
    });
    const request: WalkRequest = { walk: under === undefined ? { root } : { root, under } };
    worker.postMessage(request);
  });
}

function unpacked(root: string, answer: { paths: string; bytes: Float64Array; mtimes: Float64Array }): WalkedFile[] {
  if (answer.bytes.length === 0) return [];
  const paths = answer.paths.split('\0');
  // Each file's absolute path as the walk here spells it: its folder joined to the root, then its name.
  const rootAbs = join(root, '.');
  let lastDir: string | null = null;
  let prefix = '';
  const files = new Array<WalkedFile>(paths.length);
  for (let i = 0; i < paths.length; i++) {
    const path = paths[i];
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (dir !== lastDir) {
      prefix = `${dir ? join(rootAbs, dir) : rootAbs}${sep}`;
      lastDir = dir;
    }
    files[i] = { path, abs: prefix + path.slice(slash + 1), bytes: answer.bytes[i], mtimeMs: answer.mtimes[i] };
  }
  return files;
}
