/**
 * How the CLI runs the project's commands: src/core/exec (no shell, timeouts, process groups, no
 * secrets in the environment). TEMPORARY until branch i8-exec lands: commands are refused and
 * command lines are split on blanks only, refusing anything a shell would interpret.
 */
import type { CommandRun, SplitResult } from '../core/exec';
import type { ExecPort } from '../core/pipeline/runContext';

const notYet = (argv: readonly string[], cwd: string): CommandRun => ({
  argv: [...argv],
  cwd,
  exitCode: null,
  signal: null,
  durationMs: 0,
  output: '',
  truncated: false,
  timedOut: false,
  cancelled: false,
  spawnError: 'running commands is not built yet',
});

export const hostExec: ExecPort = {
  run: (spec) => Promise.resolve(notYet(spec.argv, spec.cwd)),
  startApp: (spec) => ({ pid: undefined, ready: Promise.resolve({ ok: false, reason: 'running commands is not built yet', output: '' }), stop: () => Promise.resolve(notYet(spec.argv, spec.cwd)) }),
  httpProbe: () => Promise.resolve({ ok: false, body: '', bodyTruncated: false, error: 'not built yet', durationMs: 0 }),
};

export function hostSplit(line: string): SplitResult {
  if (/[|&;<>()$`\\"'*?[\]{}~]/.test(line.replace(/\{files\}/g, ''))) return { ok: false, reason: 'needs a shell' };
  return { ok: true, argv: line.trim().split(/\s+/).filter(Boolean) };
}
