/**
 * Consent to run a project's own command (AUDIT runs the audited project's tests: code nobody here
 * wrote) on the terminal: `--yes` gives it, a terminal asks (y/N), and without either nobody can
 * say yes, so the command is not run and the run says how to allow it.
 */
import type { RunConsent, RunConsentRequest } from '../core/ports';
import type { CliIo } from './io';

export function terminalConsent(io: CliIo, flags: { yes?: boolean }): (request: RunConsentRequest) => Promise<RunConsent> {
  return async (r) => {
    if (flags.yes) {
      io.stderr(`factory: --yes: running the project's tests (${r.command}) in ${r.cwd}.\n`);
      return { allow: true, how: 'allowed by --yes' };
    }
    const ask = io.ask;
    if (!io.stdinIsTTY || !ask) return { allow: false, why: 'nobody was asked (no terminal); pass --yes to run them' };
    io.stderr(`\n${r.why}.\n`);
    for (;;) {
      const answer = (await ask(`Run \`${r.command}\` in ${r.cwd}? [y/N] `)).trim().toLowerCase();
      if (answer === 'y' || answer === 'yes') return { allow: true, how: 'allowed on the terminal' };
      if (answer === '' || answer === 'n' || answer === 'no') return { allow: false, why: 'declined on the terminal' };
      io.stderr('Type y (run them) or n (do not).\n');
    }
  };
}
