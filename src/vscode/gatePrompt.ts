import * as vscode from 'vscode';
import type { ApprovalPort, GateAnswer } from '../core/ports';

export const ACCEPT = 'Accept';
export const CHANGE = 'Change…';
export const REJECT = 'Reject';
/** The answers of the consent question (runConsent.ts). */
export const RUN_IT = 'Run Them';
export const SKIP_IT = "Don't Run";

/** The two questions the gate asks; the integration tests answer them through the testing API. */
export interface GateUi {
  /** Accept, Change… or Reject; undefined when the person closed the question. */
  choose(summary: string): Promise<string | undefined>;
  /** A line of text; undefined when the person pressed Escape. */
  input(prompt: string, placeHolder: string): Promise<string | undefined>;
  /** May the project's own command run (AUDIT: its tests)? The button picked; undefined when closed. Absent: the modal. */
  consent?(question: string, detail: string): Promise<string | undefined>;
}

export const modalGateUi: GateUi = {
  // Not modal, so the dashboard (its Approve / Reject, the scores, the blueprint) stays usable while asked.
  choose: (summary) =>
    Promise.resolve(
      vscode.window.showInformationMessage(
        `Factory: the blueprint waits for your decision (here or on the dashboard). ${summary.split('\n')[0]}. Closing this question stops the run; "Factory: Resume Run" asks it again.`,
        ACCEPT,
        CHANGE,
        REJECT,
      ),
    ),
  input: (prompt, placeHolder) => Promise.resolve(vscode.window.showInputBox({ title: 'Factory: the gate', prompt, placeHolder, ignoreFocusOut: true })),
  consent: (question, detail) => Promise.resolve(vscode.window.showWarningMessage(question, { modal: true, detail }, RUN_IT, SKIP_IT)),
};

/** Changes typed in one box: one a line, or separated by `;`. */
export function splitChanges(text: string): string[] {
  return text
    .split(/\r?\n|;/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/**
 * The gate taken by a person (`gate: "human"`) in VS Code: a modal with Accept / Change… / Reject.
 * Escape in the follow-up box goes back to the modal; closing the modal answers nothing: `stop` is
 * called (the run's signal is aborted) and the run ends stopped, resumable, asking again on resume.
 */
export function humanGate(ui: () => GateUi, stop: () => void): ApprovalPort {
  return {
    async askGate(summary: string): Promise<GateAnswer> {
      for (;;) {
        const pick = await ui().choose(summary);
        if (pick === ACCEPT) return { verdict: 'ACCEPT' };
        if (pick === CHANGE) {
          const text = await ui().input('What must change? One change a line, or separate them with ";".', 'e.g. name the CLI flags; add a test for empty input');
          const changes = splitChanges(text ?? '');
          if (changes.length) return { verdict: 'CHANGE', changes };
          continue;
        }
        if (pick === REJECT) {
          const reason = await ui().input('Why is the blueprint rejected? (the run ends, not shipped)', 'the reason, for the report');
          if (reason === undefined) continue;
          return { verdict: 'REJECT', reason: reason.trim() || 'rejected by the owner' };
        }
        stop();
        throw new Error('the gate question was closed without an answer');
      }
    },
  };
}
