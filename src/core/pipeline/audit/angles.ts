/**
 * What each AUDIT reviewer reads beyond the shared core, by its angle, so that three reviews cover
 * more of a large project than one shared sample would: the ceo the files the rest of the code refers
 * to most (the map's ranking); qc the tests and the code each one tests; the architect boundaries,
 * configuration and security-relevant code. Each list is every file of the folder, best first; trivial
 * tiny files and test fixtures come last in all of them, so they never take the budget of a central file.
 */
import type { Recon, ReconFile } from '../../codemap/recon';
import type { Auditor } from './auditFindings';
import { isFixture } from './coreFiles';

/** Files this small (lines) say little: read only when nothing central is left. */
export const TINY_LINES = 5;

/** Path words of code at a boundary or with a security bearing. */
const BOUNDARY = /(?:^|[/_.-])(?:index|ports?|api|routes?|router|server|client|gateway|auth\w*|login|session|secur\w*|permissions?|policy|config\w*|settings?|env|secrets?|keys?|tokens?|crypto|sandbox|exec\w*|spawn|shell|process|http|request|middleware|boundary|schema\w*|validat\w*|sanitiz\w*|guard\w*|approval\w*)(?:[/_.-]|$)/i;

/** Configuration of the build, the checks, the container and CI. */
const CONFIG = /(?:^|\/)(?:tsconfig[^/]*\.json|\.?eslint[^/]*|[^/]+\.config\.[cm]?[jt]s|\.dependency-cruiser[^/]*|Dockerfile[^/]*|docker-compose[^/]*|Makefile|\.github\/workflows\/[^/]+|\.gitlab-ci\.yml|esbuild\.[cm]?js|webpack[^/]*\.js|setup\.cfg|tox\.ini|\.env\.example)$/;

export interface Angles {
  /** Each reviewer's files, best first. */
  lists: Record<Auditor, string[]>;
  /** Files a reviewer reads even when another has them: for qc, the code each of its tests tests. */
  alongside: Record<Auditor, Set<string>>;
  /** A file read only together with another (qc: a test with the code it tests), so neither comes alone. */
  pairs: Record<Auditor, Map<string, string>>;
}

export function angleLists(recon: Recon): Angles {
  const byPath = new Map(recon.files.map((f) => [f.path, f]));
  const mappedRank = new Map(recon.mapped.map((p, i) => [p, i]));
  const byMap = (a: string, b: string): number => (mappedRank.get(a) ?? Infinity) - (mappedRank.get(b) ?? Infinity) || a.localeCompare(b);
  const sources = recon.files.filter((f) => isSource(f)).map((f) => f.path).sort(byMap);
  const tests = recon.files.filter((f) => f.test && !isFixture(f.path)).map((f) => f.path);
  const all = recon.files.map((f) => f.path);

  const ceo = [...sources, ...all.filter((p) => /\.md$/i.test(p) && !isFixture(p))];
  const paired = testsWithSubjects(tests, sources, byMap);
  const qc = [...paired.flatMap((p) => (p.subject ? [p.test, p.subject] : [p.test])), ...sources];
  const architect = [...sources.filter((p) => BOUNDARY.test(p)), ...all.filter((p) => CONFIG.test(p)), ...sources];
  const finish = (list: string[]): string[] => {
    const ranked = [...new Set([...list, ...sources, ...tests, ...all])];
    const weight = (p: string): number => {
      const f = byPath.get(p);
      return isFixture(p) ? 2 : f && f.lines <= TINY_LINES ? 1 : 0;
    };
    return ranked.map((p, i) => ({ p, i, w: weight(p) })).sort((a, b) => a.w - b.w || a.i - b.i).map((x) => x.p);
  };
  const subjects = new Set(paired.flatMap((p) => (p.subject ? [p.subject] : [])));
  return {
    lists: { ceo: finish(ceo), qc: finish(qc), architect: finish(architect) },
    alongside: { ceo: new Set(), qc: subjects, architect: new Set() },
    pairs: { ceo: new Map(), qc: new Map(paired.flatMap((p) => (p.subject ? [[p.test, p.subject] as [string, string]] : []))), architect: new Map() },
  };
}

function isSource(f: ReconFile): boolean {
  return !f.test && f.language !== 'other' && f.language !== 'markdown' && f.language !== 'json' && !isFixture(f.path);
}

/**
 * Each test followed by the source it tests, the tests of the most referred-to code first. The subject
 * is found by name: `foo.test.ts`, `foo.spec.js`, `test_foo.py`, `foo_test.go`, `FooTest.java` test `foo`.
 */
function testsWithSubjects(tests: string[], sources: string[], byMap: (a: string, b: string) => number): Array<{ test: string; subject: string | undefined }> {
  const byStem = new Map<string, string[]>();
  for (const s of sources) {
    const k = stem(s);
    byStem.set(k, [...(byStem.get(k) ?? []), s]);
  }
  // Only a file named as a test (not a helper under test/) is paired with the code it tests.
  const pairs = tests.map((t) => ({ test: t, subject: NAMED_TEST.test(baseName(t)) ? (byStem.get(subjectStem(t)) ?? [])[0] : undefined }));
  pairs.sort((a, b) => (a.subject && b.subject ? byMap(a.subject, b.subject) : a.subject ? -1 : b.subject ? 1 : a.test.localeCompare(b.test)));
  return pairs;
}

const NAMED_TEST = /\.(test|spec)$|^test_|_test$|(Tests?|IT)$/;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
}

function stem(path: string): string {
  return baseName(path).toLowerCase();
}

function subjectStem(test: string): string {
  const name = baseName(test);
  const bare = /\.(test|spec)$/.test(name) ? name.replace(/\.(test|spec)$/, '') : /^test_/.test(name) ? name.slice(5) : /_test$/.test(name) ? name.slice(0, -5) : name.replace(/(Tests?|IT)$/, '');
  return bare.toLowerCase();
}
