/**
 * Whether a file looks like a test, by its name and place: *.test.*, *.spec.*, *_test.go,
 * test_*.py / *_test.py, *Test.java, and source files under a test/tests/__tests__/spec folder
 * (Java's src/test/ included). Fixtures and test data under those folders are not tests.
 * Folders are matched with one pattern over the path (called for every file of every recon).
 */
const TEST_DIR = /(?:^|\/)(?:test|tests|__tests__|spec|specs|e2e)\//i;
const DATA_DIR = /(?:^|\/)(?:fixtures|__fixtures__|testdata|test-data|__snapshots__|snapshots|data)\//i;
const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|php|cs|swift|scala)$/i;
const TEST_NAME = /_test\.go$|^test_.*\.py$|_test\.py$|(?:Test|Tests|IT)\.(?:java|kt)$/;

export function isTestFile(path: string): boolean {
  // The ending first (most files of a project are not source): the path ends with the name.
  if (!SOURCE.test(path)) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.(?:test|spec)\.[^.]+$/i.test(name) || TEST_NAME.test(name)) return true;
  if (DATA_DIR.test(path)) return false;
  return TEST_DIR.test(path);
}

/**
 * Whether a path lies in a test or test-data folder (test/, fixtures/, testdata/ …): what is there
 * belongs to the tests, so its programs and manifests are not the project's entry points.
 */
export function inTestOrFixtureFolder(path: string): boolean {
  return TEST_DIR.test(path) || DATA_DIR.test(path);
}
