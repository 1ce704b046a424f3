/**
 * `factory patch` end to end: the built CLI (dist/cli.js, from `node esbuild.js`) run as a child
 * process with the blocks on standard input, in a temporary workspace.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCliProcess } from './cliProcess';

const block = (path: string, search: string, replace: string): string => `${path}\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n\n`;

describe('factory patch (built CLI)', function () {
  this.timeout(30_000);
  let tmp = '';
  let ws = '';

  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node esbuild.js\` first`);
  });
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'factory-patch-e2e-'));
    ws = join(tmp, 'ws');
    await mkdir(join(ws, 'src'), { recursive: true });
    await writeFile(join(ws, 'src', 'a.js'), 'export const a = 1;\nexport const b = 2;\n');
    await writeFile(join(ws, 'src', 'win.txt'), 'one\r\ntwo\r\n');
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  const read = (p: string) => readFile(join(ws, p), 'utf8');

  it('applies all blocks and exits 0', async () => {
    const stdin = `Some prose.\n\n${block('src/a.js', 'export const a = 1;\n', 'export const a = 10;\n')}${block('src/win.txt', 'two\n', 'two\nthree\n')}${block('src/new.js', '', 'export {};\n')}`;
    const r = await runCliProcess(['patch'], { cwd: ws, stdin });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await read('src/a.js'), 'export const a = 10;\nexport const b = 2;\n');
    assert.equal(await read('src/win.txt'), 'one\r\ntwo\r\nthree\r\n');
    assert.equal(await read('src/new.js'), 'export {};\n');
    assert.match(r.stdout, /block 1 {2}applied {2}src\/a\.js:1 {2}\(exact\)/);
    assert.equal(r.stderr, '');
  });

  it('exits 1 when a block fails, and still writes the others', async () => {
    const stdin = block('src/a.js', 'export const nope = 0;\n', 'x\n') + block('src/a.js', 'export const b = 2;\n', 'export const b = 20;\n');
    const r = await runCliProcess(['patch', '--dir', ws], { cwd: tmp, stdin });
    assert.equal(r.code, 1);
    assert.equal(await read('src/a.js'), 'export const a = 1;\nexport const b = 20;\n');
    assert.match(r.stdout, /block 1 {2}failed/);
    assert.match(r.stdout, /SEARCH \(1 line\) was not found/);
    assert.match(r.stderr, /1 of 2 blocks not applied \(1 failed, 0 refused\); the others were written/);
  });

  it('--json prints one JSON object per block, with each failure\'s kind and closest candidate', async () => {
    const stdin =
      block('src/a.js', 'export const a = 1;\n', 'export const a = 3;\n') +
      block('src/a.js', 'export const b = 9;\n', 'x\n') +
      block('../out.js', '', 'x\n') +
      'src/a.js\n<<<<<<< SEARCH>\nx\n=======\ny\n>>>>>>> REPLACE\n';
    const r = await runCliProcess(['patch', '--json'], { cwd: ws, stdin });
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 4);
    assert.deepEqual(lines[0], { block: 1, file: 'src/a.js', status: 'applied', strategy: 'exact', line: 1, kind: null, reason: null, candidate: null, notes: [] });
    for (const l of lines) assert.deepEqual(Object.keys(l), ['block', 'file', 'status', 'strategy', 'line', 'kind', 'reason', 'candidate', 'notes']);
    assert.equal(lines[1].status, 'failed');
    assert.equal(lines[1].kind, 'no_match');
    assert.equal(lines[1].strategy, null);
    assert.match(String(lines[1].reason), /^block 2 \(src\/a\.js\): SEARCH/);
    const c = lines[1].candidate as { startLine: number; endLine: number; similarity: number; text: string };
    assert.deepEqual([c.startLine, c.endLine, c.text], [2, 2, 'export const b = 2;']);
    assert.ok(c.similarity > 0.8 && c.similarity < 1, String(c.similarity));
    assert.deepEqual([lines[2].status, lines[2].kind, lines[2].candidate], ['refused', 'unsafe_path', null]);
    assert.deepEqual([lines[3].status, lines[3].kind], ['failed', 'malformed']);
  });

  it('--dry-run writes nothing and prints a unified diff', async () => {
    const stdin = block('src/a.js', 'export const b = 2;\n', 'export const b = 4;\n') + block('src/made.js', '', 'new\n');
    const r = await runCliProcess(['patch', '--dry-run'], { cwd: ws, stdin });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /--- a\/src\/a\.js\n\+\+\+ b\/src\/a\.js\n@@ -1,2 \+1,2 @@\n export const a = 1;\n-export const b = 2;\n\+export const b = 4;\n/);
    assert.match(r.stdout, /--- \/dev\/null\n\+\+\+ b\/src\/made\.js/);
    assert.match(r.stdout, /dry run: nothing was written/);
    assert.equal(await read('src/a.js'), 'export const a = 1;\nexport const b = 2;\n');
    assert.equal(existsSync(join(ws, 'src', 'made.js')), false);
  });

  it('refuses a path outside the workspace (exit 1) and writes nothing there', async () => {
    const stdin = block('../escaped.txt', '', 'pwned\n') + block('.git/config', '', 'pwned\n');
    const r = await runCliProcess(['patch', '--json'], { cwd: ws, stdin });
    assert.equal(r.code, 1);
    const statuses = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { status: string }).status);
    assert.deepEqual(statuses, ['refused', 'refused']);
    assert.equal(existsSync(join(tmp, 'escaped.txt')), false);
    assert.equal(existsSync(join(ws, '.git')), false);
  });

  it('exits 2 on usage errors', async () => {
    const blocks = block('src/a.js', 'export const a = 1;\n', 'x\n');
    for (const [args, stdin] of [
      [['patch', '--bogus'], blocks],
      [['patch', '--dir', join(tmp, 'nowhere')], blocks],
      [['patch'], 'no blocks here\n'],
    ] as const) {
      const r = await runCliProcess([...args], { cwd: ws, stdin });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.ok(r.stderr.length > 0);
    }
    assert.equal(await read('src/a.js'), 'export const a = 1;\nexport const b = 2;\n');
  });

  it('with a terminal on standard input, says what it expects and still reads what is typed (Ctrl-D ends it)', async function () {
    if (process.platform === 'win32' || !existsSync('/usr/bin/script')) this.skip();
    const out = await inTerminal(['patch'], ws, `${block('src/a.js', 'export const a = 1;\n', 'export const a = 5;\n')}\x04`);
    assert.match(out.text, /factory patch < reply\.md/);
    assert.match(out.text, /block 1 {2}applied/);
    assert.equal(out.code, 0, out.text);
    assert.equal(await read('src/a.js'), 'export const a = 5;\nexport const b = 2;\n');
  });
});

/**
 * Runs the CLI with a pseudo-terminal as its standard input (util-linux `script`), types `keys`
 * into it, and returns what the terminal showed and the exit code.
 */
function inTerminal(args: string[], cwd: string, keys: string): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'dumb' } });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (text += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit in 15 s; the terminal showed:\n${text}`));
    }, 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, text });
    });
    // Type only once the command is waiting, as a person would.
    const typeWhenAsked = setInterval(() => {
      if (!text.includes('reply.md')) return;
      clearInterval(typeWhenAsked);
      child.stdin.write(keys);
    }, 50);
    child.on('close', () => clearInterval(typeWhenAsked));
  });
}
