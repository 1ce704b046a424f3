import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/program';

const BLOCK = 'a.txt\n<<<<<<< SEARCH\none\n=======\ntwo\n>>>>>>> REPLACE\n';

describe('factory patch (in-process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'factory-patch-cli-'));
    writeFileSync(join(dir, 'a.txt'), 'one\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function patch(stdinIsTTY: boolean | undefined, input: string): Promise<{ code: number; out: string; err: string; hintedBeforeReading: boolean }> {
    let out = '';
    let err = '';
    let hintedBeforeReading = false;
    const code = await runCli(['patch'], {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      cwd: dir,
      env: {},
      stdinIsTTY,
      stdin: () => {
        hintedBeforeReading = err.length > 0;
        return Promise.resolve(input);
      },
    });
    return { code, out, err, hintedBeforeReading };
  }

  it('says what it expects when standard input is a terminal, then reads what is typed or pasted', async () => {
    const r = await patch(true, BLOCK);
    assert.ok(r.hintedBeforeReading, 'the hint comes before waiting for input');
    assert.match(r.err, /factory patch < reply\.md/);
    assert.match(r.err, /<<<<<<< SEARCH/);
    assert.match(r.err, /Ctrl-D/);
    assert.equal(r.code, EXIT.ok, r.err);
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), 'two\n');
  });

  it('prints nothing extra when the blocks are piped in', async () => {
    for (const tty of [false, undefined]) {
      writeFileSync(join(dir, 'a.txt'), 'one\n');
      const r = await patch(tty, BLOCK);
      assert.equal(r.code, EXIT.ok);
      assert.equal(r.err, '');
      assert.equal(r.hintedBeforeReading, false);
    }
  });

  it('an empty terminal session is a usage error that repeats the format', async () => {
    const r = await patch(true, '');
    assert.equal(r.code, EXIT.usage);
    assert.match(r.err, /no SEARCH\/REPLACE blocks on standard input/);
  });
});
