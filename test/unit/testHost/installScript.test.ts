import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../patch/repoRoot';

/**
 * test/integration/host/install.sh, the installer of the integration tier's extension host, run against
 * a stand-in `npm` (so no download happens) with an empty home folder, as on a fresh machine.
 */
const root = repoRoot();
const script = join(root, 'test', 'integration', 'host', 'install.sh');
const offlineLog = join(root, 'test', 'fixtures', 'testHost', 'argon2-offline.log');

// Records each call (folder, arguments, the npm settings given through the environment) as one JSON
// line; fails the call whose arguments contain $STUB_FAIL_ON by printing $STUB_FAIL_LOG, as npm does.
const stubNpm = `#!/usr/bin/env bash
node -e 'const e = process.env; console.log(JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(1),
  nodedir: e.npm_config_nodedir, ignoreScripts: e.npm_config_ignore_scripts, buildFromSource: e.npm_config_build_from_source }))' -- "$@" >> "$STUB_RECORD"
if [ -n "\${STUB_FAIL_ON:-}" ] && [[ " $* " == *"$STUB_FAIL_ON"* ]]; then cat "$STUB_FAIL_LOG"; exit 1; fi
if [ "$1" = install ]; then mkdir -p node_modules/.bin && printf '#!/bin/sh\\n' > node_modules/.bin/code-server && chmod +x node_modules/.bin/code-server; fi
exit 0
`;

interface NpmCall {
  cwd: string;
  args: string[];
  nodedir?: string;
  ignoreScripts?: string;
  buildFromSource?: string;
}

function nodeVersionOf(nodedir: string): string {
  const h = readFileSync(join(nodedir, 'include', 'node', 'node_version.h'), 'utf8');
  const part = (p: string): string => new RegExp(`#define NODE_${p}_VERSION (\\d+)`).exec(h)?.[1] ?? '?';
  return `${part('MAJOR')}.${part('MINOR')}.${part('PATCH')}`;
}

describe('test host installer (install.sh) on a fresh machine', function () {
  this.timeout(60000);
  let tmp: string;
  let record: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'factory-install-'));
    const bin = join(tmp, 'bin');
    const home = join(tmp, 'home');
    mkdirSync(bin);
    mkdirSync(home);
    // The user's own npm settings must not matter: these would break the build if they were used.
    writeFileSync(join(home, '.npmrc'), 'nodedir=/nowhere\nignore-scripts=true\n');
    writeFileSync(join(bin, 'npm'), stubNpm);
    chmodSync(join(bin, 'npm'), 0o755);
    record = join(tmp, 'npm-calls.jsonl');
    env = { ...process.env, HOME: home, PATH: `${bin}:${process.env.PATH ?? ''}`, FACTORY_TEST_HOST: join(tmp, 'cache'), STUB_RECORD: record };
    delete env.XDG_CACHE_HOME;
    delete env.npm_config_nodedir;
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  const run = (extra: NodeJS.ProcessEnv = {}): { code: number | null; out: string; err: string } => {
    const r = spawnSync('bash', [script], { env: { ...env, ...extra }, encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const calls = (): NpmCall[] =>
    readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as NpmCall);

  it('when npm fails, shows the lines that say why (the host it could not reach), not only the end of the log', () => {
    const r = run({ STUB_FAIL_ON: 'install', STUB_FAIL_LOG: offlineLog });
    assert.equal(r.code, 1);
    assert.match(r.err, /getaddrinfo ENOTFOUND github\.com/, r.err);
    assert.match(r.err, /npm error path \S*node_modules\/argon2/);
    assert.match(r.err, /full log: \S+install-4\.100\.3\.log/);
  });

  it('never lets a dependency script download: scripts run only with local headers and no prebuilt-binary downloads', () => {
    const r = run();
    assert.equal(r.code, 0, r.err);
    const installed = r.out.trim().split('\n').pop() ?? '';
    assert.ok(existsSync(installed), `prints the code-server path on its last line (got "${installed}")`);
    const all = calls();
    assert.ok(all.length > 0);
    for (const c of all) {
      const scriptsOff = c.args.includes('--ignore-scripts');
      if (scriptsOff) continue;
      const what = `npm ${c.args.join(' ')}`;
      // Scripts run here: they must build against this Node's own headers, found on this machine.
      assert.equal(c.ignoreScripts, 'false', `${what}: the user's ignore-scripts is overridden`);
      assert.ok(c.nodedir && c.nodedir !== '/nowhere', `${what}: is given Node's headers (got ${String(c.nodedir)})`);
      assert.equal(nodeVersionOf(c.nodedir), process.versions.node, `${what}: the headers are this Node's`);
      // node-pre-gyp and prebuild-install fetch prebuilt binaries from GitHub unless told to build.
      assert.ok(c.buildFromSource, `${what}: prebuilt binaries are not fetched`);
    }
    // The dependency download itself runs no scripts at all.
    assert.ok(all[0]?.args.includes('--ignore-scripts'), `first call: npm ${all[0]?.args.join(' ')}`);
  });
});
