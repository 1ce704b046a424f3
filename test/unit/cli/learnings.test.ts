// `factory learnings forget --all` on a terminal asks first; only "y"/"yes" forgets. In-process, with a
// temp FACTORY_HOME.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/program';

describe('factory learnings forget --all on a terminal', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'factory-learn-cli-'));
    writeFileSync(join(home, 'seed.json'), JSON.stringify({ dna: [{ topic: 'db', choice: 'sqlite' }] }));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  async function cli(args: string[], answer?: string) {
    let out = '';
    let err = '';
    const asked: string[] = [];
    const code = await runCli(args, {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      cwd: home,
      env: { FACTORY_HOME: home },
      stdinIsTTY: answer !== undefined,
      ...(answer !== undefined && { ask: async (q: string) => (asked.push(q), answer) }),
    });
    return { code, out, err, asked };
  }

  for (const [answer, forgets] of [['n', false], ['', false], ['y', true], ['YES', true]] as const) {
    it(`answered ${JSON.stringify(answer)}: ${forgets ? 'forgets everything learned' : 'forgets nothing'}`, async () => {
      assert.equal((await cli(['learnings', 'import', 'seed.json'])).code, 0);
      const r = await cli(['learnings', 'forget', '--all'], answer);
      assert.equal(r.code, 0, r.err);
      assert.match(r.asked[0] ?? '', /Forget all 7 learnings in .*learnings\.json .*\[y\/N\]/);
      assert.match(r.out, forgets ? /Forgot all 7 learnings .* the 6 built-in rules are back/ : /Nothing was forgotten/);
      assert.equal(readFileSync(join(home, 'learnings.json'), 'utf8').includes('sqlite'), !forgets);
    });
  }

  it('an id and --all together, or neither, is a usage error (exit 2)', async () => {
    assert.equal((await cli(['learnings', 'forget', 'dna-12345678', '--all', '--yes'])).code, 2);
    const r = await cli(['learnings', 'forget']);
    assert.equal(r.code, 2);
    assert.match(r.err, /an id from `factory learnings list`, or --all/);
  });
});
