// Builds the bundles: dist/extension.js (VS Code host), dist/cli.js (the `factory` bin),
// dist/webview.js (the dashboard, browser), dist/parseWorker.js (the code map's parse worker) and dist/sandboxBridge.js (the bridge into an app's sandbox). Provider SDKs are built as separate files under dist/sdk/
// and required only when a provider is first used, so activation never parses them.
// Usage: node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

// Package name -> file under dist/sdk/. Core code imports the package with a dynamic import();
// in the bundles that import is rewritten to require the sibling file at run time.
const SDKS = {
  '@anthropic-ai/sdk': 'anthropic',
  openai: 'openai',
  '@google/genai': 'genai',
  ollama: 'ollama',
  // The price database (~0.5 MB of data): loaded when a run or a call first needs a price.
  '@pydantic/genai-prices': 'prices',
};

const lazySdks = {
  name: 'lazy-sdks',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(SDKS).map((s) => s.replace(/[/@]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: `./sdk/${SDKS[args.path]}.js`, external: true }));
  },
};

// web-tree-sitter's ESM build reads import.meta.url, which a CJS bundle lacks: bundle its CJS build.
const treeSitterCjs = {
  name: 'tree-sitter-cjs',
  setup(build) {
    build.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

const problems = {
  name: 'problems',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        const where = location ? `${location.file}:${location.line}:${location.column}: ` : '';
        console.error(`${where}${text}`);
      }
      const out = build.initialOptions.outfile;
      if (watch) console.log(`[watch] ${out}: ${result.errors.length ? 'errors' : 'ok'} ${new Date().toLocaleTimeString()}`);
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? 'linked' : 'inline',
  sourcesContent: false,
  logLevel: 'silent',
  plugins: [problems],
};

// dynamic-import off: import() becomes require(), which keeps the named exports of the CJS SDK files.
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', supported: { 'dynamic-import': false },
  plugins: [treeSitterCjs, problems] };

const builds = [
  { ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'],
    plugins: [lazySdks, treeSitterCjs, problems] },
  { ...node, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' },
    plugins: [lazySdks, treeSitterCjs, problems] },
  // The code map's parse worker (src/core/codemap/parsePool.ts starts it from next to the bundle).
  { ...node, entryPoints: ['src/core/codemap/parseWorker.ts'], outfile: 'dist/parseWorker.js' },
  // The bridge into an app's sandbox (src/core/exec/sandbox/sandboxedExec.ts runs it next to the bundle).
  { ...node, entryPoints: ['src/core/exec/sandbox/bridgeMain.ts'], outfile: 'dist/sandboxBridge.js', sourcemap: false },
  { ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js' },
  ...Object.entries(SDKS).map(([pkg, file]) => ({
    ...node, stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: __dirname,
      loader: 'js', sourcefile: `sdk-${file}.js` }, outfile: path.join('dist', 'sdk', `${file}.js`),
    sourcemap: false, minify: true,
  })),
];

// The code map parses with tree-sitter compiled to WebAssembly. The VSIX ships no node_modules, so the
// runtime and the grammars the code map uses are copied next to the bundles (src/core/codemap/wasmLocation.ts).
const GRAMMARS = ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java'];
function copyWasm() {
  const dir = path.join('dist', 'wasm');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), path.join(dir, 'web-tree-sitter.wasm'));
  const grammars = path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
  for (const g of GRAMMARS) fs.copyFileSync(path.join(grammars, `tree-sitter-${g}.wasm`), path.join(dir, `tree-sitter-${g}.wasm`));
}

async function main() {
  copyWasm();
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) {
    console.error(`esbuild: ${failed.length} bundle(s) failed`);
    process.exit(1);
  }
  fs.chmodSync(path.join('dist', 'cli.js'), 0o755); // runnable as ./dist/cli.js, like the installed bin
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
