import { parentPort } from 'node:worker_threads';
import type { FileFacts } from './fileFacts';
import type { FileToRead } from './readFacts';
import { walkFiles } from './walk';

/**
 * The code map's worker thread (see parsePool.ts and walkInWorker.ts): reads and parses the batches
 * of files it is sent, each with its own tree-sitter runtime, and answers with their facts in the
 * same order; or walks a project and answers with its files. The parser is loaded at the first
 * batch, so a worker that only walks starts quickly.
 */
export interface ParseBatch {
  id: number;
  files: FileToRead[];
}

export interface ParsedBatch {
  id: number;
  facts: FileFacts[];
}

export interface WalkRequest {
  walk: { root: string; under?: string };
}

/** The walk's files packed for the trip back: paths joined by NUL (no path holds one), sizes and modification times. */
export type WalkAnswer = { paths: string; bytes: Float64Array; mtimes: Float64Array } | { error: string };

parentPort?.on('message', (msg: ParseBatch | WalkRequest) => {
  if ('walk' in msg) {
    parentPort?.postMessage(walked(msg.walk.root, msg.walk.under));
    return;
  }
  void (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { readFacts } = require('./readFacts') as typeof import('./readFacts');
    const facts: FileFacts[] = [];
    for (const f of msg.files) facts.push(await readFacts(f));
    const answer: ParsedBatch = { id: msg.id, facts };
    parentPort?.postMessage(answer);
  })();
});

function walked(root: string, under: string | undefined): WalkAnswer {
  try {
    const files = walkFiles(root, under);
    const bytes = new Float64Array(files.length);
    const mtimes = new Float64Array(files.length);
    files.forEach((f, i) => {
      bytes[i] = f.bytes;
      mtimes[i] = f.mtimeMs;
    });
    return { paths: files.map((f) => f.path).join('\0'), bytes, mtimes };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
