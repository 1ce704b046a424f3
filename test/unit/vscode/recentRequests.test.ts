import assert from 'node:assert/strict';
import { remember, RECENT_MAX } from '../../../src/vscode/recentRequests';

describe('recent requests (Factory: Build remembers them)', () => {
  it('the newest comes first, a repeat moves to the front instead of showing twice, and only the last few are kept', () => {
    let list: string[] = [];
    for (const r of ['a todo app', 'a slugify library', '  a todo app  ']) list = remember(list, r);
    assert.deepEqual(list, ['a todo app', 'a slugify library']);
    for (let i = 0; i < RECENT_MAX + 5; i++) list = remember(list, `request ${i}`);
    assert.equal(list.length, RECENT_MAX);
    assert.equal(list[0], `request ${RECENT_MAX + 4}`);
  });

  it('an empty request is not remembered', () => {
    assert.deepEqual(remember(['x'], '   '), ['x']);
  });
});
