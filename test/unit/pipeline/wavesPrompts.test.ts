/**
 * The waves' prompts, rendered with fixed slots and compared with their snapshots in
 * test/fixtures/prompts/ (UPDATE_SNAPSHOTS=1 rewrites them): a change to what models are told is a
 * reviewed change, never an accident. The task part and the retry evidence are built from a fixed
 * project, so their layout is pinned too.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stepPrompt } from '../../../src/core/pipeline/prompts';
import type { TrapNote } from '../../../src/core/pipeline/waves/notes';
import { MAP_BUDGET_TOKENS, retryText, taskText } from '../../../src/core/pipeline/waves/taskRequest';
import { loadPrompt, renderNamedPrompt } from '../../../src/core/prompts/load';
import { matchesSnapshot } from '../../support/promptSnapshot';
import { slotsOf } from '../../../src/core/prompts/render';
import { makeBlueprint, makeHarness, type Harness } from './harness';
import { ADD_TEST, addTask } from './tddProject';

const RULES = 'GATE RULES';
const CASES: Record<string, Record<string, string | number>> = {
  'step.tests': { task_id: 'T1', tests: 'test/add.test.js', retry: '' },
  'step.implementation': { task_id: 'T1', tests: 'test/add.test.js', retry: '\nRETRY EVIDENCE\n', suite: '\nSUITE NOTICE\n' },
  'step.refactor': { task_id: 'T1', suite: '\nSUITE NOTICE\n' },
  'step.bug_capture': { task_id: 'T1', diff: 'DIFF', gate_rules: RULES, learned: 'LEARNED' },
  'step.schema': { task_id: 'T1', diff: 'DIFF', gate_rules: RULES, contracts: '- add(a: number, b: number): number' },
  'step.security': { task_id: 'T1', diff: 'DIFF', gate_rules: RULES, security: '- no eval' },
  'gate.rules': { threshold: 80 },
  'task.retry': { attempt: 2, max_attempts: 2, evidence: 'EVIDENCE' },
  'task.context': { depends_on: 'T0', files: 'FILES', listed: '' },
  'task.map': { map: 'MAP' },
  'task.suite': { command: 'npm test', baseline: '6 tests, all passing' },
  'task.retry_files': { files: '### test/index.test.js\n```\nOLD TEST\n```' },
};

describe('waves prompts', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  for (const [name, slots] of Object.entries(CASES)) {
    it(`${name}.md renders as its snapshot, with exactly its slots`, () => {
      assert.deepEqual(slotsOf(loadPrompt(name)).sort(), Object.keys(slots).sort());
      matchesSnapshot(name, name.startsWith('step.') ? stepPrompt(name.slice(5), slots) : renderNamedPrompt(name, slots));
    });
  }

  it('the task part shows the task, its files as they are on disk (missing ones said so) and the files of what it depends on', async () => {
    h = makeHarness({
      files: {
        'src/base.js': 'exports.base = 1;\n',
        'test/add.test.js': ADD_TEST.replace('5);', '5); // ``` fence inside'),
        'src/money.js': "const { base } = require('./base');\nfunction cents(amount) {\n  return Math.round(amount * 100) + base;\n}\nmodule.exports = { cents };\n",
        'README.md': '# demo\n',
      },
      script: () => '',
    });
    const base = { id: 'T0', title: 'base', acceptance: ['base is 1'], files: ['src/base.js', 'test/base.test.js'], tests: ['test/base.test.js'] };
    const bp = makeBlueprint({ tasks: [base, addTask({ depends_on: ['T0'], assignee: 'junior' })] });
    matchesSnapshot('task', await taskText(h.ctx.workspace, bp, bp.tasks[1]));
  });

  it("the task part maps the project's other files (not those shown in full), the same on every call, within its budget", async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 400; i++) many[`lib/m${i}.js`] = `function helper${i}(value, options) {\n  return value;\n}\nmodule.exports = { helper${i} };\n`;
    // money.js is used by base.js, so it ranks above the 400 helpers nothing uses.
    h = makeHarness({ files: { 'src/base.js': "const { cents } = require('./money');\nexports.base = cents(1);\n", 'src/money.js': 'function cents(amount) {\n  return amount * 100;\n}\n', ...many }, script: () => '' });
    const base = { id: 'T0', title: 'base', acceptance: ['base is 1'], files: ['src/base.js'], tests: [] };
    const bp = makeBlueprint({ tasks: [base, addTask({ depends_on: ['T0'] })] });
    const text = await taskText(h.ctx.workspace, bp, bp.tasks[1]);
    const at = text.indexOf('## Other files of the project');
    assert.ok(at > text.indexOf("## The task's files as they are now"), text.slice(0, 3000));
    const map = text.slice(at);
    assert.match(map, /^src\/money\.js \(3 lines\)\n {2}function cents\(amount\)$/m);
    for (const shown of ['src/add.js', 'test/add.test.js', 'src/base.js']) assert.ok(!map.includes(`${shown} (`), `${shown} is shown in full, not mapped:\n${map}`);
    assert.match(map, /more files not mapped in detail \(token budget\), by folder:/);
    assert.match(map, /^lib\/ — \d+ files \(javascript \d+\)$|^lib\/\* — /m, 'the helpers left out are folded by folder');
    assert.ok(map.length <= MAP_BUDGET_TOKENS * 4 + loadPrompt('task.map').length, `map of ${map.length} chars`);
    assert.equal(await taskText(h.ctx.workspace, bp, bp.tasks[1]), text, 'the task part changed between two calls with no file changed');
    assert.ok(existsSync(join(h.root, '.factory', 'cache', 'codemap.json')), "the map's cache is kept in the engine's folder");
  });

  it('the retry evidence of a trap names the phase, the command, its trimmed output, refused blocks and findings', () => {
    const trap: TrapNote = {
      id: 'trap:T1:a1',
      task: 'T1',
      phase: 'green',
      attempt: 1,
      why: "the task's tests fail after the implementation (exit code 1)",
      command: { argv: ['node', '--test', 'test/add.test.js'], exitCode: 1, durationMs: 50, timedOut: false, digest: 'not ok 1 - adds two numbers\n  expected: 5\n  actual: 0' },
      refused: [{ phase: 'implementation', block: 2, path: 'test/add.test.js', status: 'refused', why: 'test/add.test.js is a test of task T1, frozen' }],
      findings: [{ gate: 'security', severity: 'high', where: 'src/add.js:1', issue: 'eval', fix: 'no eval' }],
      traps: 1,
      limit: 2,
    };
    matchesSnapshot('task.retry.evidence', retryText(trap, 2));
    assert.equal(retryText(undefined, 2), '');
  });
});
