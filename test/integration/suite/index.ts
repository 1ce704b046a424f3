/**
 * Runs inside the VS Code extension host: loads the *.test.js files beside this file into mocha and
 * reports with the summary reporter, whose closing line `N passed, N failed` CI reads.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import SummaryReporter from '../../support/summaryReporter';

export function run(): Promise<void> {
  // FACTORY_TEST_GREP: only the tests whose full title matches it, while working on one.
  const grep = process.env.FACTORY_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: SummaryReporter, ...(grep && { grep }) });
  // An untrusted workspace is a host of its own (trust is fixed when the window opens): it runs only
  // the file about it, and the other hosts run everything else.
  const untrusted = process.env.FACTORY_TEST_MODE === 'untrusted';
  // FACTORY_TEST_FILES (comma-separated names without .test.js): only those files, while working on them.
  const only = process.env.FACTORY_TEST_FILES?.split(',').map((n) => `${n.trim()}.test.js`);
  for (const f of readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted && (!only || only.includes(f))) mocha.addFile(join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
