/**
 * Consent in VS Code to run a project's own command (AUDIT runs the audited project's tests: code
 * nobody here wrote): a modal with Run Them / Don't Run. No (or closing it) is recorded and the
 * audit goes on without the test run; nothing runs without a yes.
 */
import type { ApprovalPort, RunConsent, RunConsentRequest } from '../core/ports';
import { modalGateUi, RUN_IT, type GateUi } from './gatePrompt';

export function modalConsent(ui: () => GateUi): NonNullable<ApprovalPort['askToRun']> {
  return async (r: RunConsentRequest): Promise<RunConsent> => {
    const asker = ui();
    const ask = asker.consent?.bind(asker) ?? modalGateUi.consent;
    const pick = await ask?.(`Factory: run the project's tests (${r.command})?`, `${r.why}.\n\nThe command runs in ${r.cwd}, without a shell, with a time limit and without your API keys in its environment. "Don't Run" audits without it.`);
    if (pick === RUN_IT) return { allow: true, how: 'allowed in VS Code' };
    return { allow: false, why: pick === undefined ? 'the question was closed without an answer' : 'declined in VS Code' };
  };
}
