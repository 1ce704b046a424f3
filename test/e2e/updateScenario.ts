/**
 * The scripted UPDATE the e2e tests share: a small existing project (greet: source and passing
 * node:test tests, `npm test`), and the replies that add shout(name) to it in one task. A test
 * changes one step by putting its own route first, as with the CREATE scenario.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Reply, Route } from '../fakes/script';
import { answer } from './pipelineScenario';

export const GREET_JS = "function greet(name) {\n  return 'Hello, ' + name + '!';\n}\n\nmodule.exports = { greet };\n";
export const GREET_TEST = "const test = require('node:test');\nconst assert = require('node:assert');\nconst { greet } = require('../src/greet');\n\ntest('greets by name', () => {\n  assert.equal(greet('Ada'), 'Hello, Ada!');\n});\n";

/** The project before the run: what UPDATE must keep working. */
export const PROJECT: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'greet', version: '1.0.0', private: true, scripts: { test: 'node --test' } }, null, 2)}\n`,
  'src/greet.js': GREET_JS,
  'test/greet.test.js': GREET_TEST,
};

export function writeProject(root: string, files: Record<string, string> = PROJECT): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const dac = (o: object): string => `\`\`\`dac\n${JSON.stringify(o, null, 1)}\n\`\`\`\n`;
export const block = (path: string, search: string, replace: string): string => `${path}\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n`;
export const result = (task: string, phase: string, blocks = ''): Reply => answer(`${dac({ dac: 1, kind: 'task_result', task, phase, files: [], notes: '' })}\n${blocks}`);

export const DELTA_BLUEPRINT = dac({
  dac: 1,
  kind: 'blueprint',
  title: 'shout',
  summary: 'Add shout(name) beside greet(name): the greeting in capitals.',
  core: {
    stack: ['node 20', 'node:test'],
    conventions: ['CommonJS', 'no dependencies'],
    contracts: ['shout(name: string): string'],
    security: ['no eval'],
    commands: { test: 'npm test', test_files: 'node --test {files}', build: null, start: null },
  },
  tasks: [{ id: 'T1', title: 'shout', acceptance: ["shout('Ada') returns 'HELLO, ADA!'"], files: ['src/greet.js', 'test/shout.test.js'], tests: ['test/shout.test.js'], depends_on: [] }],
  decisions: [{ topic: 'where', choice: 'in src/greet.js beside greet', source: 'assumption' }],
});

export const SHOUT_TEST = "const test = require('node:test');\nconst assert = require('node:assert');\n\ntest('shouts', () => {\n  const { shout } = require('../src/greet');\n  assert.equal(shout('Ada'), 'HELLO, ADA!');\n});\n";

/** The implementation that adds shout and leaves greet alone. */
export const SHOUT_IMPL = block('src/greet.js', 'module.exports = { greet };\n', "function shout(name) {\n  return greet(name).toUpperCase();\n}\n\nmodule.exports = { greet, shout };\n");

/** One that adds shout but changes greet's words: the old test 'greets by name' breaks. */
export const SHOUT_IMPL_BREAKING = block(
  'src/greet.js',
  GREET_JS,
  "function greet(name) {\n  return 'Hi, ' + name + '!';\n}\n\nfunction shout(name) {\n  return 'HELLO, ' + name.toUpperCase() + '!';\n}\n\nmodule.exports = { greet, shout };\n",
);

const review = answer(dac({ dac: 1, kind: 'review', score: 96, findings: [] }));
const pass = answer(dac({ dac: 1, kind: 'review', score: 95, findings: [] }));

/** The happy UPDATE, first in the fake's routes (the CREATE scenario's stay behind it for anything else). */
export function updateRoutes(): Route[] {
  return [
    { match: { role: 'ceo', step: 'blueprint' }, reply: answer(`Adds shout beside greet; greet stays as it is.\n\n${DELTA_BLUEPRINT}`) },
    { match: { role: 'qc', step: 'review' }, reply: review },
    { match: { role: 'architect', step: 'review' }, reply: review },
    { match: { role: 'twin', step: 'gate' }, reply: answer(dac({ dac: 1, kind: 'decision', verdict: 'ACCEPT', reasons: ['a small change that keeps greet'], changes: [] })) },
    { match: { role: 'ceo', step: 'tests', task: 'T1' }, reply: result('T1', 'tests', block('test/shout.test.js', '', SHOUT_TEST)) },
    { match: { role: 'ceo', step: 'implementation', task: 'T1' }, reply: result('T1', 'implementation', SHOUT_IMPL) },
    { match: { role: 'ceo', step: 'refactor', task: 'T1' }, reply: result('T1', 'refactor') },
    { match: { role: 'qc', step: 'bug_capture' }, reply: pass },
    { match: { role: 'architect', step: 'schema' }, reply: pass },
    { match: { role: 'architect', step: 'security' }, reply: pass },
    { match: { role: 'qc', step: 'code_qc' }, reply: answer(dac({ dac: 1, kind: 'qc_report', score: 92, findings: [], dead_code: [] })) },
    {
      match: { role: 'twin', step: 'verify_plan' },
      reply: answer(dac({ dac: 1, kind: 'verify_plan', probes: [{ id: 'P1', kind: 'command', argv: ['node', '-e', "console.log(require('./src/greet').shout('ada'))"], stdin: '', expect: 'exit 0, prints HELLO, ADA!' }] })),
    },
    { match: { role: 'twin', step: 'verify_report' }, reply: answer(dac({ dac: 1, kind: 'verify_report', score: 95, broken: [] })) },
  ];
}
