/**
 * The integration tier: runs test/integration/suite inside a real VS Code extension host three times:
 * with the extension loaded from this folder (development), installed from the packaged factory.vsix
 * as a user gets it, and in a workspace that is not trusted (only the untrusted.test.js file). Uses @vscode/test-electron with an offline stand-in executable
 * (host/shim.mjs: code-server + headless Chromium); see shared/reference/vscode-host.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { seedEarlierRun } from './earlierRun';

const repo = join(__dirname, '..', '..', '..');
const hostDir = join(repo, 'test', 'integration', 'host');
const suite = join(__dirname, 'suite', 'index');

function installHost(): string {
  const out = execFileSync('bash', [join(hostDir, 'install.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const bin = out.trim().split('\n').pop() ?? '';
  if (!existsSync(bin)) throw new Error(`install.sh did not produce a code-server executable (got "${bin}")`);
  return bin;
}

function emptyExtension(tmp: string): string {
  const dir = join(tmp, 'test-runner-extension');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'factory-test-runner', publisher: 'factory-dev', version: '0.0.0', engines: { vscode: '^1.100.0' } }));
  return dir;
}

async function run(label: string, codeServer: string, opts: { vsix?: string; untrusted?: boolean }): Promise<boolean> {
  const tmp = mkdtempSync(join(tmpdir(), 'factory-int-'));
  const ws = join(tmp, 'workspace');
  const extensionsDir = join(tmp, 'extensions');
  mkdirSync(ws);
  mkdirSync(extensionsDir);
  // A run from "before the restart", whose findings Factory shows again when it activates.
  if (!opts.untrusted) seedEarlierRun(ws);
  // runTests passes this process's environment on to the shim; code-server's own files go to tmp.
  process.env.CODE_SERVER = codeServer;
  process.env.SHIM_WORKSPACE_TRUST = opts.untrusted ? '1' : '0';
  const env = { ...process.env, XDG_CONFIG_HOME: join(tmp, 'xdg-config'), XDG_DATA_HOME: join(tmp, 'xdg-data') };
  try {
    if (opts.vsix) {
      execFileSync(codeServer, ['--extensions-dir', extensionsDir, '--install-extension', opts.vsix], { env, stdio: 'inherit' });
    }
    console.log(`\n== integration (${label})`);
    await runTests({
      vscodeExecutablePath: join(hostDir, 'shim.mjs'),
      // VS Code runs a test payload only in an extension development host. To test the installed VSIX,
      // the development extension is an empty stand-in, so Factory itself loads from the extensions folder.
      extensionDevelopmentPath: opts.vsix ? emptyExtension(tmp) : repo,
      extensionTestsPath: suite,
      launchArgs: [ws, `--extensions-dir=${extensionsDir}`],
      extensionTestsEnv: { FACTORY_TEST_MODE: label, FACTORY_TEST_EXTENSIONS_DIR: extensionsDir, FACTORY_TEST_REPO: repo },
    });
    return true;
  } catch (e) {
    console.error(`integration (${label}) failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  } finally {
    rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function main(): Promise<void> {
  const codeServer = installHost();
  const vsix = join(repo, 'factory.vsix');
  // FACTORY_TEST_HOSTS (comma-separated: development, vsix, untrusted): only those hosts, while working on a test.
  const hosts = process.env.FACTORY_TEST_HOSTS?.split(',').map((h) => h.trim()) ?? ['development', 'vsix', 'untrusted'];
  if (hosts.includes('vsix')) execFileSync('npm', ['run', '--silent', 'package'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const dev = !hosts.includes('development') || (await run('development', codeServer, {}));
  const packaged = !hosts.includes('vsix') || (await run('vsix', codeServer, { vsix }));
  const untrusted = !hosts.includes('untrusted') || (await run('untrusted', codeServer, { untrusted: true }));
  process.exitCode = dev && packaged && untrusted ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
