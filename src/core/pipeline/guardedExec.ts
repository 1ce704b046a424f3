/**
 * An ExecPort that asks its host, at the moment of every call, whether commands may run at all
 * (VS Code: only while the workspace is trusted; anywhere: `exec.sandbox: "required"` without a
 * sandbox). A refusal is an exception, not a command result: the project's code did not fail, so no
 * TRAP may be charged to a model for it. Commands and probes run through a started app are asked too.
 */
import type { ExecPort } from './runContext';

export class ExecRefused extends Error {
  override readonly name = 'ExecRefused';
}

/** `refusal` returns why nothing may run now, or undefined when it may. */
export function guardedExec(base: ExecPort, refusal: () => string | undefined): ExecPort {
  const check = (what: string): void => {
    const why = refusal();
    if (why !== undefined) throw new ExecRefused(`${what} was not run: ${why}`);
  };
  return {
    ...(base.sandbox ? { sandbox: base.sandbox } : {}),
    run: async (spec, signal) => {
      check(spec.argv.join(' '));
      return base.run(spec, signal);
    },
    startApp: (spec, signal) => {
      check(spec.argv.join(' '));
      const app = base.startApp(spec, signal);
      return {
        ...app,
        pid: app.pid,
        sandboxed: app.sandboxed,
        ready: app.ready,
        stop: () => app.stop(),
        run: async (command, commandSignal) => {
          check(command.argv.join(' '));
          return app.run(command, commandSignal);
        },
        httpProbe: async (probe, timeoutMs, probeSignal) => {
          check('the HTTP probe of the app');
          return app.httpProbe(probe, timeoutMs, probeSignal);
        },
      };
    },
    httpProbe: async (port, probe, timeoutMs, signal) => {
      check(`the HTTP probe on port ${port}`);
      return base.httpProbe(port, probe, timeoutMs, signal);
    },
  };
}
