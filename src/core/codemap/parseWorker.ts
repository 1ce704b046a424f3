import { parentPort } from 'node:worker_threads';
import type { FileFacts } from './fileFacts';
import { readFacts, type FileToRead } from './readFacts';

/**
 * A parse worker (see parsePool.ts): reads and parses the batches of files it is sent, each with
 * its own tree-sitter runtime, and answers with their facts in the same order.
 */
export interface ParseBatch {
  id: number;
  files: FileToRead[];
}

export interface ParsedBatch {
  id: number;
  facts: FileFacts[];
}

parentPort?.on('message', (batch: ParseBatch) => {
  void (async () => {
    const facts: FileFacts[] = [];
    for (const f of batch.files) facts.push(await readFacts(f));
    const answer: ParsedBatch = { id: batch.id, facts };
    parentPort?.postMessage(answer);
  })();
});
