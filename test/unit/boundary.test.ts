import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

// The DESIGN rule "only src/vscode imports vscode", checked twice: by loading every non-editor module
// in plain Node (where no 'vscode' module exists), and by the ESLint rule that guards the source.
const repo = join(__dirname, '..', '..', '..');
const outSrc = join(repo, 'out', 'src');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

describe('the vscode boundary', () => {
  it('there is no vscode module in plain Node', () => {
    assert.throws(() => require.resolve('vscode'), /Cannot find module 'vscode'/);
  });

  it('every module of core, cli and shared loads in plain Node', async () => {
    const entryPoints = new Set([join(outSrc, 'cli', 'index.js')]); // runs the CLI when loaded
    const files = ['core', 'cli', 'shared'].flatMap((d) => jsFiles(join(outSrc, d))).filter((f) => !entryPoints.has(f));
    assert.ok(files.length >= 10, `found only ${files.length} modules`);
    for (const f of files) {
      await assert.doesNotReject(() => import(pathToFileURL(f).href), `${relative(repo, f)} does not load without vscode`);
    }
  });

  it('ESLint refuses an import of vscode in src/core and allows it in src/vscode', async function () {
    this.timeout(60000);
    const eslint = new ESLint({ cwd: repo });
    const code = "import * as vscode from 'vscode';\nexport const w = vscode.window;\n";
    const [inCore] = await eslint.lintText(code, { filePath: join(repo, 'src', 'core', 'leak.ts') });
    assert.ok(
      inCore?.messages.some((m) => m.ruleId === 'no-restricted-imports' && /Only src\/vscode\//.test(m.message)),
      JSON.stringify(inCore?.messages),
    );
    const [inHost] = await eslint.lintText(code, { filePath: join(repo, 'src', 'vscode', 'ok.ts') });
    assert.deepEqual(inHost?.messages.filter((m) => m.ruleId === 'no-restricted-imports'), []);
  });
});
