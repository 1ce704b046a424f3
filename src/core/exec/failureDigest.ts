/**
 * Test output trimmed to what a model needs to retry: the failing tests with their assertion
 * messages and the first frames of their stacks, load errors, and the summary; not passing tests,
 * runner internals or timing. Whatever is left past maxChars is cut from the middle.
 */
import { plainText } from './runnerOutput';

export const DEFAULT_DIGEST_CHARS = 4000;

/** Lines that never help a retry. */
const NOISE: RegExp[] = [
  /^\s*(?:✔|✓|√)\s/, // passing tests (node spec, mocha, jest)
  /^\s*ok \d+ - /, // passing tests (TAP)
  /^\s*# Subtest: /, // TAP repeats the name on its ok / not ok line
  /^\s*(?:---|\.\.\.)\s*$/, // TAP YAML fences
  /^\s*(?:duration_ms|type|failureType|exitCode|signal|code): /, // TAP YAML details
  /^\s*(?:#|ℹ) (?:suites|cancelled|skipped|todo|duration_ms) /, // node summary lines that carry no failure
  /^\s*(?:TAP version \d+|1\.\.\d+)\s*$/,
  /^\s*(?:Start at|Duration|Snapshots:|Time:|Ran all test suites)\b/, // vitest, jest
  /^(?:platform |rootdir: |plugins: |benchmark: |cachedir: |configfile: )/, // pytest header
  /^\s*(?:<frozen importlib\._bootstrap[^>]*>:\d+: in |\?\?\?\s*$)/, // pytest import machinery
  /^\s*RUN\s+v\d/, // vitest banner
];

/** A stack frame line (node, V8, vitest, TAP's YAML stack). */
const FRAME = /^\s*(?:at |❯ )|^\s+(?:async )?[\w$.<>[\] ]+ \((?:\/|node:|file:|<anonymous>)[^)]*\)\s*$|^\s+node:\S+:\d+:\d+\s*$/;
/** Frames inside the runtime or dependencies: never where the bug is. */
const FOREIGN_FRAME = /\bnode:|node_modules|\(internal\/|<anonymous>\)?\s*$/;
const FRAMES_KEPT = 3;

/** node --test's spec reporter prints each failure twice; its closing "failing tests:" list is enough. */
function dropSpecDuplicates(lines: string[]): string[] {
  const list = lines.findIndex((l) => /^✖ failing tests:\s*$/.test(l));
  if (list < 0) return lines;
  const firstResult = lines.findIndex((l) => /^\s*(?:✔|✖|▶) /.test(l));
  const summary = lines.filter((l, i) => i < list && /^ℹ /.test(l));
  return [...lines.slice(0, Math.max(0, firstResult)), ...summary, '', ...lines.slice(list)];
}

function trimLines(text: string): string {
  const out: string[] = [];
  let frames = 0;
  for (const line of dropSpecDuplicates(text.split('\n'))) {
    if (NOISE.some((n) => n.test(line))) continue;
    if (FRAME.test(line)) {
      if (FOREIGN_FRAME.test(line) || frames >= FRAMES_KEPT) continue;
      frames++;
    } else frames = 0;
    const trimmed = line.replace(/\s+$/, '');
    if (trimmed === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(trimmed);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** The first part and the last part of `text`, at line ends where possible, with a marker between. */
function headAndTail(text: string, maxChars: number): string {
  const marker = (n: number) => `\n[… ${n} characters cut …]\n`;
  const room = maxChars - marker(text.length).length;
  if (room <= 0) return text.slice(0, maxChars);
  // The tail holds the summary and often the failure list, so it gets the larger share.
  let headEnd = Math.floor(room * 0.4);
  let tailStart = text.length - (room - headEnd);
  const nl = text.lastIndexOf('\n', headEnd);
  if (nl > headEnd * 0.5) headEnd = nl;
  const nl2 = text.indexOf('\n', tailStart);
  if (nl2 >= 0 && nl2 < tailStart + (text.length - tailStart) * 0.5) tailStart = nl2 + 1;
  return text.slice(0, headEnd) + marker(tailStart - headEnd) + text.slice(tailStart);
}

/**
 * Trims test-runner output to what matters for a model retry: failing tests with their assertion
 * messages and stack heads, the summary lines; never more than maxChars. Works on node:test
 * (TAP/spec), mocha, jest/vitest, pytest output, and falls back to head+tail.
 */
export function failureDigest(output: string, maxChars = DEFAULT_DIGEST_CHARS): string {
  const trimmed = trimLines(plainText(output));
  return trimmed.length <= maxChars ? trimmed : headAndTail(trimmed, maxChars);
}
