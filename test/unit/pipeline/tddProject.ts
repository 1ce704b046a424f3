/**
 * A tiny node:test project for the waves tests: tasks that build add() and mul() test-first, the
 * replies a well-behaved builder sends, and a script that routes each call to its reply by step and task.
 */
import type { ScriptedCall, Script } from './harness';
import { block, review, taskResult } from './harness';

export const ADD_TEST = `const test = require('node:test');
const assert = require('node:assert/strict');
const { add } = require('../src/add.js');
test('adds two numbers', () => {
  assert.equal(add(2, 3), 5);
});
`;
export const ADD_STUB = 'exports.add = () => 0;\n';
export const ADD_IMPL = 'exports.add = (a, b) => a + b;\n';

export const MUL_TEST = ADD_TEST.replace(/add/g, 'mul').replace('adds two numbers', 'multiplies').replace('5', '6');
export const MUL_STUB = 'exports.mul = () => 0;\n';
export const MUL_IMPL = 'exports.mul = (a, b) => a * b;\n';

export const addTask = (extra: Record<string, unknown> = {}) => ({
  id: 'T1',
  title: 'add',
  acceptance: ['add(2, 3) is 5'],
  files: ['src/add.js', 'test/add.test.js'],
  tests: ['test/add.test.js'],
  ...extra,
});
export const mulTask = (extra: Record<string, unknown> = {}) => ({
  id: 'T2',
  title: 'mul',
  acceptance: ['mul(2, 3) is 6'],
  files: ['src/mul.js', 'test/mul.test.js'],
  tests: ['test/mul.test.js'],
  ...extra,
});

/** The replies of a builder that does each phase right, per task id. */
export const GOOD: Record<string, Record<string, string>> = {
  T1: {
    tests: taskResult('T1', 'tests', block('test/add.test.js', '', ADD_TEST), block('src/add.js', '', ADD_STUB)),
    implementation: taskResult('T1', 'implementation', block('src/add.js', ADD_STUB, ADD_IMPL)),
  },
  T2: {
    tests: taskResult('T2', 'tests', block('test/mul.test.js', '', MUL_TEST), block('src/mul.js', '', MUL_STUB)),
    implementation: taskResult('T2', 'implementation', block('src/mul.js', MUL_STUB, MUL_IMPL)),
  },
};

export type Reply = string | ((call: ScriptedCall) => string);

/**
 * Routes a call by `step:task`, then `step`, then the good builder and passing gates. A list gives the
 * reply of each call of that step and task in turn (the last one repeats).
 */
export function tddScript(replies: Record<string, Reply | Reply[]> = {}): Script {
  return (call) => {
    const c = call.context;
    if (!c) throw new Error(`a request without a DaC-Context line:\n${call.last.slice(0, 300)}`);
    const task = c.task ?? '-';
    const chosen = replies[`${c.step}:${task}`] ?? replies[c.step];
    if (chosen !== undefined) {
      const one = Array.isArray(chosen) ? chosen[Math.min(call.seen, chosen.length - 1)] : chosen;
      return typeof one === 'function' ? one(call) : one;
    }
    if (c.step === 'refactor') return taskResult(task, 'refactor');
    if (c.step === 'bug_capture' || c.step === 'schema' || c.step === 'security') return review(95);
    const good = GOOD[task]?.[c.step];
    if (good === undefined) throw new Error(`no scripted reply for ${c.step} of ${task}`);
    return good;
  };
}
