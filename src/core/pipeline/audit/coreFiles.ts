/**
 * The files every AUDIT reviewer reads first, whatever the folder's size: the project's README and
 * manifest (what it says it is), and the SOURCE of its entry points (where it starts). An entry point
 * declared under a build folder (dist/, build/, out/, lib/) is built output, often absent from a clean
 * clone: its source is looked for by a simple rule (sourceOf), the same path or name under src/ with a
 * source extension. Test fixtures are never the project's entry points.
 */
import type { Recon } from '../../codemap/recon';

/** What the project says it is: README.md, README.rst, readme.txt … at the root. */
const README = /^readme(\.[a-z0-9]+)?$/i;

/** Build and package files that say what the project is, what it depends on and how it runs (at the root). */
const MANIFESTS = [
  'package.json',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'requirements.txt',
  'go.mod',
  'Cargo.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'Gemfile',
  'composer.json',
  'mix.exs',
  'CMakeLists.txt',
  'deno.json',
];

const BUILD_DIRS = new Set(['dist', 'build', 'out', 'lib']);
const SOURCE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Folders of test data: what is in them is not the project's code (and never its entry point). */
const FIXTURE_DIRS = new Set(['fixtures', '__fixtures__', 'testdata', 'test-data']);

/**
 * Lockfiles of every ecosystem: generated, often the largest file of a project, and saying nothing the
 * manifest does not. No reviewer reads one.
 */
const LOCKFILE = /(?:^|\/)(?:[^/]+\.lock|[^/]+-lock\.(?:json|ya?ml)|npm-shrinkwrap\.json|go\.sum|gradle\.lockfile|packages\.lock\.json|bun\.lockb)$/;

export function isLockfile(path: string): boolean {
  return LOCKFILE.test(path);
}

export function isFixture(path: string): boolean {
  return path.split('/').slice(0, -1).some((d) => FIXTURE_DIRS.has(d.toLowerCase()));
}

export interface EntryPoint {
  /** As recon found it (package.json main/bin, main.go …). */
  declared: string;
  /** The file read for it: itself, or the source that builds it; null when neither is in the folder. */
  source: string | null;
}

export function readmesAndManifests(recon: Recon): string[] {
  const top = recon.files.map((f) => f.path).filter((p) => !p.includes('/'));
  const readmes = top.filter((p) => README.test(p)).sort((a, b) => rankReadme(a) - rankReadme(b) || a.localeCompare(b));
  const manifests = MANIFESTS.filter((m) => top.includes(m));
  const csproj = top.filter((p) => /\.(cs|fs)proj$/.test(p));
  return [...readmes, ...manifests, ...csproj];
}

/** README.md before README.rst before the rest: the one most projects keep current. */
function rankReadme(p: string): number {
  return /\.md$/i.test(p) ? 0 : /\.(rst|txt)$/i.test(p) ? 1 : 2;
}

/** Each entry point recon found, with the file read for it; fixtures and test files left out. */
export function entryPointSources(recon: Recon): EntryPoint[] {
  const known = new Set(recon.files.map((f) => f.path));
  const tests = new Set(recon.testFiles);
  const sources = recon.files.filter((f) => !f.test && !isFixture(f.path)).map((f) => f.path);
  const out: EntryPoint[] = [];
  for (const declared of recon.entryPoints) {
    if (isFixture(declared) || tests.has(declared)) continue;
    out.push({ declared, source: sourceOf(declared, known, sources) });
  }
  return out;
}

function sourceOf(path: string, known: ReadonlySet<string>, sources: readonly string[]): string | null {
  const parts = path.split('/');
  if (parts.length < 2 || !BUILD_DIRS.has(parts[0] as string)) return known.has(path) ? path : null;
  const rest = parts.slice(1).join('/').replace(/\.[^./]+$/, '');
  const base = rest.slice(rest.lastIndexOf('/') + 1);
  // The same path under src/ or the root; a folder of that name with an index; else the shallowest
  // file of that name under src/ (dist/extension.js ← src/vscode/extension.ts).
  for (const stem of [`src/${rest}`, `src/${base}`, rest, `src/${rest}/index`, `src/${base}/index`, `${rest}/index`]) {
    for (const ext of SOURCE_EXTS) if (known.has(stem + ext)) return stem + ext;
  }
  const named = sources
    .filter((p) => p.startsWith('src/') && SOURCE_EXTS.some((ext) => p.endsWith(`/${base}${ext}`)))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  if (named.length) return named[0] as string;
  // lib/ is often the source itself (plain JavaScript packages); dist/, build/ and out/ hold built output only.
  return parts[0] === 'lib' && known.has(path) ? path : null;
}
