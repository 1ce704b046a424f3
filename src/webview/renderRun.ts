/**
 * Draws the run picture (src/core/pipeline/report/runPicture.ts): the stage timeline, the gate's
 * verdict, review scores per round against the target, code QC and verify, the wave/task board with
 * each task's TDD steps, and tokens and cost per role against the budget. Text only, via dom.ts.
 */
import type { GateView, RunPicture, StageStatus, TaskCard } from '../core/pipeline/report/runPicture';
import { byId, h } from './dom';

const STAGE_NAMES: Record<string, string> = {
  recon: 'Recon',
  blueprint: 'Blueprint',
  review: 'Review',
  gate: 'Gate',
  baseline: 'Baseline tests',
  waves: 'Tasks',
  code_qc: 'Code QC',
  verify: 'Verify',
  audit: 'Audit',
  learn: 'Learn',
  report: 'Report',
};

/** A mark that reads without colour too (high contrast, colour blindness). */
const STATUS_MARK: Record<StageStatus, string> = { done: '✓', active: '●', waiting: '○', failed: '✕', stopped: '■', skipped: '–' };
const STATUS_WORDS: Record<StageStatus, string> = { done: 'done', active: 'now', waiting: 'to come', failed: 'failed', stopped: 'stopped', skipped: 'not reached' };

const usd = (n: number): string => `$${n.toFixed(n < 1 ? 4 : 2)}`;
const tokens = (n: number): string => (n >= 10000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

export function renderRun(run: RunPicture | null, canAnswerGate: boolean): void {
  byId('picture').hidden = run === null;
  if (!run) return;
  renderStages(run);
  renderGate(run.gate, canAnswerGate);
  renderScores(run);
  renderTasks(run);
  renderCost(run);
}

function renderStages(run: RunPicture): void {
  byId('stages').replaceChildren(
    ...run.stages.map((s) =>
      h(
        'li',
        { class: `stage ${s.status}`, data: { stage: s.stage, status: s.status }, title: `${STAGE_NAMES[s.stage] ?? s.stage}: ${STATUS_WORDS[s.status]}` },
        h('span', { class: 'mark', attrs: { 'aria-hidden': 'true' } }, STATUS_MARK[s.status]),
        h('span', { class: 'name' }, STAGE_NAMES[s.stage] ?? s.stage),
        s.note && (s.status === 'active' || s.status === 'stopped' || s.stage === 'review') ? h('span', { class: 'note' }, s.note) : null,
        h('span', { class: 'status-word' }, STATUS_WORDS[s.status]),
      ),
    ),
  );
}

function renderGate(gate: GateView | null, canAnswer: boolean): void {
  byId('gate-box').hidden = gate === null;
  byId('gate-actions').hidden = !(gate?.status === 'waiting' && canAnswer);
  if (!gate) return;
  const who = gate.by === 'human' ? 'You' : 'The twin';
  const head =
    gate.status === 'waiting'
      ? h('div', { class: 'verdict waiting' }, 'Waiting for your decision on the blueprint.')
      : gate.status === 'asking'
        ? h('div', { class: 'verdict waiting' }, `${who === 'You' ? 'Asking you' : 'The twin is deciding'}…`)
        : h('div', { class: `verdict ${gate.verdict?.toLowerCase() ?? ''}`, data: { verdict: gate.verdict ?? '' } }, `${who}: `, h('strong', {}, gate.verdict ?? '?'), gate.decisions > 1 ? ` (decision ${gate.decisions})` : '');
  const reasons = [...gate.reasons, ...gate.changes.map((c) => `change: ${c}`)];
  byId('gate').replaceChildren(head, reasons.length ? h('ul', { class: 'reasons' }, ...reasons.map((r) => h('li', {}, r))) : '');
}

function renderScores(run: RunPicture): void {
  const rounds = run.review.rounds;
  byId('scores-box').hidden = rounds.length === 0 && run.checks.length === 0;
  const target = run.review.target;
  const reviewers = [...new Set(rounds.flatMap((r) => r.scores.map((s) => s.reviewer)))];
  const table = byId<HTMLTableElement>('review');
  table.hidden = rounds.length === 0;
  table.replaceChildren(
    h('caption', {}, `Blueprint review${target !== null ? `, target ${target}` : ''}`),
    h('thead', {}, h('tr', {}, h('th', { attrs: { scope: 'col' } }, 'round'), ...reviewers.map((r) => h('th', { attrs: { scope: 'col' } }, r)))),
    h(
      'tbody',
      {},
      ...rounds.map((r) =>
        h(
          'tr',
          {},
          h('th', { attrs: { scope: 'row' } }, String(r.round)),
          ...reviewers.map((who) => {
            const s = r.scores.find((x) => x.reviewer === who);
            if (!s) return h('td', {}, '–');
            const pass = target === null || s.score >= target;
            return h('td', { class: pass ? 'pass' : 'fail', title: `${who}, round ${r.round}: ${s.score}${target !== null ? ` of ${target} needed` : ''}` }, `${s.score} ${pass ? '✓' : '✕'}`);
          }),
        ),
      ),
    ),
  );
  byId('checks').replaceChildren(
    ...run.checks.map((c) => h('li', { class: c.passed ? 'pass' : 'fail', data: { check: c.name } }, `${c.name} `, h('strong', {}, String(c.score)), ` / ${c.target} ${c.passed ? '✓ passed' : '✕ below the target'}`)),
  );
}

function chip(on: boolean, label: string, title: string): HTMLElement {
  return h('span', { class: `chip ${on ? 'on' : 'off'}`, title: `${title}: ${on ? 'yes' : 'not yet'}` }, `${on ? '✓' : '○'} ${label}`);
}

function taskCard(t: TaskCard): HTMLElement {
  const gates = h('span', { class: `chip ${t.gates === 'passed' ? 'on' : t.gates === 'failed' ? 'bad' : 'off'}`, title: `gates (bug capture, schema, security): ${t.gates}` }, `${t.gates === 'passed' ? '✓' : t.gates === 'failed' ? '✕' : '○'} gates`);
  const steps = h(
    'div',
    { class: 'tdd', attrs: { 'aria-label': 'TDD steps' } },
    chip(t.testsWritten, 'tests', 'tests written'),
    chip(t.redSeen, 'RED', 'RED seen: the new tests failed before the code'),
    chip(t.greenSeen, 'GREEN', 'GREEN seen: the tests passed'),
    chip(t.refactored, 'refactor', 'refactored with the tests still passing'),
    gates,
    t.traps > 0 ? h('span', { class: 'chip bad', title: 'failed attempts (TRAPs): each sends the evidence back to the model' }, `TRAP ×${t.traps}`) : null,
    t.rolledBack ? h('span', { class: 'chip bad', title: "the circuit breaker put the task's files back" }, 'rolled back') : null,
  );
  const links = h(
    'div',
    { class: 'links' },
    t.hasEvidence ? h('button', { class: 'link', data: { evidence: t.id }, title: `${t.id}'s test runs, gates and TRAPs` }, 'Evidence') : null,
    t.testsWritten ? h('button', { class: 'link', data: { diff: t.id }, title: `${t.id}'s changes: its files before the task and now` }, 'Open diff') : null,
  );
  return h(
    'li',
    { class: `task ${t.status}`, data: { task: t.id, status: t.status } },
    h('div', { class: 'task-head' }, h('strong', {}, t.id), t.role ? h('span', { class: 'role' }, t.role) : null, h('span', { class: `badge ${t.status}` }, t.status.replace('_', ' '))),
    steps,
    // A done task's badge says it all; otherwise what it does now, or why it ended.
    t.status === 'done' ? null : h('div', { class: 'now' }, t.attempt > 1 && t.status === 'working' ? `attempt ${t.attempt}: ${t.now}` : t.now),
    links,
  );
}

function renderTasks(run: RunPicture): void {
  byId('tasks-box').hidden = run.tasks.length === 0;
  const inWave = new Set(run.waves.flatMap((w) => w.tasks));
  const groups: Array<{ title: string; tasks: TaskCard[] }> = run.waves.map((w) => ({ title: `Wave ${w.wave}`, tasks: w.tasks.flatMap((id) => run.tasks.filter((t) => t.id === id)) }));
  const rest = run.tasks.filter((t) => !inWave.has(t.id));
  if (rest.length) groups.push({ title: run.waves.length ? 'Later waves' : 'Planned', tasks: rest });
  byId('board').replaceChildren(...groups.map((g) => h('div', { class: 'wave' }, h('h3', {}, g.title), h('ul', { class: 'tasks' }, ...g.tasks.map(taskCard)))));
}

function renderCost(run: RunPicture): void {
  const c = run.cost;
  byId('cost-box').hidden = c.roles.length === 0;
  const unknown = c.unpriced ? ` + ${c.unpriced} call${c.unpriced === 1 ? '' : 's'} of unknown price` : '';
  const fill = byId('budget-fill');
  if (c.budgetUsd !== null && c.budgetUsd > 0) {
    const share = Math.min(1, c.usd / c.budgetUsd);
    fill.style.width = `${(share * 100).toFixed(1)}%`;
    fill.classList.toggle('high', share >= 0.8);
    byId('budget-text').textContent = `${usd(c.usd)}${unknown} of the ${usd(c.budgetUsd)} budget (${Math.round(share * 100)}%)`;
    byId('budget').classList.remove('no-budget');
  } else {
    fill.style.width = '0';
    byId('budget-text').textContent = `${usd(c.usd)}${unknown}; no budget set`;
    byId('budget').classList.add('no-budget');
  }
  byId('cost').replaceChildren(
    h('thead', {}, h('tr', {}, ...['role', 'calls', 'tokens in/out', 'cost'].map((x) => h('th', { attrs: { scope: 'col' } }, x)))),
    h('tbody', {}, ...c.roles.map((r) => h('tr', { data: { role: r.role } }, h('th', { attrs: { scope: 'row' } }, r.role), h('td', {}, String(r.calls)), h('td', {}, `${tokens(r.input)} / ${tokens(r.output)}`), h('td', {}, roleCostText(r))))),
  );
}

/** A role's cost cell: unknown, or dollars; calls on a coding CLI by subscription say so rather than $0. */
function roleCostText(r: RunPicture['cost']['roles'][number]): string {
  const subscription = r.subscription ?? 0;
  if (subscription === r.calls) return 'subscription';
  const priced = r.calls - subscription;
  const dollars = r.unpriced === priced ? 'unknown' : `${usd(r.usd)}${r.unpriced ? ' +?' : ''}`;
  return subscription ? `${dollars} + subscription` : dollars;
}
