import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** An empty user configuration folder, so the tester's own ~/.factory/config.json never changes a result. */
let emptyFactoryHome: string | undefined;
function factoryHome(): string {
  if (!emptyFactoryHome) {
    const dir = mkdtempSync(join(tmpdir(), 'factory-home-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    emptyFactoryHome = dir;
  }
  return emptyFactoryHome;
}

/** The built CLI, exactly as the `factory` bin runs it. */
export const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd?: string;
  stdin?: string;
  env?: Record<string, string>;
  /** Extra node flags, e.g. ['--require', hook]. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/** Runs `node dist/cli.js ...args` as a child process and collects what it printed. */
export function runCliProcess(args: string[], opts: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), CLI, ...args], {
      cwd: opts.cwd ?? process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FACTORY_HOME: factoryHome(), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`factory ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 15000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 15000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
