/**
 * Test runners' output read test by test: each test's name path, whether it passed, failed or was
 * skipped, and for a failure the part of the output about it. UPDATE compares a run with the
 * project's baseline this way, so a test that passed before and fails now can be named and its own
 * failure shown. Known shapes: node --test (TAP and spec), mocha spec, jest (verbose), pytest -v.
 * Anything else is undefined: the caller then judges the run as a whole.
 */
import { plainText } from './runnerOutput';

export type TestStatus = 'passed' | 'failed' | 'skipped';

export interface TestResult {
  /** The test's name path, suites first, joined with ' > ' (pytest: its node id). */
  id: string;
  status: TestStatus;
  /** For a failure: what the runner printed about it (message, expected/actual, first frames). */
  failure?: string;
}

export type TestFormat = 'tap' | 'node_spec' | 'mocha' | 'jest' | 'pytest';

export interface TestResults {
  format: TestFormat;
  tests: TestResult[];
}

/** Characters of one test's failure text kept. */
const FAILURE_CHARS = 1500;

export function readTestResults(output: string): TestResults | undefined {
  const lines = plainText(output).split('\n');
  const readers: Array<[TestFormat, (l: string[]) => TestResult[] | undefined]> = [
    ['pytest', readPytest],
    ['jest', readJest],
    ['mocha', readMocha],
    ['tap', readTap],
    ['node_spec', readNodeSpec],
  ];
  for (const [format, read] of readers) {
    const tests = read(lines);
    if (tests !== undefined && tests.length > 0) return { format, tests: uniqueIds(tests) };
  }
  return undefined;
}

const indentOf = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0;
const pathId = (names: readonly string[], name: string): string => [...names, name].join(' > ');

/** Two tests of one name (in two files): the second is `name #2`, so neither hides the other. */
function uniqueIds(tests: TestResult[]): TestResult[] {
  const seen = new Map<string, number>();
  return tests.map((t) => {
    const n = (seen.get(t.id) ?? 0) + 1;
    seen.set(t.id, n);
    return n === 1 ? t : { ...t, id: `${t.id} #${n}` };
  });
}

function clipFailure(lines: readonly string[]): string {
  // Frames inside the runtime never show where the bug is.
  const kept = lines.filter((l) => !/\bnode:internal|node:async_hooks|\(node:|^\s*duration_ms:/.test(l));
  const text = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.length <= FAILURE_CHARS ? text : `${text.slice(0, FAILURE_CHARS)}\n[… cut]`;
}

/** node --test's TAP: `# Subtest:` headers name suites; an entry that had entries under it is a suite, not a test. */
function readTap(lines: string[]): TestResult[] | undefined {
  const entry = /^(\s*)(not ok|ok) \d+ - (.*?)(?:\s+#\s+(SKIP|TODO)\b.*)?$/i;
  if (!lines.some((l) => entry.test(l))) return undefined;
  const names: string[] = [];
  const hadChildren: boolean[] = [];
  const out: TestResult[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (header) {
      const depth = Math.floor((header[1] as string).length / 4);
      names.length = depth;
      names[depth] = header[2] as string;
      continue;
    }
    const m = entry.exec(line);
    if (!m) continue;
    const depth = Math.floor((m[1] as string).length / 4);
    if (depth > 0) hadChildren[depth - 1] = true;
    const parent = hadChildren[depth] === true;
    hadChildren[depth] = false;
    if (parent) continue;
    const name = m[3] as string;
    const status: TestStatus = m[4] ? 'skipped' : m[2] === 'ok' ? 'passed' : 'failed';
    const result: TestResult = { id: pathId(names.slice(0, depth), name), status };
    if (status === 'failed') {
      const block: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j] as string;
        if (next.trim() !== '' && indentOf(next) <= (m[1] as string).length) break;
        block.push(next);
        if (/^\s*\.\.\.\s*$/.test(next)) break;
      }
      result.failure = clipFailure([line, ...block.filter((l) => !/^\s*(?:---|\.\.\.)\s*$/.test(l))]);
    }
    out.push(result);
  }
  return out;
}

/** node --test's spec reporter: `▶ suite` opens (and closes) a suite, `✔`/`✖` are tests. */
function readNodeSpec(lines: string[]): TestResult[] | undefined {
  const end = lines.findIndex((l) => /^✖ failing tests:\s*$/.test(l));
  const body = end < 0 ? lines : lines.slice(0, end);
  const entry = /^(\s*)(✔|✖|﹣|▶) (.*?)(?: \([\d.]+m?s\))?(\s+#\s+(?:SKIP|TODO)\b.*)?$/;
  if (!body.some((l) => /^\s*(?:✔|✖) /.test(l))) return undefined;
  const names: string[] = [];
  const open: boolean[] = [];
  const out: TestResult[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = body[i] as string;
    const m = entry.exec(line);
    if (!m) continue;
    const indent = (m[1] as string).length;
    const depth = Math.floor(indent / 2);
    const name = m[3] as string;
    if (m[2] === '▶') {
      if (open[depth] && names[depth] === name) open[depth] = false;
      else {
        names.length = depth;
        names[depth] = name;
        open[depth] = true;
      }
      continue;
    }
    // A failing suite closes with ✖ and its own name.
    if (open[depth] && names[depth] === name) {
      open[depth] = false;
      continue;
    }
    const status: TestStatus = m[4] || m[2] === '﹣' ? 'skipped' : m[2] === '✔' ? 'passed' : 'failed';
    const result: TestResult = { id: pathId(names.slice(0, depth), name), status };
    if (status === 'failed') result.failure = clipFailure([line.trim(), ...indentedAfter(body, i, indent)]);
    out.push(result);
  }
  return out;
}

/** The lines after `at` indented deeper than `indent` (blank lines inside kept). */
function indentedAfter(lines: readonly string[], at: number, indent: number): string[] {
  const block: string[] = [];
  for (let j = at + 1; j < lines.length; j++) {
    const next = lines[j] as string;
    if (next.trim() !== '' && indentOf(next) <= indent) break;
    block.push(next);
  }
  return block;
}

/** Failure sections of mocha (`  1) suite\n       test:`) and jest (`  ● suite › test`), by their first line's key. */
function sections(lines: readonly string[], start: RegExp, stop: RegExp): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const m = start.exec(line);
    if (m) {
      current = [];
      found.set(m[1] as string, current);
      continue;
    }
    if (stop.test(line)) current = undefined;
    else current?.push(line);
  }
  return found;
}

/** mocha's spec reporter: titles indented by suite, `✔ test`, `N) test`, `- pending`; failures listed by number after the summary. */
function readMocha(lines: string[]): TestResult[] | undefined {
  const summary = lines.findIndex((l) => /^\s+\d+ passing \(/.test(l));
  if (summary < 0) return undefined;
  const failures = sections(lines.slice(summary), /^ {2}(\d+)\) /, /^\s+\d+ (?:passing|failing|pending)\b/);
  const names: string[] = [];
  const out: TestResult[] = [];
  for (const line of lines.slice(0, summary)) {
    if (line.trim() === '') continue;
    const depth = Math.max(0, Math.floor(indentOf(line) / 2) - 1);
    const pass = /^\s*(?:✔|✓) (.*?)(?: \(\d+ms\))?$/.exec(line);
    const fail = /^\s*(\d+)\) (.*)$/.exec(line);
    const pending = /^\s*- (.*)$/.exec(line);
    if (pass) out.push({ id: pathId(names.slice(0, depth), pass[1] as string), status: 'passed' });
    else if (fail) {
      const text = failures.get(fail[1] as string);
      out.push({ id: pathId(names.slice(0, depth), fail[2] as string), status: 'failed', ...(text && { failure: clipFailure([line.trim(), ...text]) }) });
    } else if (pending) out.push({ id: pathId(names.slice(0, depth), pending[1] as string), status: 'skipped' });
    else {
      names.length = depth;
      names[depth] = line.trim();
    }
  }
  return out;
}

/** jest (verbose): per file `PASS/FAIL file`, then suites indented with `✓`/`✕`/`○` tests, then that file's `● suite › test` failure sections. */
function readJest(lines: string[]): TestResult[] | undefined {
  if (!lines.some((l) => /^(?:PASS|FAIL) \S/.test(l)) || !lines.some((l) => /^\s*(?:✓|✕|√|×) /.test(l))) return undefined;
  const failures = sections(lines, /^\s*● (.+)$/, /^(?:PASS|FAIL) \S|^Test Suites:/);
  const names: string[] = [];
  const out: TestResult[] = [];
  let inFailures = false;
  for (const line of lines) {
    if (/^(?:PASS|FAIL) \S/.test(line)) {
      names.length = 0;
      inFailures = false;
      continue;
    }
    if (/^\s*● /.test(line) || /^(?:Tests|Test Suites|Snapshots|Time):/.test(line)) inFailures = true;
    if (inFailures || line.trim() === '') continue;
    const depth = Math.max(0, Math.floor(indentOf(line) / 2) - 1);
    const m = /^\s*(✓|✕|√|×|○) (?:skipped )?(.*?)(?: \(\d+ ?ms\))?$/.exec(line);
    if (!m) {
      names.length = depth;
      names[depth] = line.trim();
      continue;
    }
    const id = pathId(names.slice(0, depth), m[2] as string);
    const status: TestStatus = m[1] === '○' ? 'skipped' : m[1] === '✓' || m[1] === '√' ? 'passed' : 'failed';
    const text = status === 'failed' ? failures.get(id.split(' > ').join(' › ')) : undefined;
    out.push({ id, status, ...(text && { failure: clipFailure([`● ${id}`, ...text]) }) });
  }
  return out;
}

/** pytest -v: `file::test PASSED`; failures as `___ test ___` sections under FAILURES. */
function readPytest(lines: string[]): TestResult[] | undefined {
  const entry = /^(\S+::\S.*?) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b/;
  if (!lines.some((l) => entry.test(l))) return undefined;
  const failures = sections(lines, /^_{3,} (.+?) _{3,}$/, /^={3,}/);
  const out: TestResult[] = [];
  for (const line of lines) {
    const m = entry.exec(line);
    if (!m) continue;
    const id = m[1] as string;
    const word = m[2] as string;
    // An expected failure either way is no failure: XFAIL failed as marked, XPASS passed (a strict
    // xfail that passes is printed FAILED), and pytest exits 0 for both.
    const status: TestStatus = word === 'PASSED' || word === 'XFAIL' || word === 'XPASS' ? 'passed' : word === 'SKIPPED' ? 'skipped' : 'failed';
    // pytest titles a failure by the node id after the file, `::` as `.`.
    const text = status === 'failed' ? failures.get(id.split('::').slice(1).join('.')) : undefined;
    out.push({ id, status, ...(text && { failure: clipFailure([`${id} ${word}`, ...text]) }) });
  }
  return out;
}
