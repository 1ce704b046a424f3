#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron spawns, on machines that cannot
// download VS Code: it takes the same arguments (--extensionDevelopmentPath, --extensionTestsPath,
// --user-data-dir, --extensions-dir, a folder), runs them in code-server's real extension host with the
// workbench in headless Chromium, and exits with the tests' exit code.
// Environment: CODE_SERVER (required: the code-server executable), CHROMIUM (default /usr/bin/chromium),
// SHIM_VERBOSE=1 (forward code-server and browser output), SHIM_TIMEOUT_MS (default 10 minutes),
// SHIM_WORKSPACE_TRUST=1 (keep workspace trust on, so the folder opens untrusted).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const devPaths = [];
const positional = [];
let testsPath;
let userDataDir;
let extensionsDir;
for (const a of process.argv.slice(2)) {
  const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
  if (!m) positional.push(a);
  else if (m[1] === 'extensionDevelopmentPath') devPaths.push(resolve(m[2]));
  else if (m[1] === 'extensionTestsPath') testsPath = resolve(m[2]);
  else if (m[1] === 'user-data-dir') userDataDir = resolve(m[2]);
  else if (m[1] === 'extensions-dir') extensionsDir = resolve(m[2]);
  // Desktop-only flags (--no-sandbox, --disable-updates, ...) do not apply to code-server.
}
const codeServer = process.env.CODE_SERVER;
if (!codeServer || !testsPath) {
  console.error('vscode-shim: needs the CODE_SERVER environment variable and --extensionTestsPath');
  process.exit(2);
}
const verbose = !!process.env.SHIM_VERBOSE;
const tmp = mkdtempSync(join(tmpdir(), 'factory-host-'));
const folder = positional[0] ? resolve(positional[0]) : join(tmp, 'ws');
mkdirSync(folder, { recursive: true });
userDataDir ??= join(tmp, 'user-data');
extensionsDir ??= join(tmp, 'extensions');
// code-server stops loading extensions if the extensions folder is missing.
for (const d of [userDataDir, extensionsDir]) mkdirSync(d, { recursive: true });
const config = join(tmp, 'config.yaml');
writeFileSync(config, 'auth: none\n');
const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => ok(p));
  });
});
// Keep code-server and Chromium from writing into the home folder.
// EXTENSIONS_GALLERY points the marketplace at a closed loopback port: no lookups of outside hosts.
const env = {
  ...process.env,
  XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
  XDG_DATA_HOME: join(tmp, 'xdg-data'),
  XDG_CACHE_HOME: join(tmp, 'xdg-cache'),
  EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' }),
};
const cs = spawn(
  codeServer,
  ['--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    ...(process.env.SHIM_WORKSPACE_TRUST === '1' ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, folder],
  { env, stdio: ['ignore', 'pipe', 'pipe'] },
);
let csOutput = '';
const keep = (d) => {
  csOutput = (csOutput + d).slice(-8000);
  if (verbose) process.stderr.write(`[code-server] ${d}`);
};
cs.stdout.on('data', keep);
cs.stderr.on('data', keep);

let browser;
let finishing = false;
const finish = async (code) => {
  if (finishing) return;
  finishing = true;
  try {
    await browser?.close();
  } catch {
    // the browser may already be gone
  }
  cs.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  process.exit(code);
};
setTimeout(() => {
  console.error(`vscode-shim: the tests did not finish within ${process.env.SHIM_TIMEOUT_MS ?? 600000} ms`);
  void finish(124);
}, Number(process.env.SHIM_TIMEOUT_MS ?? 600000)).unref();
cs.on('exit', (c) => {
  if (finishing) return;
  console.error(`vscode-shim: code-server exited early (${c}); its last output:\n${csOutput}`);
  void finish(1);
});

for (let i = 0; ; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 600) {
    console.error(`vscode-shim: code-server did not start within 60 s; its last output:\n${csOutput}`);
    await finish(1);
  }
  await new Promise((r) => setTimeout(r, 100));
}
browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  env,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
if (verbose) page.on('console', (m) => console.error('[browser]', m.type(), m.text()));
const exited = new Promise((ok) => page.exposeFunction('codeAutomationExit', (code) => ok(code)));
await page.exposeFunction('codeAutomationLog', (_type, args) => console.log(...(Array.isArray(args) ? args : [args])));
const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', remote(p)]), ['extensionTestsPath', remote(testsPath)]];
// A machine shared by several test runs can take longer than Playwright's default 30 s to load the workbench.
await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 180000 });
await finish(await exited);
