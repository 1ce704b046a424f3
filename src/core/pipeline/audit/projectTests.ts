/**
 * The project's own tests in an AUDIT, run for real when recon found how (Recon.testCommand): split
 * like every command (no shell), run only with a person's consent (the code is the project's, not
 * Factory's: VS Code asks in a modal, the CLI asks in a terminal or takes --yes), as a durable step.
 * Whatever happens is one journal note, `audit.tests`; a refusal or a failure never stops the audit.
 */
import type { SplitCommand } from '../blueprint/checkBlueprint';
import { commandNote, runRecorded } from '../waves/evidence';
import type { RunConsent } from '../../ports';
import type { AuditContext } from './auditContext';

export type TestsNote =
  | { state: 'none'; why: string }
  | { state: 'not_runnable'; command: string; why: string }
  | { state: 'declined'; command: string; why: string }
  | { state: 'ran'; command: string; argv: string[]; exitCode: number | null; durationMs: number; timedOut: boolean; digest: string; spawnError?: string; consent: string };

export async function projectTests(ctx: AuditContext, split: SplitCommand, command: string | null): Promise<TestsNote> {
  ctx.progress({ kind: 'stage', stage: 'audit', detail: "the project's tests" });
  const note = await testsNote(ctx, split, command);
  ctx.journal.append({ type: 'note', topic: 'audit.tests', data: note });
  if (note.state === 'ran') ctx.progress({ kind: note.exitCode === 0 ? 'info' : 'warn', message: `the project's tests (${note.command}): ${note.exitCode === 0 ? 'pass' : `fail (exit ${note.exitCode ?? 'none'})`}` });
  else ctx.progress({ kind: 'warn', message: `the project's tests were not run: ${note.why}` });
  return note;
}

async function testsNote(ctx: AuditContext, split: SplitCommand, command: string | null): Promise<TestsNote> {
  if (command === null) return { state: 'none', why: 'recon found no test command (package.json scripts.test, pytest, go test, cargo test, mvn test …)' };
  const words = split(command);
  if (!words.ok) return { state: 'not_runnable', command, why: `\`${command}\` cannot be run without a shell: ${words.reason}` };
  if (words.argv.length === 0) return { state: 'not_runnable', command, why: 'the test command is empty' };
  const ask = ctx.approval.askToRun?.bind(ctx.approval);
  // A durable answer: a resumed audit does not ask again, and the report says who allowed it.
  const consent = await ctx.effects.once<RunConsent>('answer:audit:tests', 'answer', async () =>
    ask ? ask({ command, cwd: ctx.workspace.root, why: "AUDIT runs the project's own tests to see whether they pass; they are the project's code, not Factory's" }) : { allow: false, why: 'nobody could be asked for consent to run them' },
  );
  if (!consent.allow) return { state: 'declined', command, why: consent.why };
  const run = await runRecorded(ctx, 'audit:tests', words.argv);
  return { state: 'ran', command, ...commandNote(run), consent: consent.how };
}
