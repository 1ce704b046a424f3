import assert from 'node:assert/strict';
import { appReadiness } from '../../../../src/core/pipeline/blueprint/appReadiness';
import { checkBlueprint } from '../../../../src/core/pipeline/blueprint/checkBlueprint';
import { splitCommand } from '../../../../src/core/exec';
import { parseReply } from '../../../../src/core/protocol';
import { blueprint, dac } from './harness';

describe('how verify knows the started app is ready', () => {
  it('core.commands.port first; else the one port core.contracts name; else core.commands.ready', () => {
    assert.deepEqual(appReadiness(blueprint({ start: 'node s.js', port: 4000 }, undefined, ['listens on 127.0.0.1:5000']).bp), { ok: true, port: 4000, readyText: undefined, from: 'core.commands.port' });
    assert.deepEqual(appReadiness(blueprint({ start: 'node s.js' }, undefined, ['GET /hello on localhost:5000']).bp), { ok: true, port: 5000, readyText: undefined, from: 'core.contracts' });
    assert.deepEqual(appReadiness(blueprint({ start: 'node s.js', ready: 'listening' }).bp), { ok: true, readyText: 'listening', from: 'core.commands.ready' });
  });

  it('a start command with no port or ready text, or contracts naming two ports, goes back to the ceo as a blueprint issue', () => {
    const none = blueprint({ start: 'node s.js' }).bp;
    const issues = checkBlueprint(none, splitCommand);
    assert.equal(issues.length, 1);
    assert.equal(issues[0].path, '$.core.commands.port');
    assert.match(issues[0].got, /neither core\.commands\.port .* nor core\.commands\.ready/);
    const two = blueprint({ start: 'node s.js' }, undefined, ['api on 127.0.0.1:5000', 'admin on port 5001']).bp;
    assert.match(checkBlueprint(two, splitCommand)[0].got, /name 2 ports \(5000, 5001\)/);
    assert.deepEqual(checkBlueprint(blueprint({ start: 'node s.js', port: 4000 }).bp, splitCommand), []);
    assert.deepEqual(checkBlueprint(blueprint({}).bp, splitCommand), [], 'no start: nothing to wait for');
  });

  it('the blueprint schema takes port and ready as optional fields and refuses a port out of range', () => {
    const body = (commands: Record<string, unknown>) =>
      dac({ kind: 'blueprint', title: 't', summary: 's', core: { stack: ['node'], commands: { test: 'node --test', start: 'node s.js', ...commands } }, tasks: [{ id: 'T1', title: 't', acceptance: ['a'], files: ['a.js', 'a.test.js'], tests: ['a.test.js'] }] });
    const ok = parseReply(body({ port: 8080, ready: 'up' }), 'blueprint');
    assert.ok(ok.ok && ok.message.core.commands.port === 8080 && ok.message.core.commands.ready === 'up');
    const bad = parseReply(body({ port: 70000 }), 'blueprint');
    assert.ok(!bad.ok && bad.issues.some((i) => i.path === '$.core.commands.port' && /TCP port/.test(i.expected)));
    const without = parseReply(body({}), 'blueprint');
    assert.ok(without.ok && !('port' in without.message.core.commands), 'absent stays absent (blueprint.md does not grow)');
  });
});
