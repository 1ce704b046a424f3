// The coding CLIs' argv (the safety flags Factory depends on) and the reading of their documented
// output: text, usage, and failures mapped onto the gateway's kinds.
import assert from 'node:assert/strict';
import { AdapterFailure, type AdapterEvent } from '../../../src/core/providers/adapter';
import { claudeCode } from '../../../src/core/providers/cli/claudeCode';
import { cliPrompt } from '../../../src/core/providers/cli/cliPrompt';
import { codex } from '../../../src/core/providers/cli/codex';
import type { CliDialect, CliExit } from '../../../src/core/providers/cli/dialect';
import { geminiCli } from '../../../src/core/providers/cli/geminiCli';
import type { Failure } from '../../../src/core/providers/errors';
import { cliOutput, type FakeAnswer, type FakeCliName } from '../../fakes/cli/cliOutput';

const DIALECTS: readonly [CliDialect, FakeCliName][] = [
  [claudeCode, 'claude'],
  [codex, 'codex'],
  [geminiCli, 'gemini'],
];

/** Flags (or flag values) that would let the CLI write, run commands or approve its own tools. */
const FORBIDDEN = [
  'bypassPermissions',
  'acceptEdits',
  '--dangerously-skip-permissions',
  '--allow-dangerously-skip-permissions',
  'workspace-write',
  'danger-full-access',
  '--dangerously-bypass-approvals-and-sandbox',
  '--full-auto',
  '--yolo',
  '-y',
  'yolo',
  'auto_edit',
  '--allowedTools',
  '--allowed-tools',
  '--add-dir',
  '--include-directories',
];

/** The value after `flag` in argv. */
const after = (argv: readonly string[], flag: string): string | undefined => {
  const i = argv.indexOf(flag);
  return i < 0 ? undefined : argv[i + 1];
};

const ANSWER: FakeAnswer = { text: 'The answer, in full.', input: 120, output: 30, cached: 20 };
const OK: CliExit = { code: 0, signal: null, stderr: '' };

/** Runs a dialect's parser over the fake's output for `mode`: its events, or the failure it threw. */
function parse(d: CliDialect, name: FakeCliName, mode: string, stream: boolean): { events: AdapterEvent[]; failure?: Failure } {
  const argv = d.args('m1', stream);
  const out = cliOutput(name, mode, argv, 'm1', ANSWER);
  const parser = d.parser(stream);
  const events = out.stdout.flatMap((l) => parser.line(l));
  const exit: CliExit = out.end === 'crash' ? { code: null, signal: 'SIGABRT', stderr: out.stderr ?? '' } : { code: typeof out.end === 'number' ? out.end : null, signal: null, stderr: out.stderr ?? '' };
  try {
    events.push(...parser.end(exit));
    return { events };
  } catch (err) {
    if (err instanceof AdapterFailure) return { events, failure: err.failure };
    throw err;
  }
}

const textOf = (events: readonly AdapterEvent[]): string => events.map((e) => (e.type === 'delta' ? e.text : '')).join('');

describe('coding CLIs: argv', () => {
  for (const [d] of DIALECTS) {
    for (const stream of [true, false]) {
      it(`${d.id} (stream ${stream}): no flag that lets it write, run commands or approve tools; the model is passed through`, () => {
        const argv = d.args('m1', stream);
        for (const bad of FORBIDDEN) assert.ok(!argv.includes(bad), `${d.id} argv has ${bad}: ${JSON.stringify(argv)}`);
        assert.ok(!argv.some((a) => /bypass|yolo|full-auto|dangerously/i.test(a)), JSON.stringify(argv));
        assert.equal(after(argv, d.id === 'claude-code' ? '--model' : '-m'), 'm1');
      });
    }
  }

  it('claude-code: every built-in tool off, permissions never asked (dontAsk), no MCP server, one turn, no session kept', () => {
    for (const stream of [true, false]) {
      const argv = claudeCode.args('sonnet', stream);
      assert.equal(argv[0], '-p');
      assert.equal(after(argv, '--tools'), '');
      assert.equal(after(argv, '--permission-mode'), 'dontAsk');
      assert.ok(argv.includes('--strict-mcp-config'));
      assert.ok(!argv.includes('--mcp-config'));
      assert.equal(after(argv, '--max-turns'), '1');
      assert.ok(argv.includes('--no-session-persistence'));
      assert.equal(after(argv, '--output-format'), stream ? 'stream-json' : 'json');
      assert.equal(argv.includes('--verbose'), stream); // stream-json needs it
    }
  });

  it('codex: exec in the read-only sandbox, the prompt read from standard input (-)', () => {
    const argv = codex.args('gpt-5-codex', false);
    assert.equal(argv[0], 'exec');
    assert.equal(after(argv, '--sandbox'), 'read-only');
    assert.ok(argv.includes('--json'));
    assert.ok(argv.includes('--ephemeral'));
    assert.equal(argv[argv.length - 1], '-');
  });

  it('gemini-cli: the default approval mode, said explicitly; -p carries only the fixed instruction', () => {
    const argv = geminiCli.args('gemini-2.5-pro', false);
    assert.equal(after(argv, '--approval-mode'), 'default');
    assert.equal(after(argv, '-o'), 'json');
    assert.ok((after(argv, '-p') ?? '').length < 80);
  });

  it('model "default" (undefined here) leaves the choice to the CLI: no model flag', () => {
    assert.ok(!claudeCode.args(undefined, true).includes('--model'));
    assert.ok(!codex.args(undefined, false).includes('-m'));
    assert.ok(!geminiCli.args(undefined, false).includes('-m'));
  });

  it('the prompt text: the system prompt opens it, a repair comes after the model\'s own reply, marked as such', () => {
    const text = cliPrompt({
      system: 'You are the QC.',
      messages: [
        { role: 'user', content: [{ text: 'DaC-Context: run=r role=qc step=review expect=review task=-', cache: true }, { text: 'Review this.' }] },
        { role: 'assistant', content: 'not json' },
        { role: 'user', content: 'Your reply was invalid: no dac block.' },
      ],
    });
    assert.equal(
      text,
      'You are the QC.\n\nDaC-Context: run=r role=qc step=review expect=review task=-\n\nReview this.\n\n<your_previous_reply>\nnot json\n</your_previous_reply>\n\nYour reply was invalid: no dac block.',
    );
  });
});

describe('coding CLIs: reading their output', () => {
  for (const [d, name] of DIALECTS) {
    for (const stream of d.streams ? [true, false] : [false]) {
      it(`${d.id}${d.streams ? ` (${stream ? 'stream-json' : 'json'})` : ''}: the answer and its usage (input counts the cached tokens)`, () => {
        const { events, failure } = parse(d, name, 'success', stream);
        assert.equal(failure, undefined);
        assert.equal(textOf(events), ANSWER.text);
        const deltas = events.filter((e) => e.type === 'delta').length;
        assert.equal(deltas, stream ? 3 : 1, 'streamed in pieces, or one delta at the end');
        const done = events[events.length - 1];
        assert.ok(done?.type === 'done');
        assert.equal(done.stopReason, 'stop');
        assert.deepEqual(done.usage, { input: 120, output: 30, cached: 20, cacheWrite: 0 });
      });
    }

    it(`${d.id}: logged out is "auth", with the CLI's own message and how to log in`, () => {
      const { failure } = parse(d, name, 'auth', d.streams);
      assert.equal(failure?.kind, 'auth');
      assert.match(failure.detail ?? '', /log ?in|login|auth/i);
      assert.ok(failure.detail?.includes(`To log in: ${d.login}`), failure.detail);
    });

    it(`${d.id}: a usage limit is "rate_limit"; an unknown model "not_found"`, () => {
      assert.equal(parse(d, name, 'rate', d.streams).failure?.kind, 'rate_limit');
      assert.equal(parse(d, name, 'empty-model', d.streams).failure?.kind, 'not_found');
    });

    it(`${d.id}: a crash is "server" (retried, then the next model), naming the signal`, () => {
      const { failure } = parse(d, name, 'crash', d.streams);
      assert.equal(failure?.kind, 'server');
      assert.match(failure.detail ?? '', new RegExp(`${d.command} crashed \\(signal SIGABRT\\)`));
    });

    it(`${d.id}: a non-zero exit without a result is "server", with its code and message; exit 0 without one is "truncated"`, () => {
      const exited = parse(d, name, 'exit', d.streams).failure;
      assert.equal(exited?.kind, 'server');
      assert.match(exited.detail ?? '', new RegExp(`${d.command} exited with code 3: Error: something went wrong inside ${name}`));
      assert.equal(parse(d, name, 'noresult', d.streams).failure?.kind, 'truncated');
    });
  }

  it('gemini-cli: its documented exit codes name the kind (41 auth, 42 input, 52 configuration)', () => {
    const end = (code: number) => {
      const p = geminiCli.parser(false);
      try {
        p.end({ code, signal: null, stderr: 'boom' });
      } catch (err) {
        if (err instanceof AdapterFailure) return err.failure.kind;
      }
      return 'none';
    };
    assert.equal(end(41), 'auth');
    assert.equal(end(42), 'bad_request');
    assert.equal(end(52), 'bad_request');
  });

  it('claude-code: usage from its result counts cache reads and writes into input', () => {
    const p = claudeCode.parser(false);
    p.line(JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: 'x', stop_reason: 'max_tokens', usage: { input_tokens: 10, output_tokens: 4, cache_creation_input_tokens: 100, cache_read_input_tokens: 50 } }));
    const done = p.end(OK).find((e) => e.type === 'done');
    assert.ok(done?.type === 'done');
    assert.deepEqual(done.usage, { input: 160, output: 4, cached: 50, cacheWrite: 100 });
    assert.equal(done.stopReason, 'length');
  });

  it('codex: an error line it recovers from does not fail a turn that completes', () => {
    const p = codex.parser(false);
    p.line(JSON.stringify({ type: 'error', message: 'Reconnecting... 1/5' }));
    p.line(JSON.stringify({ type: 'item.completed', item: { type: 'agent_message', text: 'fine' } }));
    p.line(JSON.stringify({ type: 'turn.completed', usage: { input_tokens: 5, cached_input_tokens: 0, output_tokens: 1 } }));
    assert.equal(textOf(p.end(OK)), 'fine');
  });
});
