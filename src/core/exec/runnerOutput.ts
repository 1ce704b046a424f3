/**
 * Reading test runners' output: the summary counts and the signs of a test file that did not load.
 * Known shapes: node --test (TAP and spec reporters), mocha, jest, vitest, pytest, and the plain
 * "N passed, N failed" line. Heuristic on purpose: what is not recognised is left unread.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function plainText(output: string): string {
  return output.replace(ANSI, '').replace(/\r\n?/g, '\n');
}

export interface Counts {
  failed: number;
  passed: number;
  /** Tests in all when the runner says; undefined otherwise. */
  total?: number;
}

const int = (s: string | undefined) => (s === undefined ? 0 : Number(s));

/** The run's summary counts, read from the last summary the output holds. */
export function readCounts(text: string): Counts | undefined {
  // node --test: "# fail 2" (TAP) or "ℹ fail 2" (spec).
  const node = (key: string) => [...text.matchAll(new RegExp(`^(?:#|ℹ) ${key} (\\d+)\\s*$`, 'gm'))].at(-1)?.[1];
  if (node('tests') !== undefined && node('fail') !== undefined) return { failed: int(node('fail')), passed: int(node('pass')), total: int(node('tests')) };
  // jest: "Tests:       2 failed, 1 passed, 3 total"
  const jest = [...text.matchAll(/^Tests:\s+(.*\btotal)\s*$/gm)].at(-1)?.[1];
  if (jest) return { failed: int(/(\d+) failed/.exec(jest)?.[1]), passed: int(/(\d+) passed/.exec(jest)?.[1]), total: int(/(\d+) total/.exec(jest)?.[1]) };
  // vitest: "      Tests  2 failed | 1 passed (3)" or "Tests  no tests"
  const vitest = [...text.matchAll(/^\s*Tests {2}(.*)$/gm)].at(-1)?.[1];
  if (vitest !== undefined) {
    if (/no tests/.test(vitest)) return { failed: 0, passed: 0, total: 0 };
    return { failed: int(/(\d+) failed/.exec(vitest)?.[1]), passed: int(/(\d+) passed/.exec(vitest)?.[1]), total: int(/\((\d+)\)/.exec(vitest)?.[1]) };
  }
  // mocha: "  1 passing (14ms)" / "  2 failing"
  const passing = [...text.matchAll(/^\s+(\d+) passing \(/gm)].at(-1)?.[1];
  if (passing !== undefined) {
    const failing = [...text.matchAll(/^\s+(\d+) failing\s*$/gm)].at(-1)?.[1];
    return { failed: int(failing), passed: int(passing), total: int(failing) + int(passing) };
  }
  // pytest: "==== 2 failed, 1 passed in 1.04s ====", "==== no tests ran in 0.81s ===="
  const pytest = [...text.matchAll(/^=+ (.*\bin [\d.]+s(?: \([^)]*\))?) =+\s*$/gm)].at(-1)?.[1];
  if (pytest) {
    const failed = int(/(\d+) failed/.exec(pytest)?.[1]) + int(/(\d+) errors?\b/.exec(pytest)?.[1]);
    const passed = int(/(\d+) passed/.exec(pytest)?.[1]);
    return { failed, passed, total: failed + passed + int(/(\d+) skipped/.exec(pytest)?.[1]) };
  }
  // The plain closing line: "N passed, N failed[, N skipped]", optionally after one word and a colon.
  const plain = [...text.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed(?:, \d+ skipped)?\s*$/gm)].at(-1);
  if (plain) return { failed: int(plain[2]), passed: int(plain[1]), total: int(plain[1]) + int(plain[2]) };
  return undefined;
}

export type LoadCause = 'syntax_error' | 'missing_module' | 'missing_export' | 'no_tests' | 'load_error';
export interface LoadFailure {
  cause: LoadCause;
  /** One line saying what failed, for people and for the model. */
  why: string;
  /** The module that could not be found, or whose export is missing. */
  module?: string;
}

/** Where the runner says a test file failed as a whole, rather than a test inside it. */
function fileFailed(text: string): boolean {
  return (
    /^\s*Exception during run:/m.test(text) || // mocha
    /● Test suite failed to run/.test(text) || // jest
    /^\s*FAIL\s+\S+ \[ .+ \]$/m.test(text) || // vitest (a suite, not a test)
    /^_+ ERROR collecting .+ _+$/m.test(text) || // pytest
    /error during collection/.test(text) ||
    // node --test: the file itself is the failing test, with 'test failed' as its error.
    /^(?:not ok \d+ - |\s*✖ )\S+\.(?:[cm]?[jt]sx?)(?: \([\d.]+ms\))?\n(?:[\s\S]{0,400}?)'test failed'/m.test(text)
  );
}

/** Why a test file did not load, when the output shows one that did not. */
export function readLoadFailure(text: string): LoadFailure | undefined {
  if (/Your test suite must contain at least one test|No test suite found in file/.test(text)) return { cause: 'no_tests', why: 'a test file holds no tests' };
  if (!fileFailed(text)) return undefined;
  const exportMissing = /The requested module '([^']+)' does not provide an export named '([^']+)'/.exec(text);
  if (exportMissing) return { cause: 'missing_export', module: exportMissing[1], why: `the test imports ${exportMissing[2]}, which ${exportMissing[1]} does not export` };
  const missing =
    /Cannot find module '([^']+)'/.exec(text) ?? /Failed to load url (\S+)/.exec(text) ?? /No module named '([^']+)'/.exec(text) ?? /Cannot find package '([^']+)'/.exec(text);
  if (missing) return { cause: 'missing_module', module: missing[1], why: `a test file could not load: module ${missing[1]} was not found` };
  const syntax = /^(?:#|E\b)?\s*(SyntaxError: .+)$/m.exec(text) ?? /(Failed to parse source .+?)\.(?: |$)/m.exec(text);
  if (syntax) {
    const where = /^(?:#\s*|\s*Exception during run: )?(?:file:\/\/)?(\/\S+?:\d+)\s*$/m.exec(text)?.[1] ?? /File "([^"]+)", line (\d+)/.exec(text)?.slice(1).join(':') ?? /SyntaxError: (\/\S+?):/.exec(text)?.[1];
    return { cause: 'syntax_error', why: `a test file has a syntax error${where ? ` (${where})` : ''}: ${(syntax[1] as string).trim()}` };
  }
  const first = /^(?:#|E\b)?\s*((?:\w*Error|Exception)\b.*)$/m.exec(text)?.[1];
  return { cause: 'load_error', why: `a test file failed before its tests ran${first ? `: ${first.trim()}` : ''}` };
}

/** node --test counts a file with no tests as one passing test named by its path. */
export function onlyFileEntries(text: string): boolean {
  const entries = [...text.matchAll(/^(?:ok \d+ - |✔ |not ok \d+ - |✖ )(.+?)(?: \([\d.]+ms\))?$/gm)].map((m) => m[1] as string);
  return entries.length > 0 && entries.every((e) => /^\/\S+\.(?:[cm]?[jt]sx?)$/.test(e));
}
