import assert from 'node:assert/strict';
import { checkGateCanBeAnswered, humanGate } from '../../../src/cli/humanGate';
import { EXIT, UsageError, type CliIo } from '../../../src/cli/io';
import { resolveConfig, type FactoryConfig } from '../../../src/core/config/resolve';

function config(gate: 'human' | 'twin'): FactoryConfig {
  const r = resolveConfig({ gate });
  if (!r.ok) throw new Error('bad test config');
  return r.config;
}

function io(answers: string[], tty = true): CliIo & { err: () => string } {
  let err = '';
  return {
    stdout: () => undefined,
    stderr: (t) => (err += t),
    cwd: '/',
    env: {},
    stdinIsTTY: tty,
    ask: (q) => {
      err += q;
      return Promise.resolve(answers.shift() ?? '');
    },
    err: () => err,
  };
}

describe('the human gate (CLI)', () => {
  it('gate "human" with no terminal and no --accept-gate is a usage error before anything runs, --yes or not', () => {
    for (const flags of [{}, { yes: true }]) {
      assert.throws(
        () => checkGateCanBeAnswered(config('human'), io([], false), flags),
        (e: unknown) => e instanceof UsageError && e.code === EXIT.usage && /not a terminal/.test(e.message) && /--accept-gate/.test(e.message),
      );
    }
  });

  it('is fine with --accept-gate, with a terminal, or when the twin takes the gate', () => {
    checkGateCanBeAnswered(config('human'), io([], false), { acceptGate: true });
    checkGateCanBeAnswered(config('human'), io([], true), {});
    checkGateCanBeAnswered(config('human'), io([], true), { yes: true });
    checkGateCanBeAnswered(config('twin'), io([], false), {});
  });

  it('--accept-gate answers ACCEPT without asking, and says so', async () => {
    const t = io([]);
    assert.deepEqual(await humanGate(t, { acceptGate: true }).askGate('summary'), { verdict: 'ACCEPT' });
    assert.match(t.err(), /--accept-gate accepts the reviewed blueprint for you/);
    assert.doesNotMatch(t.err(), /\[a\/c\/r\]/);
  });

  it('--yes never answers the gate: on a terminal the owner is still asked, and told how to accept without asking', async () => {
    const t = io(['r', 'not this']);
    assert.deepEqual(await humanGate(t, { yes: true }).askGate('the summary'), { verdict: 'REJECT', reason: 'not this' });
    assert.match(t.err(), /\[a\/c\/r\]/);
    assert.match(t.err(), /--yes does not answer the gate/);
    assert.match(t.err(), /--accept-gate/);
  });

  it('asks on the terminal: accept, change (one change a line), reject (with the reason); asks again on anything else', async () => {
    assert.deepEqual(await humanGate(io(['A']), {}).askGate('s'), { verdict: 'ACCEPT' });
    assert.deepEqual(await humanGate(io(['maybe', 'c', 'add a CLI', 'handle unicode', '']), {}).askGate('s'), { verdict: 'CHANGE', changes: ['add a CLI', 'handle unicode'] });
    assert.deepEqual(await humanGate(io(['r', 'not what I asked']), {}).askGate('s'), { verdict: 'REJECT', reason: 'not what I asked' });
    const t = io(['x', 'a']);
    await humanGate(t, {}).askGate('the summary');
    assert.match(t.err(), /the summary/);
    assert.match(t.err(), /Type a \(accept\), c \(change\) or r \(reject\)/);
  });
});
