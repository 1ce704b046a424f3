import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The layers of src/ (.dependency-cruiser.cjs): each imports only the layers below it, with no cycle
// between files or between folders. Planted imports in a copy of src/ show the rules are live.
const repo = join(__dirname, '..', '..', '..');
const depcruise = join(repo, 'node_modules', '.bin', 'depcruise');
const run = promisify(execFile);

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}
interface Cruise {
  modules: Array<{ source: string; dependencies: Array<{ resolved: string }> }>;
  summary: { violations: Violation[] };
}

async function cruise(root: string): Promise<Cruise> {
  // depcruise exits non-zero when it finds violations; the JSON report is printed either way.
  const out = await run(depcruise, ['src', '--config', join(repo, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return JSON.parse(out.stdout) as Cruise;
}

/** src/cli, src/core/patch, src/core/ports.ts …: the unit a layer is made of. */
function folderOf(path: string): string | undefined {
  const m = /^src\/(core\/[^/]+|[^/]+)/.exec(path);
  return m?.[1];
}

function folderCycle(result: Cruise): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  for (const m of result.modules) {
    const from = folderOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = folderOf(d.resolved);
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, trail: string[]): string[] | undefined => {
    if (state.get(node) === 'open') return [...trail.slice(trail.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next, [...trail, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

/** A copy of the sources with extra files planted in it. */
function plantedCopy(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'factory-layers-'));
  cpSync(join(repo, 'src'), join(root, 'src'), { recursive: true });
  cpSync(join(repo, 'tsconfig.json'), join(root, 'tsconfig.json'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return root;
}

const names = (r: Cruise) => r.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);

describe('the layers of src/', function () {
  this.timeout(120000);
  let roots: string[] = [];
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const planted = (files: Record<string, string>) => {
    const root = plantedCopy(files);
    roots = [...roots, root];
    return cruise(root);
  };

  it('hold: no import goes up a layer, no file cycle, no folder cycle', async () => {
    const result = await cruise(repo);
    assert.ok(result.modules.length > 50, `cruised only ${result.modules.length} modules`);
    assert.deepEqual(names(result), []);
    assert.equal(folderCycle(result), undefined);
  });

  it('refuse an upward import inside core (patch → protocol) and out of core (core → cli)', async () => {
    const result = await planted({
      'src/core/patch/planted.ts': "import { parseReply } from '../protocol/parseReply';\nexport const p = parseReply;\n",
      'src/core/config/planted.ts': "import type { CliIo } from '../../cli/io';\nexport type P = CliIo;\n",
    });
    const found = names(result);
    assert.ok(found.some((v) => v.startsWith('core-patch-layer: src/core/patch/planted.ts → src/core/protocol/')), found.join('\n'));
    assert.ok(found.some((v) => v.startsWith('core-stays-core: src/core/config/planted.ts → src/cli/')), found.join('\n'));
  });

  it('refuse Node and host code in the page-side layers, and vscode outside src/vscode', async () => {
    const result = await planted({
      'src/shared/planted.ts': "import { readFileSync } from 'node:fs';\nimport type { FileChange } from '../core/ports';\nexport const r = readFileSync;\nexport type F = FileChange;\n",
      'src/cli/planted.ts': "import { window } from 'vscode';\nexport const w = window;\n",
    });
    const found = names(result);
    for (const rule of ['page-code-is-plain: src/shared/planted.ts', 'page-code-stays-out-of-hosts: src/shared/planted.ts → src/core/ports.ts', 'only-vscode-imports-vscode: src/cli/planted.ts']) {
      assert.ok(found.some((v) => v.startsWith(rule)), `${rule} not reported in:\n${found.join('\n')}`);
    }
  });

  it('refuse a cycle through type-only imports', async () => {
    const result = await planted({
      'src/core/patch/plantedA.ts': "import type { B } from './plantedB';\nexport interface A { b?: B }\n",
      'src/core/patch/plantedB.ts': "import type { A } from './plantedA';\nexport interface B { a?: A }\n",
    });
    assert.ok(names(result).some((v) => v.startsWith('no-circular: src/core/patch/planted')), names(result).join('\n'));
  });

  it('see a cycle between folders even where no single file cycle exists', () => {
    const fake: Cruise = {
      summary: { violations: [] },
      modules: [
        { source: 'src/core/pipeline/a.ts', dependencies: [{ resolved: 'src/core/learning/b.ts' }] },
        { source: 'src/core/learning/c.ts', dependencies: [{ resolved: 'src/core/pipeline/d.ts' }] },
      ],
    };
    assert.deepEqual(folderCycle(fake), ['core/pipeline', 'core/learning', 'core/pipeline']);
  });
});
