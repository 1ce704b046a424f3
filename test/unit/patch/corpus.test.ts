/**
 * Runs every case under test/fixtures/patch through the real file-system host: the case's files are
 * laid out in a temporary workspace (next to an "outside" folder that links may point at), the reply
 * is applied and written, and then the whole workspace, byte for byte, and the outside folder must be
 * exactly as the case expects. Each case folder holds:
 *   case.json   about, path (single-file cases), links, and the expected outcome of every block
 *   reply.md    the model's text
 *   original.<ext> / expected.<ext>   the file before and after (no expected file: unchanged);
 *               TypeScript ones end in .ts.txt, as tsc would compile any .ts under test/
 *   before/ and after/                several files: the tree before, and the files that change
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { applyPatchText } from '../../../src/core/patch/applyBlocks';
import { FsWorkspace } from '../../../src/core/patch/fsWorkspace';
import { STRATEGIES, type BlockResult, type FailureKind } from '../../../src/core/patch/types';
import { withWriteOutcomes } from '../../../src/core/patch/writeOutcomes';
import { repoRoot } from './repoRoot';

interface ExpectedBlock {
  status: BlockResult['status'];
  strategy?: string;
  kind?: string;
  line?: number;
  /** Substrings of the reason (failed/refused) or of the notes (applied). */
  mentions?: string[];
  notes?: string[];
}

interface CaseMeta {
  about: string;
  path?: string;
  links?: Record<string, string>;
  blocks: ExpectedBlock[];
}

const CORPUS = join(repoRoot(), 'test', 'fixtures', 'patch');
const SECRET = 'outside the workspace\n';
const HEAD = 'ref: refs/heads/main\n';

const caseNames = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function meta(name: string): CaseMeta {
  return JSON.parse(readFileSync(join(CORPUS, name, 'case.json'), 'utf8')) as CaseMeta;
}

/** Files under dir as relative path -> bytes; links as relative path -> "-> target". */
async function tree(dir: string, prefix = ''): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const entry of await readdir(dir)) {
    const abs = join(dir, entry);
    const rel = prefix ? `${prefix}/${entry}` : entry;
    const info = await lstat(abs);
    if (info.isSymbolicLink()) out.set(rel, `-> ${await readlink(abs)}`);
    else if (info.isDirectory()) for (const [k, v] of await tree(abs, rel)) out.set(k, v);
    else out.set(rel, (await readFile(abs)).toString('base64'));
  }
  return out;
}

function fileWith(dir: string, stem: string): string | undefined {
  const f = readdirSync(dir).find((n) => n.startsWith(`${stem}.`));
  return f && join(dir, f);
}

async function layOut(name: string, m: CaseMeta, ws: string): Promise<Map<string, string>> {
  const dir = join(CORPUS, name);
  await mkdir(join(ws, '.git'), { recursive: true });
  await writeFile(join(ws, '.git', 'HEAD'), HEAD);
  const expected = new Map<string, string>([['.git/HEAD', Buffer.from(HEAD).toString('base64')]]);
  if (existsSync(join(dir, 'before')) || existsSync(join(dir, 'after'))) {
    for (const [rel, data] of await tree(join(dir, 'before'))) {
      await mkdir(dirname(join(ws, rel)), { recursive: true });
      await writeFile(join(ws, rel), Buffer.from(data, 'base64'));
      expected.set(rel, data);
    }
    for (const [rel, data] of await tree(join(dir, 'after'))) expected.set(rel, data);
  } else {
    assert.ok(m.path, `${name}: single-file cases name their path`);
    const original = fileWith(dir, 'original');
    const after = fileWith(dir, 'expected');
    if (original) {
      await mkdir(dirname(join(ws, m.path)), { recursive: true });
      const bytes = await readFile(original);
      await writeFile(join(ws, m.path), bytes);
      expected.set(m.path, bytes.toString('base64'));
    }
    if (after) {
      expected.set(m.path, (await readFile(after)).toString('base64'));
    }
  }
  for (const [link, target] of Object.entries(m.links ?? {})) {
    await mkdir(dirname(join(ws, link)), { recursive: true });
    await symlink(target, join(ws, link));
    expected.set(link, `-> ${target}`);
  }
  return expected;
}

function show(map: Map<string, string>, key: string): string {
  const v = map.get(key);
  if (v === undefined) return '(absent)';
  return v.startsWith('-> ') ? v : JSON.stringify(Buffer.from(v, 'base64').toString('latin1'));
}

describe('patch corpus (test/fixtures/patch)', () => {
  let tmp = '';
  beforeEach(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'factory-corpus-'));
  });
  afterEach(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  for (const name of caseNames) {
    const m = meta(name);
    it(`${name}: ${m.about}`, async () => {
      const ws = join(tmp, 'ws');
      const outside = join(tmp, 'outside');
      await mkdir(outside, { recursive: true });
      await writeFile(join(outside, 'secret.txt'), SECRET);
      const expectedTree = await layOut(name, m, ws);
      const reply = await readFile(join(CORPUS, name, 'reply.md'), 'utf8');

      const host = new FsWorkspace(ws);
      const result = await applyPatchText(reply, host);
      const final = withWriteOutcomes(result, await host.write(result.changes));

      const got = final.blocks.map((b) => `${b.block}:${b.status}:${b.strategy ?? b.kind}`);
      assert.equal(final.blocks.length, m.blocks.length, `blocks: ${got.join(', ')}`);
      m.blocks.forEach((want, i) => {
        const b = final.blocks[i];
        const where = `block ${i + 1} (${got[i]}): ${b.reason ?? b.notes.join('; ')}`;
        assert.equal(b.block, i + 1);
        assert.equal(b.status, want.status, where);
        if (want.strategy) assert.equal(b.strategy, want.strategy, where);
        if (want.kind) assert.equal(b.kind, want.kind, where);
        if (want.line !== undefined) assert.equal(b.line, want.line, where);
        if (b.status === 'applied') {
          assert.equal(b.reason, null);
          for (const s of want.notes ?? []) assert.ok(b.notes.some((n) => n.includes(s)), `${where}\nnotes should mention ${JSON.stringify(s)}`);
        } else {
          // A block that was not applied reports no strategy and no line, whichever step stopped it.
          assert.deepEqual([b.strategy, b.line], [null, null], `${where}\na ${b.status} block reports no strategy or line`);
          assert.ok(b.reason?.startsWith(`block ${b.block} `), `${where}\na reason names its block`);
          assert.equal(b.strategy, null, `${where}\na block that was not applied reports no strategy`);
          for (const s of want.mentions ?? []) assert.ok(b.reason?.includes(s), `${where}\nreason should mention ${JSON.stringify(s)}`);
        }
      });

      const actualTree = await tree(ws);
      const keys = [...new Set([...expectedTree.keys(), ...actualTree.keys()])].sort();
      for (const k of keys) {
        assert.equal(actualTree.get(k), expectedTree.get(k), `${k}: got ${show(actualTree, k)}, want ${show(expectedTree, k)}`);
      }
      assert.deepEqual([...(await tree(outside)).keys()], ['secret.txt'], 'nothing is written outside the workspace');
      assert.equal(await readFile(join(outside, 'secret.txt'), 'utf8'), SECRET);
    });
  }

  it('has at least 80 cases and covers every strategy and every failure and refusal kind', () => {
    assert.ok(caseNames.length >= 80, `${caseNames.length} cases`);
    const all = caseNames.flatMap((n) => meta(n).blocks);
    const strategies = new Set(all.filter((b) => b.status === 'applied').map((b) => b.strategy));
    for (const s of STRATEGIES) assert.ok(strategies.has(s), `no case applies with strategy ${s}`);
    const kinds = new Set(all.map((b) => b.kind).filter(Boolean));
    const every: FailureKind[] = ['malformed', 'no_match', 'ambiguous', 'needs_guess', 'file_missing', 'unsafe_path', 'file_exists', 'unreadable', 'encoding', 'write_failed'];
    for (const k of every) assert.ok(kinds.has(k), `no case fails with kind ${k}`);
    const mustNotApply = all.filter((b) => b.kind === 'ambiguous' || b.kind === 'needs_guess' || b.kind === 'no_match');
    assert.ok(mustNotApply.length >= 15, 'plenty of cases that must not apply');
  });
});
