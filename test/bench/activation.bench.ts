/**
 * What loading the extension bundle costs before activate() runs: `npm run bench:activation` builds
 * the production bundle and prints the median time to require it (with a stand-in for the vscode
 * module, which only the real host has). Figures, not assertions. Provider SDKs and the schema library
 * are loaded on first use, so they should not show up here.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

const repo = join(__dirname, '..', '..', '..');
const bundle = join(repo, 'dist', 'extension.js');

// Each measurement in a fresh process, so nothing is cached between runs.
const probe = `
const Module = require('module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return new Proxy({}, { get: () => function () {} });
  return load.call(this, request, ...rest);
};
const t = process.hrtime.bigint();
require(${JSON.stringify(bundle)});
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const sdk = Object.keys(require.cache).filter((f) => f.includes('/dist/sdk/')).length;
process.stdout.write(JSON.stringify({ ms, sdk }));
`;

execFileSync(process.execPath, [join(repo, 'esbuild.js'), '--production'], { cwd: repo, stdio: 'inherit' });
const runs = Array.from({ length: 9 }, () => JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as { ms: number; sdk: number });
const times = runs.map((r) => r.ms).sort((a, b) => a - b);
console.log(`activation benchmark (node ${process.version}, production bundle)`);
console.log(`dist/extension.js           ${(statSync(bundle).size / 1024).toFixed(0)} KB`);
console.log(`require, median of ${times.length}       ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[times.length - 1]!.toFixed(1)})`);
console.log(`provider SDK files loaded   ${Math.max(...runs.map((r) => r.sdk))}`);
