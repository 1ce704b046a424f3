/**
 * Which files an AUDIT reads, for a folder of any size: the files ranked as the map ranks them
 * (entry points, then the files the rest of the code refers to most, then the other sources, then
 * tests, then everything else), each taken whole while it fits the budget. What was not read is
 * named with the reason, so the report can say exactly what the audit saw and what it did not.
 */
import type { Recon } from '../../codemap/recon';
import { numberedFile } from '../finish/projectCode';
import type { ReadOnlyWorkspace } from './auditContext';
import { AUDIT_MIN_FILE_CHARS } from './auditBudget';

export type NotReadWhy = 'budget' | 'unreadable' | 'missing';

export interface AuditSample {
  /** Files shown whole, in the order shown, with their line counts. */
  read: Array<{ path: string; lines: number; chars: number }>;
  /** Every other file of the recon, with why it was not read. */
  notRead: Array<{ path: string; why: NotReadWhy }>;
  budgetChars: number;
}

/** The recon's files in the order an audit reads them; each once. */
export function rankFiles(recon: Recon): string[] {
  const known = new Set(recon.files.map((f) => f.path));
  const byPath = new Map(recon.files.map((f) => [f.path, f]));
  const sources = recon.files.filter((f) => !f.test && f.language !== 'other').map((f) => f.path);
  const tests = recon.files.filter((f) => f.test).map((f) => f.path);
  const rest = recon.files.filter((f) => !f.test && f.language === 'other').map((f) => f.path);
  const ranked = [...recon.entryPoints, ...recon.mapped.filter((p) => !byPath.get(p)?.test), ...sources, ...recon.mapped, ...tests, ...rest];
  return [...new Set(ranked.filter((p) => known.has(p)))];
}

/** Chooses the files to read within `budgetChars`, reading each candidate to measure it exactly. */
export async function chooseSample(workspace: ReadOnlyWorkspace, recon: Recon, budgetChars: number): Promise<AuditSample> {
  const sizes = new Map(recon.files.map((f) => [f.path, f.bytes]));
  const read: AuditSample['read'] = [];
  const notRead: AuditSample['notRead'] = [];
  let left = budgetChars;
  for (const path of rankFiles(recon)) {
    // The recon's size is a floor of what the file takes shown: no need to read one that cannot fit.
    if (left < AUDIT_MIN_FILE_CHARS || (sizes.get(path) ?? 0) > left) {
      notRead.push({ path, why: 'budget' });
      continue;
    }
    const got = await workspace.read(path);
    if (got.kind === 'missing') {
      notRead.push({ path, why: 'missing' });
      continue;
    }
    if (got.kind === 'refused' || got.text.includes('\u0000')) {
      notRead.push({ path, why: 'unreadable' });
      continue;
    }
    const shown = numberedFile(path, got.text);
    if (shown.body.length > left) {
      notRead.push({ path, why: 'budget' });
      continue;
    }
    left -= shown.body.length;
    read.push({ path, lines: shown.lines, chars: shown.body.length });
  }
  return { read, notRead, budgetChars };
}

/** The chosen files as a request shows them, read from disk now (never from an earlier copy). */
export async function sampleText(workspace: ReadOnlyWorkspace, sample: AuditSample): Promise<string> {
  const parts: string[] = [];
  for (const f of sample.read) {
    const got = await workspace.read(f.path);
    parts.push(got.kind === 'text' ? numberedFile(f.path, got.text).body : `## ${f.path}\n\n(no longer readable: ${got.kind === 'refused' ? got.reason : 'the file is gone'})\n`);
  }
  return parts.join('\n');
}
