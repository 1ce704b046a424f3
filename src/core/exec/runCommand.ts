/**
 * Runs one command to its end: no shell, in its own process group, with a timeout and an output
 * cap; on timeout or cancel the whole group is stopped. Never rejects for the command's own
 * failures: a failing, missing or killed program is a CommandRun that says so.
 */
import { launch, type StartAs } from './launch';
import type { CommandRun, CommandSpec } from './types';

export function runCommand(spec: CommandSpec, signal?: AbortSignal, startAs?: StartAs): Promise<CommandRun> {
  if (signal?.aborted) {
    startAs?.release();
    return Promise.resolve({
      argv: [...spec.argv],
      cwd: spec.cwd,
      exitCode: null,
      signal: null,
      durationMs: 0,
      output: '',
      truncated: false,
      timedOut: false,
      cancelled: true,
    });
  }
  const run = launch(spec, startAs);
  const timer = setTimeout(() => run.stop('timeout'), Math.max(0, spec.timeoutMs));
  const onAbort = () => run.stop('cancel');
  signal?.addEventListener('abort', onAbort, { once: true });
  return run.finished.finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  });
}
