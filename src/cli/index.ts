/** The `factory` command's entry point (dist/cli.js). */
import { createInterface } from 'node:readline';
import type { Interrupts } from './io';
import { runCli } from './program';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** One question on the terminal; the prompt goes to standard error so `--json` output stays clean. */
function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Readline takes Ctrl-C for itself on a terminal: hand it on, so a run waiting at the gate still stops.
  rl.on('SIGINT', () => process.emit('SIGINT'));
  return new Promise((resolve) => {
    rl.question(question, (line) => {
      rl.close();
      resolve(line);
    });
    rl.once('close', () => resolve(''));
  });
}

const interrupts: Interrupts = {
  on(handler) {
    process.on('SIGINT', handler);
    return () => void process.off('SIGINT', handler);
  },
  exitNow(code) {
    process.exit(code);
  },
};

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
  stdin: readStdin,
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  columns: process.stdout.columns,
  ask,
  interrupts,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A bug, not an expected failure: say so, with the stack, and exit non-zero.
    process.stderr.write(`factory: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
