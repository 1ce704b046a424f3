import assert from 'node:assert/strict';
import type { AppSpec, CommandRun, CommandSpec } from '../../../src/core/exec';
import { ExecRefused, guardedExec } from '../../../src/core/pipeline/guardedExec';
import type { ExecPort } from '../../../src/core/pipeline/runContext';

// VS Code runs commands only in a trusted workspace (issue 8, item 8): the question is asked at the
// moment of each call, not once when the run starts.
describe('guardedExec: commands run only while the host allows them', () => {
  const spec: CommandSpec = { argv: ['node', '--test'], cwd: '/tmp/ws', timeoutMs: 1000 };
  function base() {
    const calls: string[] = [];
    const port: ExecPort = {
      run: async (s) => {
        calls.push(`run ${s.argv.join(' ')}`);
        return { exitCode: 0 } as unknown as CommandRun;
      },
      startApp: (s: AppSpec) => {
        calls.push('startApp');
        return { spec: s } as unknown as ReturnType<ExecPort['startApp']>;
      },
      httpProbe: async () => {
        calls.push('httpProbe');
        return { status: 200 } as unknown as Awaited<ReturnType<ExecPort['httpProbe']>>;
      },
    };
    return { port, calls };
  }

  it('passes calls through while allowed, and refuses every kind of call from the moment it is not', async () => {
    const { port, calls } = base();
    let trusted = true;
    const guarded = guardedExec(port, () => (trusted ? undefined : 'the workspace is not trusted'));
    await guarded.run(spec);
    assert.deepEqual(calls, ['run node --test']);
    trusted = false;
    await assert.rejects(guarded.run(spec), (e: unknown) => e instanceof ExecRefused && /node --test was not run: the workspace is not trusted/.test(e.message));
    assert.throws(() => guarded.startApp({ argv: ['node', 'app.js'], cwd: '/tmp/ws', timeoutMs: 1000, readyTimeoutMs: 1000 }), ExecRefused);
    await assert.rejects(guarded.httpProbe(3000, { method: 'GET', path: '/' } as never, 1000), ExecRefused);
    assert.deepEqual(calls, ['run node --test'], 'nothing reached the real exec once refused');
  });
});
