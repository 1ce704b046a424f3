// npm run mutation:patch: mutation testing of the SEARCH/REPLACE engine (src/core/patch) and the path
// safety it relies on (src/core/blocks/safePath.ts, protectedNames.ts) against their unit tests. Not part of npm test or CI: it takes tens of minutes on two cores. Stryker mutates the
// TypeScript in a sandbox copy, tsc compiles it there, and mocha runs the compiled patch tests, each
// mutant only against the tests that reach it (perTest coverage). Report: reports/mutation/patch.html.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'mocha',
  mutate: ['src/core/patch/**/*.ts', 'src/core/blocks/safePath.ts', 'src/core/blocks/protectedNames.ts'],
  buildCommand: 'tsc -p tsconfig.json',
  // Only the mutated sources get \`// @ts-nocheck\`: by default Stryker also writes it into the .js and
  // .ts files under test/, which would change the patch corpus's files.
  disableTypeChecks: '{src/core/patch/**/*.ts,src/core/blocks/safePath.ts,src/core/blocks/protectedNames.ts}',
  mochaOptions: { spec: ['out/test/unit/patch/**/*.test.js', 'out/test/unit/blocks/**/*.test.js'] },
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20000,
  ignorePatterns: ['/out', '/dist', '/reports', '/.vscode-test', '*.vsix'],
  tempDirName: '.stryker-tmp',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/patch.html' },
  jsonReporter: { fileName: 'reports/mutation/patch.json' },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 90, low: 85, break: null },
};
