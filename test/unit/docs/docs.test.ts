import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZY_MIN_LINES, FUZZY_MIN_SIMILARITY } from '../../../src/core/patch/match/fuzzy';
import { STRATEGIES } from '../../../src/core/patch/types';
import { repoRoot } from '../patch/repoRoot';

/** A newcomer reads only the repository: what README and docs/ point to must be in it and agree with the code. */
const root = repoRoot();
const read = (p: string): string => readFileSync(join(root, p), 'utf8');

/** Prose of a Markdown file, without its fenced code blocks (examples there are not references). */
function prose(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

describe('documentation in the repository', () => {
  it('every Markdown file README names is in the repository', () => {
    const named = [...new Set(prose(read('README.md')).match(/[\w./-]+\.md\b/g) ?? [])].filter((n) => n !== 'README.md');
    assert.ok(named.length > 0, 'README names its documents');
    const missing = named.filter((n) => !existsSync(join(root, n)));
    assert.deepEqual(missing, [], `README names files that are not in the repository: ${missing.join(', ')}`);
  });

  it('README points to the SEARCH/REPLACE format in docs/', () => {
    assert.match(read('README.md'), /docs\/patch-format\.md/);
  });

  describe('docs/patch-format.md', () => {
    const doc = existsSync(join(root, 'docs', 'patch-format.md')) ? read('docs/patch-format.md') : '';

    it('names every matching strategy a block result can report', () => {
      const missing = STRATEGIES.filter((s) => !doc.includes(`**${s}**`) && !doc.includes(`\`${s}\``));
      assert.deepEqual(missing, [], `strategies not documented: ${missing.join(', ')}`);
    });

    it('its table of failure kinds is exactly the kinds the engine reports', () => {
      // The kinds are a type, so they are read from its declaration: one `| 'kind'` line each.
      const types = read('src/core/patch/types.ts');
      const decl = /export type FailureKind\s*=([\s\S]*?);/.exec(types)?.[1] ?? '';
      const engine = [...decl.matchAll(/\|\s*'([a-z_]+)'/g)].map((m) => m[1]).sort();
      const table = [...doc.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]).sort();
      assert.ok(engine.length >= 8, `kinds read from types.ts: ${engine.join(', ')}`);
      assert.deepEqual(table, engine);
    });

    it('states the fuzzy thresholds the engine uses', () => {
      assert.match(doc, new RegExp(`${Math.round(FUZZY_MIN_SIMILARITY * 100)} ?% similarity`));
      assert.match(doc, new RegExp(`SEARCH of ${FUZZY_MIN_LINES} lines or more`));
    });
  });
});
