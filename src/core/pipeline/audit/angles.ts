/**
 * What each AUDIT reviewer reads beyond the shared core, by its angle, so that three reviews cover
 * more of a large project than one shared sample would: the ceo the central code; qc the tests and
 * the code each one tests; the architect boundaries, configuration and security-relevant code.
 * Within every angle, code is ranked by its standing: files that do things (behaviour: bodies,
 * branches, loops) before files of declarations only, then by how much they do and how much the
 * rest of the code refers to them together — so a file of interfaces everyone imports never takes
 * the place of the runner that uses them. Tests come only in qc's angle, before the rest. Each list
 * is every file of the folder, best first; trivial tiny files and test fixtures come last in all of
 * them, so they never take the budget of a central file.
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
  /** A file read only together with another (qc: a test with the code it tests), so neither comes alone. */
  pairs: Record<Auditor, Map<string, string>>;
}

/**
 * The lists for a recon, given how much each source file does (behaviour.ts: `logic`, by path; a file
 * not in it counts 0). How much the rest refers to a file is the recon's `refs`, or for a recon
 * without them its place in the map's ranking.
 */
export function angleLists(recon: Recon, logic: ReadonlyMap<string, number> = new Map()): Angles {
  const byPath = new Map(recon.files.map((f) => [f.path, f]));
  const best = byStanding(recon, logic);
  const sources = recon.files.filter((f) => isSource(f)).map((f) => f.path).sort(best);
  const tests = recon.files.filter((f) => f.test && !isFixture(f.path)).map((f) => f.path);
  const all = recon.files.map((f) => f.path);

  const ceo = [...sources, ...all.filter((p) => /\.md$/i.test(p) && !isFixture(p))];
  const paired = testsWithSubjects(tests, sources, best);
  // Every test first (each brings the code it tests: `pairs`), then code alone: qc never spends its
  // room on code without its test while a test that fits with its code is left.
  const qc = [...paired.map((p) => p.test), ...sources];
  const architect = [...sources.filter((p) => BOUNDARY.test(p)), ...all.filter((p) => CONFIG.test(p)), ...sources];
  const finish = (list: string[]): string[] => {
    const ranked = [...new Set([...list, ...sources, ...tests, ...all])];
    const weight = (p: string): number => {
      const f = byPath.get(p);
      return isFixture(p) ? 2 : f && f.lines <= TINY_LINES ? 1 : 0;
    };
    return ranked.map((p, i) => ({ p, i, w: weight(p) })).sort((a, b) => a.w - b.w || a.i - b.i).map((x) => x.p);
  };
  return {
    lists: { ceo: finish(ceo), qc: finish(qc), architect: finish(architect) },
    pairs: { ceo: new Map(), qc: new Map(paired.flatMap((p) => (p.subject ? [[p.test, p.subject] as [string, string]] : []))), architect: new Map() },
  };
}

/**
 * Best first: a file with behaviour before one without; then by (1 + logic) × (1 + refs), so doing
 * much and being used much both count and neither alone wins; then by path, for the same order on
 * every run.
 */
function byStanding(recon: Recon, logic: ReadonlyMap<string, number>): (a: string, b: string) => number {
  const mapped = new Map(recon.mapped.map((p, i) => [p, recon.mapped.length - i]));
  const refs = new Map(recon.files.map((f) => [f.path, typeof f.refs === 'number' ? f.refs : (mapped.get(f.path) ?? 0)]));
  const standing = new Map(recon.files.map((f) => [f.path, { does: (logic.get(f.path) ?? 0) > 0 ? 1 : 0, score: (1 + (logic.get(f.path) ?? 0)) * (1 + (refs.get(f.path) ?? 0)) }]));
  const none = { does: 0, score: 0 };
  return (a, b) => {
    const x = standing.get(a) ?? none;
    const y = standing.get(b) ?? none;
    return y.does - x.does || y.score - x.score || a.localeCompare(b);
  };
}

/** Code of the project (not a test, a fixture, a document or data): what `logic` is measured for. */
export function isSource(f: ReconFile): boolean {
  return !f.test && f.language !== 'other' && f.language !== 'markdown' && f.language !== 'json' && !isFixture(f.path);
}

/**
 * Each test followed by the source it tests, the tests of the best-standing code first. The subject
 * is found by name: `foo.test.ts`, `foo.spec.js`, `test_foo.py`, `foo_test.go`, `FooTest.java` test `foo`.
 */
function testsWithSubjects(tests: string[], sources: string[], best: (a: string, b: string) => number): Array<{ test: string; subject: string | undefined }> {
  const byStem = new Map<string, string[]>();
  for (const s of sources) {
    const k = stem(s);
    byStem.set(k, [...(byStem.get(k) ?? []), s]);
  }
  // Only a file named as a test (not a helper under test/) is paired with the code it tests.
  const pairs = tests.map((t) => ({ test: t, subject: NAMED_TEST.test(baseName(t)) ? (byStem.get(subjectStem(t)) ?? [])[0] : undefined }));
  pairs.sort((a, b) => (a.subject && b.subject ? best(a.subject, b.subject) : a.subject ? -1 : b.subject ? 1 : a.test.localeCompare(b.test)));
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
