/**
 * Journals in the engine's real shapes (as `npm run demo` writes them), built in a few lines: the unit
 * tests of the dashboard's projection and the webview tests (its screenshots) share them.
 */
import type { JournalEvent, Journalled, Stage } from '../../src/core/pipeline/journal/events';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);

export class JournalStory {
  readonly events: Journalled[] = [];
  private clock = T0;

  add(e: JournalEvent, stepMs = 700): this {
    this.clock += stepMs;
    this.events.push({ ...e, seq: this.events.length + 1, at: this.clock } as Journalled);
    return this;
  }

  stage(stage: Stage, note?: string): this {
    return this.add({ type: 'stage', stage, ...(note !== undefined && { note }) });
  }

  note(topic: string, data: Record<string, unknown>, task?: string): this {
    return this.add({ type: 'note', topic, ...(task !== undefined && { task }), data });
  }

  /** A model call, asked and answered: `key` without the `call:` prefix, e.g. `T1:tests:a1`. */
  call(key: string, role: string, step: string, task: string | undefined, text: string, usd: number | null = 0.0028): this {
    this.add({ type: 'effect.start', key: `call:${key}`, kind: 'call', detail: { context: `DaC-Context: run=R role=${role} step=${step} expect=x task=${task ?? '-'}`, role, promptChars: 5000 } });
    return this.add(
      { type: 'effect.done', key: `call:${key}`, kind: 'call', result: { text, provider: 'openai-compatible', model: `scripted-${role}`, usage: { input: 2000, output: 400, cached: 0 }, usageReported: true, usd } },
      3000,
    );
  }

  /** A call asked and not answered yet (a run in the middle of it). */
  asking(key: string, role: string, step: string, task?: string): this {
    return this.add({ type: 'effect.start', key: `call:${key}`, kind: 'call', detail: { context: `DaC-Context: run=R role=${role} step=${step} expect=x task=${task ?? '-'}`, role } });
  }

  patch(key: string, files: string[]): this {
    this.add({ type: 'effect.start', key: `patch:${key}`, kind: 'patch', detail: files.map((path) => ({ path, blob: null })) });
    return this.add({ type: 'effect.done', key: `patch:${key}`, kind: 'patch', result: { blocks: files.map((file, i) => ({ block: i + 1, file, status: 'applied' })), changed: files, before: [] } }, 50);
  }

  command(key: string, argv: string[], exitCode: number, output: string): this {
    this.add({ type: 'effect.start', key: `command:${key}`, kind: 'command', detail: { argv } });
    return this.add({ type: 'effect.done', key: `command:${key}`, kind: 'command', result: { argv, cwd: '/p', exitCode, signal: null, durationMs: 1074, output } }, 1100);
  }

  /** A task's TDD steps of one attempt: tests, RED, code, GREEN (passing or not); refactor and gates when GREEN passed. */
  task(id: string, role: string, attempt: number, opts: { greenPasses: boolean; file: string; gateFails?: boolean }): this {
    const a = `a${attempt}`;
    const test = `test/${id.toLowerCase()}.test.js`;
    const run = ['node', '--test', test];
    if (attempt === 1) {
      this.call(`${id}:tests:${a}`, role, 'tests', id, `Tests first for ${id}.\n\n\`\`\`dac\n{ "dac": 1, "kind": "task_result" }\n\`\`\`\n`);
      this.patch(`${id}:tests:${a}`, [test]);
      this.command(`${id}:red:${a}`, run, 1, `not ok 1 - ${id} works\n# fail 1`);
      this.note('task.red', { id: `red:${id}:${a}`, task: id, attempt, command: { argv: run, exitCode: 1, durationMs: 1074, timedOut: false, digest: 'not ok 1' }, red: { kind: 'tests_failed', failed: 1, passed: 0 }, ok: true }, id);
    }
    this.call(`${id}:implementation:${a}`, role, 'implementation', id, `The code for ${id}.`);
    this.patch(`${id}:implementation:${a}`, [opts.file]);
    this.command(`${id}:green:${a}`, run, opts.greenPasses ? 0 : 1, opts.greenPasses ? '# tests 2\n# pass 2\n# fail 0' : "not ok 2 - keeps digits\n  error: expected 'a-1' got 'a'");
    this.note('task.green', { id: `green:${id}:${a}`, task: id, attempt, command: { argv: run, exitCode: opts.greenPasses ? 0 : 1, durationMs: 900, timedOut: false, digest: '' }, ok: opts.greenPasses }, id);
    if (!opts.greenPasses) return this;
    this.call(`${id}:refactor:${a}`, role, 'refactor', id, 'Nothing to refactor.');
    this.note('task.refactor', { id: `refactor:${id}:${a}`, task: id, attempt, command: { argv: run, exitCode: 0, durationMs: 900, timedOut: false, digest: '' }, ok: true, unchanged: true }, id);
    for (const [gate, by] of [['bug_capture', 'qc'], ['schema', 'architect'], ['security', 'architect']] as const) {
      const passed = !(opts.gateFails && gate === 'security');
      this.call(`${id}:${gate}:${a}`, by, gate, id, 'The diff does what its tests say.');
      this.note('task.gate', { id: `${id}:${gate}:${a}`, task: id, attempt, gate, role: by, score: passed ? 95 : 60, findings: [], passed }, id);
    }
    return this;
  }

  trap(id: string, attempt: number, traps: number, why: string): this {
    return this.note('trap', { id: `trap:${id}:a${attempt}`, task: id, phase: 'green', attempt, why, refused: [], findings: [], traps, limit: 2 }, id);
  }

  end(id: string, state: string, traps: number, role: string, reason?: string): this {
    return this.note('task.end', { id: `end:${id}`, task: id, state, traps, role, ...(reason !== undefined && { reason }) }, id);
  }
}

/** A CREATE run through blueprint, two review rounds, the twin's gate and wave 1 (T1 done, T2 after one TRAP). */
export function createStoryToWave2(request = 'a slugify library with tests'): JournalStory {
  const s = new JournalStory();
  s.add({ type: 'run', runId: '20261127-120000-ab12', mode: 'create', request, version: '0.1.0', dir: '/p' });
  s.stage('blueprint');
  s.call('blueprint', 'ceo', 'blueprint', undefined, 'A small slugify library for Node, with no dependencies.\n\n```dac\n{ "dac": 1, "kind": "blueprint" }\n```\n');
  s.note('blueprint', { tasks: ['T1', 'T2', 'T3'], repairs: 0 });
  s.stage('review', 'round 1');
  s.call('review:r1:qc', 'qc', 'review', undefined, 'The tasks are well cut, but slugify has no case for an all-symbol input.');
  s.call('review:r1:architect', 'architect', 'review', undefined, 'Sound: disjoint files per wave.');
  s.note('review', { round: 1, scores: { qc: 88, architect: 96 }, target: 95, findings: { qc: [{ severity: 'medium' }], architect: [{ severity: 'low' }] } });
  s.stage('review', 'round 2');
  s.call('review:r2:qc', 'qc', 'review', undefined, 'The empty case is covered now.');
  s.call('review:r2:architect', 'architect', 'review', undefined, 'Sound.');
  s.note('review', { round: 2, scores: { qc: 97, architect: 96 }, target: 95, findings: { qc: [], architect: [] } });
  s.stage('gate', 'twin');
  s.call('gate:g1', 'twin', 'gate', undefined, '```dac\n{ "dac": 1, "kind": "decision", "verdict": "ACCEPT" }\n```\n');
  s.note('gate', { by: 'twin', verdict: 'ACCEPT', reasons: ['builds what was asked: a slugify library with tests, node:test, no dependencies'], changes: [] });
  s.stage('waves');
  s.stage('waves', 'wave 1 of 2: T1, T2');
  s.task('T1', 'ceo', 1, { greenPasses: true, file: 'src/slugify.js' });
  s.end('T1', 'done', 0, 'ceo');
  s.task('T2', 'ceo', 1, { greenPasses: false, file: 'src/deburr.js' });
  s.trap('T2', 1, 1, "GREEN failed: not ok 2 - keeps digits: expected 'a-1' got 'a'");
  s.task('T2', 'ceo', 2, { greenPasses: true, file: 'src/deburr.js' });
  s.end('T2', 'done', 1, 'ceo');
  s.command('wave1:test', ['node', '--test'], 0, '# tests 5\n# pass 5');
  s.note('wave.test', { id: 'wave1', wave: 1, tasks: ['T1', 'T2'], command: { argv: ['node', '--test'], exitCode: 0, durationMs: 900, timedOut: false, digest: '' }, passed: true });
  s.stage('waves', 'wave 2 of 2: T3');
  return s;
}

/** Mid-run: wave 2 going, T3 written its tests and seen RED, the junior writing its code. */
export function createStoryMidRun(): JournalStory {
  const s = createStoryToWave2();
  s.call('T3:tests:a1', 'junior', 'tests', 'T3', 'Tests for the entry point.');
  s.patch('T3:tests:a1', ['test/t3.test.js']);
  s.command('T3:red:a1', ['node', '--test', 'test/t3.test.js'], 1, "not ok 1 - T3 works\n  error: Cannot find module '../index.js'");
  s.note('task.red', { id: 'red:T3:a1', task: 'T3', attempt: 1, command: { argv: ['node', '--test'], exitCode: 1, durationMs: 400, timedOut: false, digest: '' }, red: { kind: 'tests_failed', failed: 1 }, ok: true }, 'T3');
  s.asking('T3:implementation:a1', 'junior', 'implementation', 'T3');
  return s;
}

/** The whole run, shipped. */
export function createStoryShipped(): JournalStory {
  const s = createStoryToWave2();
  s.task('T3', 'junior', 1, { greenPasses: true, file: 'index.js' });
  s.end('T3', 'done', 0, 'junior');
  s.command('wave2:test', ['node', '--test'], 0, '# tests 7\n# pass 7');
  s.note('wave.test', { id: 'wave2', wave: 2, tasks: ['T3'], command: { argv: ['node', '--test'], exitCode: 0, durationMs: 900, timedOut: false, digest: '' }, passed: true });
  s.stage('code_qc');
  s.call('code_qc', 'qc', 'code_qc', undefined, '```dac\n{ "dac": 1, "kind": "qc_report", "score": 93 }\n```\n');
  s.note('code_qc', { score: 93, target: 85, passed: true, findings: [] });
  s.stage('verify');
  s.call('verify:plan', 'twin', 'verify_plan', undefined, 'I will try the entry point with accents.');
  s.command('verify:probe:P1', ['node', '-e', "console.log(require('./index.js').slugify('Crème Brûlée'))"], 0, 'creme-brulee\n');
  s.call('verify:report', 'twin', 'verify_report', undefined, '```dac\n{ "dac": 1, "kind": "verify_report", "score": 95 }\n```\n');
  s.note('verify', { score: 95, target: 90, passed: true, broken: [] });
  s.stage('learn');
  s.call('learning', 'ceo', 'learning', undefined, 'Learned: normalize NFD before slugifying.');
  s.add({ type: 'end', state: 'shipped', reason: 'all 3 tasks built test-first, code QC 93, verify 95' });
  return s;
}
