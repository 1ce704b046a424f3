/**
 * Whether a file looks like a test, by its name and place: *.test.*, *.spec.*, *_test.go,
 * test_*.py / *_test.py, *Test.java, and source files under a test/tests/__tests__/spec folder
 * (Java's src/test/ included). Fixtures and test data under those folders are not tests.
 */
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs', 'e2e']);
const DATA_DIRS = new Set(['fixtures', '__fixtures__', 'testdata', 'test-data', '__snapshots__', 'snapshots', 'data']);
const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|php|cs|swift|scala)$/i;

export function isTestFile(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  if (!SOURCE.test(name)) return false;
  if (/\.(?:test|spec)\.[^.]+$/i.test(name)) return true;
  if (/_test\.go$/.test(name)) return true;
  if (/^test_.*\.py$|_test\.py$/.test(name)) return true;
  if (/(?:Test|Tests|IT)\.(?:java|kt)$/.test(name)) return true;
  const dirs = parts.slice(0, -1).map((d) => d.toLowerCase());
  if (dirs.some((d) => DATA_DIRS.has(d))) return false;
  return dirs.some((d) => TEST_DIRS.has(d));
}

/**
 * Whether a path lies in a test or test-data folder (test/, fixtures/, testdata/ …): what is there
 * belongs to the tests, so its programs and manifests are not the project's entry points.
 */
export function inTestOrFixtureFolder(path: string): boolean {
  return path.split('/').slice(0, -1).some((d) => TEST_DIRS.has(d.toLowerCase()) || DATA_DIRS.has(d.toLowerCase()));
}
