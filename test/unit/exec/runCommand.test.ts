import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../src/core/exec';
import { gone, node, running } from './procs';

const cwd = mkdtempSync(join(tmpdir(), 'factory-exec-'));
const spec = (script: string, extra: Partial<Parameters<typeof runCommand>[0]> = {}) => ({ argv: [node, '-e', script], cwd, timeoutMs: 10000, ...extra });

describe('runCommand', () => {
  it('runs a program with its arguments and reports exit code, output and duration', async () => {
    const run = await runCommand(spec('console.log(process.argv.slice(1).join("|")); process.exit(3)', { argv: [node, '-e', 'console.log(process.argv.slice(1).join("|")); process.exit(3)', 'a b', '$HOME', '*.js'] }));
    assert.equal(run.exitCode, 3);
    assert.equal(run.signal, null);
    assert.equal(run.output, 'a b|$HOME|*.js\n'); // no shell: nothing expanded
    assert.equal(run.truncated, false);
    assert.equal(run.timedOut, false);
    assert.equal(run.cancelled, false);
    assert.ok(run.durationMs >= 0);
    assert.deepEqual(run.argv.slice(1, 3), ['-e', 'console.log(process.argv.slice(1).join("|")); process.exit(3)']);
  });

  it('never uses a shell: a command line in argv[0] is a program name that does not exist', async () => {
    const run = await runCommand({ argv: ['echo hi; touch pwned'], cwd, timeoutMs: 5000 });
    assert.equal(run.exitCode, null);
    assert.match(run.spawnError ?? '', /command not found: echo hi; touch pwned \(ENOENT\)/);
  });

  it('interleaves stdout and stderr in arrival order', async () => {
    const run = await runCommand(spec('process.stdout.write("1\\n"); setTimeout(() => { process.stderr.write("2\\n"); setTimeout(() => process.stdout.write("3\\n"), 30) }, 30)'));
    assert.equal(run.output, '1\n2\n3\n');
  });

  it('runs in the given folder', async () => {
    const run = await runCommand(spec('console.log(process.cwd())'));
    assert.equal(run.output.trim(), cwd);
  });

  it('writes stdin then closes it; without stdin the program reads end of input at once', async () => {
    const echo = 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log("got:"+s))';
    assert.equal((await runCommand(spec(echo, { stdin: 'hello' }))).output, 'got:hello\n');
    const none = await runCommand(spec(echo, { timeoutMs: 3000 }));
    assert.equal(none.timedOut, false);
    assert.equal(none.output, 'got:\n');
  });

  it('a missing program is a result, not an exception: exit code null and what to do', async () => {
    const run = await runCommand({ argv: ['pytest-not-installed-here', '-q'], cwd, timeoutMs: 5000 });
    assert.equal(run.exitCode, null);
    assert.equal(run.spawnError, 'command not found: pytest-not-installed-here (ENOENT): install it or fix core.commands');
  });

  it('a missing working folder is named as such (not as a missing program)', async () => {
    const run = await runCommand({ argv: [node, '-e', ''], cwd: join(cwd, 'nope'), timeoutMs: 5000 });
    assert.equal(run.exitCode, null);
    assert.match(run.spawnError ?? '', /working folder not found: .*nope/);
  });

  it('a file that is not executable says so', async () => {
    const script = join(cwd, 'run.sh');
    writeFileSync(script, '#!/bin/sh\necho hi\n', { mode: 0o644 });
    const run = await runCommand({ argv: [script], cwd, timeoutMs: 5000 });
    assert.match(run.spawnError ?? '', /not executable: .*run\.sh \(EACCES\)/);
  });

  it('an empty argv is refused with a reason', async () => {
    const run = await runCommand({ argv: [], cwd, timeoutMs: 5000 });
    assert.match(run.spawnError ?? '', /empty command/);
  });

  // sh (as a program, not as Factory's shell) starts in a millisecond even on a loaded machine, so the
  // background child surely exists before these short timeouts.
  const withChild = (rest: string) => ({ argv: ['sh', '-c', `sleep 100 & echo "child $!"; ${rest}`], cwd, timeoutMs: 10000 });

  it('a timeout stops the command and everything it started', async () => {
    const started = Date.now();
    const run = await runCommand({ ...withChild('wait'), timeoutMs: 300 });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.equal(run.timedOut, true);
    assert.equal(run.exitCode, null);
    assert.equal(run.signal, 'SIGTERM');
    const child = Number(/child (\d+)/.exec(run.output)?.[1]);
    assert.ok(child > 0, `no child in ${JSON.stringify(run.output)}`);
    assert.ok(await gone(child, 1000), `grandchild ${child} still running`);
  });

  it('a program that exits leaving a background child holding the pipes: the run ends and the child is gone', async () => {
    const started = Date.now();
    const run = await runCommand({ ...withChild('exit 0'), timeoutMs: 20000 });
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.equal(run.exitCode, 0);
    assert.equal(run.timedOut, false);
    const child = Number(/child (\d+)/.exec(run.output)?.[1]);
    assert.ok(child > 0, `no child in ${JSON.stringify(run.output)}`);
    assert.ok(!running(child), `grandchild ${child} still running`);
  });

  it('a program that ignores SIGTERM is killed after the grace period', async () => {
    const script = 'process.on("SIGTERM", () => {}); console.log("up"); setInterval(() => {}, 1000)';
    const started = Date.now();
    const run = await runCommand(spec(script, { timeoutMs: 1500, killGraceMs: 300 })); // time for node to start and set its handler
    assert.equal(run.timedOut, true);
    assert.equal(run.signal, 'SIGKILL');
    assert.ok(Date.now() - started < 4000);
  });

  it('cancel (AbortSignal) stops within about a second and says cancelled', async () => {
    const ac = new AbortController();
    const pending = runCommand({ ...withChild('wait'), timeoutMs: 20000 }, ac.signal);
    await new Promise((r) => setTimeout(r, 300));
    const at = Date.now();
    ac.abort();
    const run = await pending;
    assert.ok(Date.now() - at < 1200, `stopped after ${Date.now() - at} ms`);
    assert.equal(run.cancelled, true);
    assert.equal(run.timedOut, false);
    const child = Number(/child (\d+)/.exec(run.output)?.[1]);
    assert.ok(child > 0, `no child in ${JSON.stringify(run.output)}`);
    assert.ok(await gone(child, 1000), `grandchild ${child} still running`);
  });

  it('an already cancelled signal runs nothing', async () => {
    const ac = new AbortController();
    ac.abort();
    const marker = join(cwd, 'ran.txt');
    const run = await runCommand(spec(`require("fs").writeFileSync(${JSON.stringify(marker)}, "x")`), ac.signal);
    assert.equal(run.cancelled, true);
    assert.equal(run.exitCode, null);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(existsSync(marker), false);
  });

  it('50 MB of output: bounded memory, truncated, head and tail kept with a marker', async function () {
    this.timeout(30000);
    const script = 'process.stdout.write("HEAD-START\\n"); const line = "x".repeat(1023) + "\\n"; for (let i = 0; i < 50 * 1024; i++) process.stdout.write(line); process.stdout.write("TAIL-END\\n")';
    const before = process.memoryUsage().rss;
    const run = await runCommand(spec(script, { outputCapBytes: 64 * 1024, timeoutMs: 25000 }));
    const grown = process.memoryUsage().rss - before;
    assert.equal(run.exitCode, 0);
    assert.equal(run.truncated, true);
    assert.ok(run.output.startsWith('HEAD-START\n'));
    assert.ok(run.output.endsWith('TAIL-END\n'));
    assert.ok(/\n\[… (49\.9|50\.0) MiB \(\d+ bytes\) of output cut from the middle …\]\n/.test(run.output), 'marker line missing');
    assert.ok(run.output.length < 70 * 1024, `kept ${run.output.length} chars`);
    assert.ok(run.outputBytes && run.outputBytes > 50 * 1024 * 1024);
    assert.ok(grown < 40 * 1024 * 1024, `rss grew by ${grown} bytes`);
  });
});
