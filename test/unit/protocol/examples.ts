/** The example messages of DAC.md, kind by kind: the contract's own words must validate. */
export const DAC_EXAMPLES: Record<string, Record<string, unknown>> = {
  blueprint: {
    dac: 1,
    kind: 'blueprint',
    title: 'slugify library',
    summary: 'A dependency-free slugify(text) for Node with tests.',
    core: {
      stack: ['node 20', 'node:test'],
      conventions: ['ESM', 'no dependencies'],
      contracts: ['slugify(text: string, opts?: {sep?: string}): string'],
      security: ['no eval'],
      commands: { test: 'node --test', test_files: 'node --test {files}', build: null, start: null },
    },
    tasks: [
      {
        id: 'T1',
        title: 'slugify core',
        acceptance: ['lowercases', 'replaces runs of non-alphanumerics with one dash', 'trims dashes'],
        files: ['src/slugify.js', 'test/slugify.test.js'],
        tests: ['test/slugify.test.js'],
        depends_on: [],
      },
    ],
    decisions: [{ topic: 'test runner', choice: 'node:test', source: 'dna' }],
  },
  review: { dac: 1, kind: 'review', score: 82, findings: [{ severity: 'high', where: 'tasks.T1.acceptance', issue: 'no empty-string case', fix: 'add AC' }] },
  decision: { dac: 1, kind: 'decision', verdict: 'ACCEPT', reasons: ['matches DNA: node:test'], changes: [] },
  task_result: { dac: 1, kind: 'task_result', task: 'T1', phase: 'tests', files: ['test/slugify.test.js'], notes: '' },
  qc_report: {
    dac: 1,
    kind: 'qc_report',
    score: 91,
    findings: [{ severity: 'medium', file: 'src/slugify.js', line: 12, issue: '...', fix: '...' }],
    dead_code: [{ file: 'src/util.js', symbol: 'unused' }],
  },
  verify_plan: {
    dac: 1,
    kind: 'verify_plan',
    probes: [
      { id: 'P1', kind: 'command', argv: ['node', '-e', '...'], stdin: '', expect: 'exit 0, prints a-b' },
      { id: 'P2', kind: 'http', method: 'POST', path: '/items', body: '{bad', expect: '400, no crash' },
    ],
  },
  verify_report: { dac: 1, kind: 'verify_report', score: 93, broken: [{ probe: 'P2', issue: '500 on bad JSON' }] },
  learning: {
    dac: 1,
    kind: 'learning',
    dna: [{ topic: 'test runner', choice: 'node:test', why: 'owner accepted twice' }],
    traps: [{ domain: 'text', trap: 'unicode letters dropped', avoid: 'normalize NFKD first' }],
    rules: [{ rule: 'never use float for money', why: 'rounding drift in billing' }],
  },
  audit_report: { dac: 1, kind: 'audit_report', score: 71, findings: [{ severity: 'high', file: 'src/a.js', line: 3, issue: '...', fix: '...' }] },
};

export function reply(message: unknown, prose = 'Here it is.'): string {
  return `${prose}\n\n\`\`\`dac\n${JSON.stringify(message, null, 2)}\n\`\`\`\n`;
}
