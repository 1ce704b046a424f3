/**
 * Mocha reporter: mocha's spec output, then the plain closing line `N passed, N failed[, N skipped]`
 * that CI reads (mocha's own "N passing" summary is not a line CI recognises).
 */
import Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      const skipped = s?.pending ? `, ${s.pending} skipped` : '';
      // After the spec epilogue, which mocha prints on the same event.
      process.nextTick(() => console.log(`${s?.passes ?? 0} passed, ${s?.failures ?? 0} failed${skipped}`));
    });
  }
}

export = SummaryReporter;
