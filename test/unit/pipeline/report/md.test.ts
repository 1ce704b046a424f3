import assert from 'node:assert/strict';
import { fenced } from '../../../../src/core/pipeline/report/md';

describe('report.md: command output in a fence', () => {
  it('no run of backticks in the output closes the fence early, however long', () => {
    for (const run of ['`', '```', '````', '``````']) {
      const out = fenced(`before\n${run}\nafter`);
      const fence = out[0] ?? '';
      assert.match(fence, /^`{3,}$/);
      assert.equal(out[out.length - 1], fence);
      // Markdown closes a fence only on a line of at least as many backticks: none inside may be that long.
      for (const line of out.slice(1, -1)) assert.ok(!(line.trim().startsWith('`') && /^`+$/.test(line.trim()) && line.trim().length >= fence.length), `${JSON.stringify(line)} closes ${fence}`);
    }
  });
});
