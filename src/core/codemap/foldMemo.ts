import { readFileSync } from 'node:fs';
import { writeAtomically } from './atomicWrite';
import type { Folding } from './foldPaths';
import { digest } from './rankFacts';

/**
 * The map's folds of its omitted paths, kept beside the cache: on a big project folding tens of
 * thousands of paths costs more than the rest of the map, and while the paths are the same (and the
 * files mapped in detail, and the room) so are the lines. A recon after a few edits inside files
 * asks for the same folds and reads them back instead. Stored digested; a file that does not read
 * whole, or of another version, is ignored. Bump FOLD_VERSION when foldPaths folds differently.
 */
const FOLD_VERSION = 1;
const DIGEST_CHARS = 16;

interface Fold {
  /** Digest of the mapped paths ('' for the fold of all paths). */
  mapped: string;
  room: number;
  lines: string[];
}

interface Stored {
  version: number;
  /** Digest of the paths folded, in order. */
  paths: string;
  folds: Fold[];
}

export function foldFileOf(cacheFile: string): string {
  return `${cacheFile}.fold`;
}

function isFold(x: unknown): x is Fold {
  const f = x as Partial<Fold> | null;
  return !!f && typeof f.mapped === 'string' && typeof f.room === 'number' && Array.isArray(f.lines) && f.lines.every((l) => typeof l === 'string');
}

function readStored(file: string, pathsKey: string): Fold[] {
  try {
    const text = readFileSync(file, 'utf8');
    const json = text.slice(DIGEST_CHARS);
    if (text.slice(0, DIGEST_CHARS) !== digest(json)) return [];
    const s = JSON.parse(json) as Partial<Stored>;
    if (s.version !== FOLD_VERSION || s.paths !== pathsKey || !Array.isArray(s.folds) || !s.folds.every(isFold)) return [];
    return s.folds;
  } catch {
    return []; // none yet, or unreadable: folded again
  }
}

/** A Folding that answers from `file` when it holds the same fold, else from `inner`; `save` stores what was asked. */
export class FoldMemo implements Folding {
  private readonly stored: Fold[];
  private readonly asked: Fold[] = [];
  private computed = false;

  constructor(
    private readonly file: string,
    private readonly pathsKey: string,
    private readonly inner: Folding,
  ) {
    this.stored = readStored(file, pathsKey);
  }

  all(room: number): string[] {
    return this.fold('', room, () => this.inner.all(room));
  }

  rest(mapped: readonly string[], room: number): string[] {
    return this.fold(digest(mapped.join('\n')), room, () => this.inner.rest(mapped, room));
  }

  private fold(mapped: string, room: number, compute: () => string[]): string[] {
    const hit = this.stored.find((f) => f.mapped === mapped && f.room === room);
    if (!hit) this.computed = true;
    const lines = hit ? hit.lines : compute();
    this.asked.push({ mapped, room, lines });
    return lines;
  }

  /** Stores the folds asked this time when any was computed; one that cannot be written is left (it is a speed-up). */
  async save(): Promise<void> {
    if (!this.computed) return;
    const json = JSON.stringify({ version: FOLD_VERSION, paths: this.pathsKey, folds: this.asked } satisfies Stored);
    await writeAtomically(this.file, `${digest(json)}${json}`).catch(() => undefined);
  }
}
