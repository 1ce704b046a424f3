import { readFile, stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { inTestOrFixtureFolder } from './testFiles';

/**
 * How a project's tests run and where its program starts, from its build files and the names of
 * its files. Only what is declared or conventional is reported; nothing is guessed from content
 * except Java's `public static void main` (read by the caller, which has the text).
 */

interface PackageJson {
  main?: unknown;
  bin?: unknown;
  scripts?: { test?: unknown };
}

/** npm's placeholder `test` script: it runs nothing. */
const NPM_PLACEHOLDER = /no test specified/;

async function readText(root: string, rel: string): Promise<string | null> {
  try {
    return await readFile(join(root, rel), 'utf8');
  } catch {
    return null;
  }
}

async function packageJson(root: string): Promise<PackageJson | null> {
  const text = await readText(root, 'package.json');
  if (text === null) return null;
  try {
    const data: unknown = JSON.parse(text);
    return data && typeof data === 'object' ? (data as PackageJson) : null;
  } catch {
    return null;
  }
}

/** The files at the root (what build files are looked for among): a few, out of what may be tens of thousands of paths. */
function rootFiles(paths: readonly string[]): ReadonlySet<string> {
  return new Set(paths.filter((p) => !p.includes('/')));
}

/** The command that runs the tests, without a shell; null when none is declared or conventional. `paths`: the project's files. */
export async function detectTestCommand(root: string, allPaths: readonly string[]): Promise<string | null> {
  const pkg = await packageJson(root);
  const script = pkg?.scripts?.test;
  if (typeof script === 'string' && script.trim() !== '' && !NPM_PLACEHOLDER.test(script)) return 'npm test';
  const paths = rootFiles(allPaths);
  if (paths.has('go.mod')) return 'go test ./...';
  if (paths.has('Cargo.toml')) return 'cargo test';
  if (paths.has('pom.xml')) return 'mvn test';
  if (paths.has('build.gradle') || paths.has('build.gradle.kts')) return paths.has('gradlew') ? './gradlew test' : 'gradle test';
  if (await usesPytest(root, paths, allPaths)) return 'pytest';
  const make = paths.has('Makefile') ? await readText(root, 'Makefile') : null;
  if (make && /^test\s*:/m.test(make)) return 'make test';
  return null;
}

async function usesPytest(root: string, paths: ReadonlySet<string>, allPaths: readonly string[]): Promise<boolean> {
  if (paths.has('pytest.ini') || paths.has('conftest.py')) return true;
  for (const [file, marker] of [['pyproject.toml', '[tool.pytest'], ['setup.cfg', '[tool:pytest]'], ['tox.ini', '[pytest]']] as const) {
    if (paths.has(file) && (await readText(root, file))?.includes(marker)) return true;
  }
  // Python test files by pytest's naming convention are enough: pytest also runs unittest cases.
  return allPaths.some((p) => p.endsWith('.py') && /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/.test(p));
}

/** Conventional entry files, at the root only. */
const ROOT_ENTRIES = new Set(['main.py', 'app.py', 'manage.py', 'index.js', 'server.js', 'main.js']);

/** Folders of build output: a declared entry point there that is absent is "not built" rather than "missing". */
const BUILD_OUTPUT = new Set(['dist', 'build', 'out', 'target']);

async function isFile(root: string, rel: string): Promise<boolean> {
  try {
    return (await stat(join(root, rel))).isFile();
  } catch {
    return false;
  }
}

/**
 * The file a manifest's main/bin names, as Node loads it (as written, then with .js/.cjs/.mjs/.json,
 * then the folder's index.js); a file that is not there is named with why: "dist/cli.js (not built)"
 * under a build-output folder, "lib/x.js (missing)" elsewhere — never given as a file to read.
 */
async function declaredEntry(root: string, declared: string): Promise<string> {
  const path = posix.normalize(declared.trim().replace(/\\/g, '/')).replace(/^\.\//, '');
  for (const candidate of [path, `${path}.js`, `${path}.cjs`, `${path}.mjs`, `${path}.json`, `${path}/index.js`]) {
    if (await isFile(root, candidate)) return candidate;
  }
  return `${path} (${BUILD_OUTPUT.has(path.split('/')[0] ?? '') ? 'not built' : 'missing'})`;
}

/**
 * Where the program starts: package.json main/bin, main.go, __main__.py, src/main.rs, src/bin/*.rs …
 * Files in test and fixture folders are left out: their programs are the tests' material.
 */
export async function detectEntryPoints(root: string, paths: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  const pkg = await packageJson(root);
  const declared: unknown[] = [pkg?.main, ...(typeof pkg?.bin === 'string' ? [pkg.bin] : Object.values((pkg?.bin as object | undefined) ?? {}))];
  for (const d of declared) if (typeof d === 'string' && d.trim()) out.add(await declaredEntry(root, d));
  for (const p of paths) {
    // Most paths end otherwise: cut out the name only for those that may be an entry.
    if (!(p.endsWith('main.go') || p.endsWith('__main__.py') || p.endsWith('.rs') || !p.includes('/'))) continue;
    const name = p.slice(p.lastIndexOf('/') + 1);
    const entry = name === 'main.go' || name === '__main__.py' || (name.endsWith('.rs') && /(?:^|\/)src\/main\.rs$|(?:^|\/)src\/bin\/[^/]+\.rs$/.test(p)) ||
      (name === p && ROOT_ENTRIES.has(name));
    if (entry && !inTestOrFixtureFolder(p)) out.add(p);
  }
  return [...out];
}
