/**
 * The parts of src/core/exec the waves use. TEMPORARY stand-ins until branch i8-exec lands (then
 * this file only re-exports them): same signatures as /work/notes/exec.md, simpler insides.
 */
import type { SplitResult } from '../../exec';

export type RedEvidence = { kind: 'tests_failed'; failed: number; passed?: number } | { kind: 'did_not_load'; why: string } | { kind: 'no_tests' } | { kind: 'unknown' };

export function splitCommand(line: string): SplitResult {
  if (/[|&;<>`$*?]/.test(line)) return { ok: false, reason: 'needs a shell' };
  const argv: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) argv.push(m[1] ?? m[2] ?? m[3]);
  return { ok: true, argv };
}

export function expandFiles(argv: readonly string[], files: readonly string[]): string[] {
  return argv.flatMap((w) => (w === '{files}' ? [...files] : [w]));
}

export function failureDigest(output: string, maxChars = 4000): string {
  if (output.length <= maxChars) return output;
  const half = Math.floor(maxChars / 2);
  return `${output.slice(0, half)}\n[… ${output.length - maxChars} characters cut …]\n${output.slice(-half)}`;
}

export function readRed(output: string, exitCode: number | null): RedEvidence {
  if (exitCode === 0) return { kind: 'unknown' };
  const fail = /^# fail (\d+)/m.exec(output);
  const pass = /^# pass (\d+)/m.exec(output);
  if (/SyntaxError/.test(output)) return { kind: 'did_not_load', why: 'SyntaxError' };
  if (fail && Number(fail[1]) > 0) return { kind: 'tests_failed', failed: Number(fail[1]), passed: pass ? Number(pass[1]) : undefined };
  if (/^# tests 0/m.test(output)) return { kind: 'no_tests' };
  return { kind: 'unknown' };
}
