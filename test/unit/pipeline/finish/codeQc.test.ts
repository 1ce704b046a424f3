import assert from 'node:assert/strict';
import { codeQc } from '../../../../src/core/pipeline/stages/finishStages';
import { blueprint, dac, harness, notes, type Harness } from './harness';

const FILES = {
  'server.js': "const http = require('node:http');\nfunction unused() {}\nmodule.exports = http.createServer((q, s) => s.end('hello'));\n",
  'test/server.test.js': "const test = require('node:test');\ntest('hello', () => {});\n",
  'notes.txt': 'not owned by any task\n',
};

describe('code QC', () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it('shows QC every file the tasks own, numbered, sources first, and passes at thresholds.qc', async () => {
    h = harness({ files: FILES, script: { code_qc: [dac({ kind: 'qc_report', score: 90, findings: [], dead_code: [] })] } });
    const { bp, doc } = blueprint({});
    const r = await codeQc(h.ctx, bp, doc);
    assert.deepEqual(r, { ok: true, score: 90 });
    const asked = h.asked[0];
    assert.equal(asked.role, 'qc');
    const req = h.journal.all().find((e) => e.type === 'effect.start' && e.kind === 'call');
    const text = JSON.stringify(req);
    assert.ok(text.includes('## server.js') && text.includes('2| function unused() {}'), 'server.js shown in full with line numbers');
    assert.ok(text.indexOf('## server.js') < text.indexOf('## test/server.test.js'), 'sources before tests');
    assert.ok(!text.includes('not owned by any task'), 'only the files the tasks own');
    assert.match(asked.text, /dead code/i);
    assert.match(asked.text, /unwired/i);
    assert.match(asked.text, /core\.contracts/);
    assert.doesNotMatch(asked.text, /changed an existing project/, 'CREATE: the project is all the run\'s own code');
  });

  it('fails below thresholds.qc and keeps each finding with its file and line in the journal', async () => {
    const findings = [{ severity: 'high', file: 'server.js', line: 3, issue: 'no route for /hello', fix: 'add it' }];
    h = harness({ files: FILES, script: { code_qc: [dac({ kind: 'qc_report', score: 70, findings, dead_code: [{ file: 'server.js', symbol: 'unused' }] })] } });
    const { bp, doc } = blueprint({});
    const r = await codeQc(h.ctx, bp, doc);
    assert.equal(r.ok, false);
    assert.equal(r.score, 70);
    assert.match(r.reason ?? '', /server\.js:3 no route/);
    const [note] = notes(h, 'code_qc');
    assert.equal(note.passed, false);
    assert.equal(note.target, 85);
    assert.deepEqual(note.findings, findings);
    assert.deepEqual(note.dead_code, [{ file: 'server.js', symbol: 'unused' }]);
  });

  it('sends back findings that name a file QC was not shown or a line past the end, and uses the corrected report', async () => {
    const bad = dac({ kind: 'qc_report', score: 88, findings: [{ severity: 'low', file: 'src/other.js', line: 1, issue: 'x' }, { severity: 'low', file: 'server.js', line: 40, issue: 'y' }] });
    const good = dac({ kind: 'qc_report', score: 88, findings: [{ severity: 'low', file: 'server.js', line: 2, issue: 'y' }] });
    h = harness({ files: FILES, script: { code_qc: [bad, good] } });
    const { bp, doc } = blueprint({});
    const r = await codeQc(h.ctx, bp, doc);
    assert.deepEqual(r, { ok: true, score: 88 });
    assert.equal(h.asked[1].repair, 1);
    assert.match(h.asked[1].text, /src\/other\.js/);
    assert.match(h.asked[1].text, /a line of server\.js \(it has 3 lines\)/);
    assert.equal((notes(h, 'code_qc')[0].findings as Array<{ line: number }>)[0].line, 2);
  });

  it('shows whole files up to the budget and lists the rest by path', async () => {
    const big = `${'// filler line\n'.repeat(12_000)}module.exports = 1;\n`;
    h = harness({ files: { ...FILES, 'src/big.js': big }, script: { code_qc: [dac({ kind: 'qc_report', score: 90 })] } });
    const { bp, doc } = blueprint({}, [
      { id: 'T1', title: 'server', acceptance: ['a'], files: ['server.js', 'test/server.test.js'], tests: ['test/server.test.js'] },
      { id: 'T2', title: 'big', acceptance: ['b'], files: ['src/big.js', 'test/big.test.js'], tests: ['test/big.test.js'], depends_on: ['T1'] },
    ]);
    await codeQc(h.ctx, bp, doc);
    const req = JSON.stringify(h.journal.all().find((e) => e.type === 'effect.start' && e.kind === 'call'));
    assert.ok(req.includes('## server.js'));
    assert.ok(!req.includes('filler line'), 'the big file is not shown');
    assert.match(req, /src\/big\.js \(\d+ characters\)/);
    assert.match(req, /test\/big\.test\.js/, 'a missing file is named as missing');
    const [note] = notes(h, 'code_qc');
    assert.deepEqual(note.listed, ['src/big.js']);
    assert.deepEqual(note.missing, ['test/big.test.js']);
  });

  it('a QC reply that never validates fails the stage with the reason, not the run', async () => {
    h = harness({ files: FILES, script: { code_qc: ['no block', 'still none', 'nothing'] } });
    const { bp, doc } = blueprint({});
    const r = await codeQc(h.ctx, bp, doc);
    assert.equal(r.ok, false);
    assert.equal(r.score, null);
    assert.match(r.reason ?? '', /QC report could not be used/);
  });
});
