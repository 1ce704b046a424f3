import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/program';
import { FACTORY_VERSION } from '../../../src/core/version';

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd, env: {} });
  return { code, out, err };
}

describe('factory CLI (in-process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'factory-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists every command of the CLI contract and exits 0', async () => {
    const r = await cli(['--help'], dir);
    assert.equal(r.code, EXIT.ok);
    for (const c of ['build', 'audit', 'update', 'resume', 'runs', 'patch', 'chat', 'learnings']) assert.match(r.out, new RegExp(`\\n  ${c} `));
  });

  it('`factory help <command>` prints what `factory <command> --help` prints, to stdout, exit 0 — for every command', async () => {
    const top = await cli(['--help'], dir);
    const names = [...top.out.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1] ?? '').filter((n) => n !== 'help');
    assert.ok(names.length >= 8, `commands listed: ${names.join(', ')}`);
    for (const name of names) {
      const viaFlag = await cli([name, '--help'], dir);
      const viaHelp = await cli(['help', name], dir);
      assert.equal(viaFlag.code, EXIT.ok);
      assert.deepEqual(viaHelp, viaFlag, `factory help ${name}`);
      assert.match(viaHelp.out, new RegExp(`^Usage: factory ${name} `));
    }
  });

  it('`factory help` alone prints the overall help, exit 0', async () => {
    const viaHelp = await cli(['help'], dir);
    assert.deepEqual(viaHelp, await cli(['--help'], dir));
    assert.equal(viaHelp.code, EXIT.ok);
    assert.match(viaHelp.out, /^Usage: factory \[options\] \[command\]/);
  });

  it('`factory help <unknown>` is a usage error naming the command and listing the real ones', async () => {
    const r = await cli(['help', 'biuld'], dir);
    assert.equal(r.code, EXIT.usage);
    assert.equal(r.out, '');
    assert.match(r.err, /unknown command 'biuld'/);
    assert.match(r.err, /build, audit, update/);
  });

  it('--version prints the package version', async () => {
    const r = await cli(['--version'], dir);
    assert.equal(r.code, EXIT.ok);
    assert.equal(r.out.trim(), FACTORY_VERSION);
  });

  it('no command, an unknown command or a missing argument is a usage error (exit 2)', async () => {
    for (const args of [[], ['bogus'], ['build'], ['chat', 'hi'], ['learnings', 'burn']]) {
      const r = await cli(args, dir);
      assert.equal(r.code, EXIT.usage, `factory ${args.join(' ')}: ${r.err}`);
      assert.ok(r.err.length > 0, 'says what is wrong');
    }
  });

  it('a --dir that does not exist is a usage error naming the folder', async () => {
    const r = await cli(['build', 'x', '--dir', join(dir, 'missing')], dir);
    assert.equal(r.code, EXIT.usage);
    assert.match(r.err, /missing does not exist/);
  });

  it('a broken .factory/config.json is a configuration error naming the file and the setting', async () => {
    mkdirSync(join(dir, '.factory'));
    writeFileSync(join(dir, '.factory', 'config.json'), JSON.stringify({ roles: { ceo: { provider: 'openai', model: 'gpt-5' }, qc: { provider: 'openai', model: 'gpt-5' } } }));
    const r = await cli(['build', 'x', '--dir', dir], '/');
    assert.equal(r.code, EXIT.usage);
    assert.match(r.err, /config\.json has problems/);
    assert.match(r.err, /roles\.qc: qc reviews the work of ceo/);
  });

  it('invalid JSON in --config is a usage error with the parser message', async () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, '{ "roles": ');
    const r = await cli(['audit', '--config', file], dir);
    assert.equal(r.code, EXIT.usage);
    assert.match(r.err, /c\.json is not valid JSON/);
  });

  describe('a run with a budget and a model of unknown price', () => {
    // A user's own --config file (not the workspace's), so only the price rule is in play.
    const unpriced = {
      roles: {
        ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6', fallbacks: [{ provider: 'openai', model: 'gpt-unreleased' }] },
        qc: { provider: 'openai-compatible', model: 'acme-coder', baseUrl: 'http://127.0.0.1:4000/v1' },
      },
    };
    const write = (config: object): string => {
      const file = join(dir, 'user-config.json');
      writeFileSync(file, JSON.stringify(config));
      return file;
    };

    it('build, audit, update and resume refuse to start (exit 2), naming each role model, its setting and providers.prices', async () => {
      const file = write(unpriced);
      for (const args of [['build', 'x'], ['audit'], ['update', 'x'], ['resume', 'run-1']]) {
        const r = await cli([...args, '--dir', dir, '--config', file], dir);
        const what = `factory ${args.join(' ')}: ${r.err}`;
        assert.equal(r.code, EXIT.usage, what);
        assert.match(r.err, /roles\.qc: openai-compatible:acme-coder has no known price/, what);
        // A fallback without a price is passed over when needed, so it is no reason to refuse (prepareRun.test.ts: a warning).
        assert.doesNotMatch(r.err, /roles\.ceo\.fallbacks\.0/, what);
        assert.match(r.err, /"providers": \{ "prices": \{ "openai-compatible:acme-coder": \{ "input": /, what);
        assert.match(r.err, /"limits": \{ "budgetUsd": null \}/, what);
        assert.doesNotMatch(r.err, /No API key|roles\.ceo:/, what);
      }
    });

    it('pass the price check once the prices are given, or with "budgetUsd": null (no budget); the key check comes next', async () => {
      const prices = { 'openai-compatible:acme-coder': { input: 1, output: 2 }, 'gpt-unreleased': { input: 1, output: 2 } };
      for (const config of [{ ...unpriced, providers: { prices } }, { ...unpriced, limits: { budgetUsd: null } }]) {
        const r = await cli(['build', 'x', '--dir', dir, '--config', write(config)], dir);
        assert.equal(r.code, EXIT.usage, r.err);
        assert.doesNotMatch(r.err, /no known price/);
        assert.match(r.err, /roles\.ceo: No API key for Anthropic .*ANTHROPIC_API_KEY/);
      }
    });

    it('factory runs starts no run, so it reads no configuration and asks for no price', async () => {
      mkdirSync(join(dir, '.factory'));
      writeFileSync(join(dir, '.factory', 'config.json'), JSON.stringify(unpriced));
      const r = await cli(['runs', '--dir', dir], dir);
      assert.equal(r.code, EXIT.ok, r.err);
      assert.match(r.out, /No runs in .* yet/);
    });
  });

  it('a run whose roles have no key is refused before it starts (exit 2): each role and variable named, nothing written', async () => {
    const r = await cli(['build', 'a slugify library'], dir);
    assert.equal(r.code, EXIT.usage);
    assert.match(r.err, /the run cannot start, nothing was sent/);
    assert.match(r.err, /roles\.ceo: No API key for Anthropic/);
    assert.match(r.err, /roles\.qc: No API key for OpenAI .*OPENAI_API_KEY/);
    assert.match(r.err, /roles\.architect: No API key for Google .*GEMINI_API_KEY/);
    assert.match(r.err, /roles\.twin: No API key for OpenAI/);
    assert.equal(existsSync(join(dir, '.factory')), false, 'no run folder');
  });
});
