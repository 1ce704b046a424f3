import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';

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

/** The command that runs the tests, without a shell; null when none is declared or conventional. */
export async function detectTestCommand(root: string, paths: ReadonlySet<string>): Promise<string | null> {
  const pkg = await packageJson(root);
  const script = pkg?.scripts?.test;
  if (typeof script === 'string' && script.trim() !== '' && !NPM_PLACEHOLDER.test(script)) return 'npm test';
  if (paths.has('go.mod')) return 'go test ./...';
  if (paths.has('Cargo.toml')) return 'cargo test';
  if (paths.has('pom.xml')) return 'mvn test';
  if (paths.has('build.gradle') || paths.has('build.gradle.kts')) return paths.has('gradlew') ? './gradlew test' : 'gradle test';
  if (await usesPytest(root, paths)) return 'pytest';
  const make = paths.has('Makefile') ? await readText(root, 'Makefile') : null;
  if (make && /^test\s*:/m.test(make)) return 'make test';
  return null;
}

async function usesPytest(root: string, paths: ReadonlySet<string>): Promise<boolean> {
  if (paths.has('pytest.ini') || paths.has('conftest.py')) return true;
  for (const [file, marker] of [['pyproject.toml', '[tool.pytest'], ['setup.cfg', '[tool:pytest]'], ['tox.ini', '[pytest]']] as const) {
    if (paths.has(file) && (await readText(root, file))?.includes(marker)) return true;
  }
  // Python test files by pytest's naming convention are enough: pytest also runs unittest cases.
  return [...paths].some((p) => /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/.test(p));
}

/** Where the program starts: package.json main/bin, main.go, __main__.py, src/main.rs, src/bin/*.rs … */
export async function detectEntryPoints(root: string, paths: ReadonlySet<string>): Promise<string[]> {
  const out = new Set<string>();
  const pkg = await packageJson(root);
  const declared: unknown[] = [pkg?.main, ...(typeof pkg?.bin === 'string' ? [pkg.bin] : Object.values((pkg?.bin as object | undefined) ?? {}))];
  for (const d of declared) if (typeof d === 'string' && d.trim()) out.add(posix.normalize(d.trim()).replace(/^\.\//, ''));
  for (const p of paths) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (name === 'main.go' || name === '__main__.py' || /(?:^|\/)src\/main\.rs$|(?:^|\/)src\/bin\/[^/]+\.rs$/.test(p)) out.add(p);
    else if (!p.includes('/') && ['main.py', 'app.py', 'manage.py', 'index.js', 'server.js', 'main.js'].includes(name)) out.add(p);
  }
  return [...out];
}
