/**
 * The folder a run leaves: .factory/runs/<run-id>/ with journal.jsonl, blueprint.md, report.md and
 * blobs/ (the exact bytes of files before a patch or a task changed them, named by their SHA-256,
 * so the journal stays small and a rollback restores bytes, not a re-encoded text).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const RUNS_DIR = join('.factory', 'runs');

export class RunFolder {
  readonly dir: string;

  constructor(
    readonly workspaceRoot: string,
    readonly runId: string,
  ) {
    this.dir = join(workspaceRoot, RUNS_DIR, runId);
  }

  get journalFile(): string {
    return join(this.dir, 'journal.jsonl');
  }

  get blueprintFile(): string {
    return join(this.dir, 'blueprint.md');
  }

  get reportFile(): string {
    return join(this.dir, 'report.md');
  }

  exists(): boolean {
    return existsSync(this.journalFile);
  }

  create(): void {
    mkdirSync(join(this.dir, 'blobs'), { recursive: true });
  }

  /** Keeps bytes beside the journal; returns their hash (the blob's name). */
  putBlob(bytes: Buffer): string {
    const hash = createHash('sha256').update(bytes).digest('hex');
    const file = join(this.dir, 'blobs', hash);
    if (!existsSync(file)) writeAtomic(file, bytes);
    return hash;
  }

  /**
   * The bytes kept under `hash`. The name comes from the journal, a file anyone can edit, so it must
   * be a sha-256 name and the bytes must hash to it: a restore never copies other bytes into the workspace.
   */
  getBlob(hash: string): Buffer {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error(`the journal of run ${this.runId} names a blob "${hash}" that is not a sha-256 name; it was not read`);
    const bytes = readFileSync(join(this.dir, 'blobs', hash));
    if (createHash('sha256').update(bytes).digest('hex') !== hash) throw new Error(`the blob ${hash} of run ${this.runId} does not hold the bytes it was named for (changed on disk); it was not used`);
    return bytes;
  }

  /** A file for people (blueprint.md, report.md), written whole so a reader never sees half of it. */
  writeText(file: string, text: string): void {
    writeAtomic(file, Buffer.from(text, 'utf8'));
  }
}

function writeAtomic(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes, { flush: true });
  renameSync(tmp, file);
}

/** A new run id: sortable by start time, unique enough for one workspace, one word (DaC-Context). */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** The run ids of a workspace, oldest first. */
export function listRunIds(workspaceRoot: string): string[] {
  const dir = join(workspaceRoot, RUNS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'journal.jsonl')))
    .map((d) => d.name)
    .sort();
}
