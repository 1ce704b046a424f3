/**
 * The dashboard's picture of a run, from its journal alone (runPicture.ts): the stage timeline, the
 * review rounds, code QC and verify against their targets, the gate's verdict, the wave/task board
 * with each task's TDD steps, and tokens and cost per role. A pure function of the events, so the
 * picture a live run builds event by event is the picture a reload or a restart replays.
 */
import type { Journalled, RunState, Stage } from '../journal/events';
import { MODE_STAGES } from '../modeStages';
import { isRecord, num, strings } from './md';
import { roleTotals } from './roleTotals';
import { runNotes, type RunNote } from './runNotes';
import type { GateVerdict, GateView, ReviewRound, RunPicture, ScoreCheck, StageStep, TaskCard } from './runPicture';

export interface PictureOptions {
  /** True while this process drives the run; an unfinished run nobody drives is shown stopped. */
  live: boolean;
  /** thresholds.review, for journals whose review notes do not carry their target. */
  reviewTarget?: number;
  /** limits.budgetUsd; null: no budget. */
  budgetUsd?: number | null;
}

/** What the task is doing while a call or command of this step is open. */
const STEP_WORDS: Record<string, string> = {
  tests: 'writing tests',
  red: 'RED run',
  implementation: 'writing the code',
  green: 'GREEN run',
  refactor: 'refactoring',
  bug_capture: 'gates',
  schema: 'gates',
  security: 'gates',
  suite: "the project's tests",
};

const WAVE_NOTE = /^wave (\d+) of \d+: (.+)$/;

export function projectRun(events: readonly Journalled[], opts: PictureOptions): RunPicture | undefined {
  const start = events.find((e) => e.type === 'run');
  if (start?.type !== 'run') return undefined;
  const notes = runNotes(events);
  let state: RunState = 'running';
  let reason: string | null = null;
  for (const e of events) {
    if (e.type === 'end') {
      state = e.state;
      reason = e.reason;
    }
    if (e.type === 'resumed') {
      state = 'running';
      reason = null;
    }
  }
  const waves = wavesOf(events, notes);
  return {
    runId: start.runId,
    mode: start.mode,
    request: start.request,
    state,
    reason,
    live: opts.live && state === 'running',
    stages: stagesOf(events, start.mode, state, opts.live),
    review: reviewOf(notes, opts.reviewTarget),
    checks: checksOf(notes),
    gate: gateOf(events, notes),
    waves,
    tasks: tasksOf(events, notes, waves, state === 'running' && opts.live),
    cost: costOf(events, notes, opts.budgetUsd ?? null),
    startedAt: start.at,
    updatedAt: events[events.length - 1]?.at ?? start.at,
  };
}

function stagesOf(events: readonly Journalled[], mode: keyof typeof MODE_STAGES, state: RunState, live: boolean): StageStep[] {
  const order = MODE_STAGES[mode];
  const seen = new Set<Stage>();
  const noteOf = new Map<Stage, string>();
  let current: Stage | undefined;
  for (const e of events) {
    if (e.type !== 'stage') continue;
    seen.add(e.stage);
    current = e.stage;
    if (e.note !== undefined) noteOf.set(e.stage, e.note);
    else if (!noteOf.has(e.stage)) noteOf.set(e.stage, '');
  }
  const at = current === undefined ? -1 : order.indexOf(current);
  const now = state === 'running' ? (live ? 'active' : 'stopped') : state === 'shipped' ? 'done' : state === 'stopped' ? 'stopped' : 'failed';
  return order.map((stage, i) => {
    let status: StageStep['status'];
    if (i === at) status = now;
    else if (i < at) status = seen.has(stage) ? 'done' : 'skipped';
    // After where the run is: still to come, unless the run ended before reaching it.
    else status = state === 'running' || state === 'stopped' ? 'waiting' : 'skipped';
    return { stage, status, note: noteOf.get(stage) || null };
  });
}

function reviewOf(notes: readonly RunNote[], fallback: number | undefined): RunPicture['review'] {
  const rounds: ReviewRound[] = [];
  let target: number | null = fallback ?? null;
  for (const n of notes.filter((x) => x.topic === 'review')) {
    const round = num(n.data.round) ?? rounds.length + 1;
    const notApplied = isRecord(n.data.blocksNotApplied) ? n.data.blocksNotApplied : {};
    const scores = isRecord(n.data.scores)
      ? Object.entries(n.data.scores).flatMap(([reviewer, v]) => (typeof v === 'number' ? [{ reviewer, score: v, counted: strings(notApplied[reviewer]).length === 0 }] : []))
      : [];
    const findings = isRecord(n.data.findings) ? Object.values(n.data.findings).reduce<number>((sum, f) => sum + (Array.isArray(f) ? f.length : 0), 0) : 0;
    target = num(n.data.target) ?? target;
    // A resumed run may record a round again: the last record of a round stands.
    const at = rounds.findIndex((r) => r.round === round);
    if (at >= 0) rounds[at] = { round, scores, findings };
    else rounds.push({ round, scores, findings });
  }
  return { target, rounds };
}

function checksOf(notes: readonly RunNote[]): ScoreCheck[] {
  const checks = new Map<ScoreCheck['name'], ScoreCheck>();
  for (const n of notes) {
    if (n.topic !== 'code_qc' && n.topic !== 'verify') continue;
    const score = num(n.data.score);
    const target = num(n.data.target);
    if (score === undefined || target === undefined) continue;
    const name = n.topic === 'code_qc' ? 'code QC' : 'verify';
    checks.set(name, { name, score, target, passed: n.data.passed === true || (n.data.passed === undefined && score >= target) });
  }
  return [...checks.values()];
}

function verdictOf(v: unknown): GateVerdict | null {
  return v === 'ACCEPT' || v === 'CHANGE' || v === 'REJECT' ? v : null;
}

function gateOf(events: readonly Journalled[], notes: readonly RunNote[]): GateView | null {
  const decided = notes.filter((n) => n.topic === 'gate');
  // A person's question is an `answer` effect: started and not done means the question is open now.
  const open = new Set<string>();
  let asked: 'twin' | 'human' | undefined;
  for (const e of events) {
    if (e.type === 'resumed') open.clear();
    if (e.type === 'effect.start' && e.key.startsWith('answer:gate:')) open.add(e.key);
    if (e.type === 'effect.done' && e.key.startsWith('answer:gate:')) open.delete(e.key);
    if (e.type === 'stage' && e.stage === 'gate') asked = e.note === 'your decision' ? 'human' : 'twin';
    if (e.type === 'stage' && e.stage !== 'gate') asked = undefined;
  }
  const last = decided[decided.length - 1];
  const waiting = open.size > 0;
  if (!last && !asked && !waiting) return null;
  // Asked again after a CHANGE (a later gate stage than the last decision): the new question shows.
  const lastGateStage = [...events].reverse().find((e) => e.type === 'stage' && e.stage === 'gate');
  const reAsked = asked !== undefined && lastGateStage !== undefined && (last === undefined || lastGateStage.seq > last.seq);
  if (waiting || reAsked || !last) {
    return { by: waiting ? 'human' : (asked ?? 'twin'), status: waiting ? 'waiting' : 'asking', verdict: null, reasons: [], changes: [], decisions: decided.length };
  }
  const d = last.data;
  const answer = isRecord(d.answer) ? d.answer : d;
  const by = d.by === 'human' ? 'human' : 'twin';
  const reasons = strings(d.reasons);
  if (typeof answer.reason === 'string' && answer.reason) reasons.push(answer.reason);
  return { by, status: 'decided', verdict: verdictOf(answer.verdict), reasons, changes: strings(answer.changes), decisions: decided.length };
}

function wavesOf(events: readonly Journalled[], notes: readonly RunNote[]): RunPicture['waves'] {
  const waves = new Map<number, string[]>();
  for (const e of events) {
    if (e.type !== 'stage' || e.stage !== 'waves' || !e.note) continue;
    const m = WAVE_NOTE.exec(e.note);
    if (m) waves.set(Number(m[1]), m[2].split(',').map((t) => t.trim()).filter(Boolean));
  }
  for (const n of notes.filter((x) => x.topic === 'wave.test')) {
    const w = num(n.data.wave);
    if (w !== undefined && !waves.has(w)) waves.set(w, strings(n.data.tasks));
  }
  return [...waves.entries()].sort(([a], [b]) => a - b).map(([wave, tasks]) => ({ wave, tasks }));
}

function taskOf(n: RunNote): string | undefined {
  return n.task ?? (typeof n.data.task === 'string' ? n.data.task : undefined);
}

/** `call:T1:tests:a2`, `command:T1:red:a1`, `patch:T1:tests:a1`: the task, step and attempt of a task's effect. */
function taskEffect(key: string): { task: string; step: string; attempt: number } | undefined {
  const m = /^(?:call|command|patch):([^:#]+):([a-z_]+):a(\d+)/.exec(key);
  return m ? { task: m[1], step: m[2], attempt: Number(m[3]) } : undefined;
}

function tasksOf(events: readonly Journalled[], notes: readonly RunNote[], waves: RunPicture['waves'], live: boolean): TaskCard[] {
  const cards = new Map<string, TaskCard>();
  const card = (id: string): TaskCard => {
    let c = cards.get(id);
    if (!c) {
      c = { id, wave: null, role: null, status: 'waiting', now: 'waiting', testsWritten: false, redSeen: false, greenSeen: false, refactored: false, gates: 'waiting', traps: 0, rolledBack: false, attempt: 1, hasEvidence: false };
      cards.set(id, c);
    }
    return c;
  };
  const planned = notes.filter((n) => n.topic === 'blueprint');
  for (const id of strings(planned[planned.length - 1]?.data.tasks)) card(id);
  for (const w of waves) for (const id of w.tasks) card(id).wave = w.wave;

  // What each task is doing: its last effect still open, else its last finished one.
  const roleOf = new Map<string, string>();
  const open = new Map<string, string>();
  for (const e of events) {
    if (e.type === 'resumed') open.clear();
    if (e.type !== 'effect.start' && e.type !== 'effect.done') continue;
    const t = taskEffect(e.key);
    if (!t) continue;
    const c = card(t.task);
    c.attempt = Math.max(c.attempt, t.attempt);
    if (e.type === 'effect.start') {
      if (e.kind === 'call' && isRecord(e.detail) && typeof e.detail.role === 'string' && ['tests', 'implementation', 'refactor'].includes(t.step)) roleOf.set(t.task, e.detail.role);
      open.set(t.task, STEP_WORDS[t.step] ?? t.step.replace('_', ' '));
      if (c.status === 'waiting') c.status = 'working';
    } else {
      if (e.kind === 'patch' && t.step === 'tests' && isRecord(e.result) && strings(e.result.changed).length > 0) c.testsWritten = true;
      if (open.get(t.task) === (STEP_WORDS[t.step] ?? t.step.replace('_', ' '))) open.delete(t.task);
    }
  }
  // Gate notes of the task's latest attempt decide its gates.
  const gateAttempt = new Map<string, number>();
  for (const n of notes) {
    const id = taskOf(n);
    if (id === undefined) continue;
    const c = card(id);
    const attempt = num(n.data.attempt);
    if (attempt !== undefined) c.attempt = Math.max(c.attempt, attempt);
    switch (n.topic) {
      case 'task.red':
        c.testsWritten = true;
        if (n.data.ok !== false) c.redSeen = true;
        break;
      case 'task.green':
        if (n.data.ok !== false) c.greenSeen = true;
        break;
      case 'task.refactor':
        if (n.data.ok !== false) c.refactored = true;
        break;
      case 'task.gate': {
        const a = attempt ?? 1;
        if (a > (gateAttempt.get(id) ?? 0)) {
          gateAttempt.set(id, a);
          c.gates = 'passed';
        }
        if (a === gateAttempt.get(id) && n.data.passed !== true) c.gates = 'failed';
        break;
      }
      case 'trap':
        c.traps = Math.max(c.traps + 1, num(n.data.traps) ?? 0);
        break;
      case 'rollback':
        c.rolledBack = true;
        break;
      case 'task.end':
        c.status = n.data.state === 'done' ? 'done' : n.data.state === 'rolled_back' ? 'rolled_back' : n.data.state === 'skipped' ? 'skipped' : 'failed';
        c.now = typeof n.data.reason === 'string' && c.status !== 'done' ? `${String(n.data.state).replace('_', ' ')}: ${n.data.reason}` : String(n.data.state).replace('_', ' ');
        if (typeof n.data.role === 'string') c.role = n.data.role;
        c.traps = Math.max(c.traps, num(n.data.traps) ?? 0);
        break;
      default:
        continue;
    }
    if (n.topic !== 'task.end') c.hasEvidence = true;
  }
  for (const c of cards.values()) {
    c.role ??= roleOf.get(c.id) ?? null;
    if (c.status !== 'working') continue;
    const doing = open.get(c.id);
    // A task left working by a run nobody drives any more is where the run stopped.
    c.now = !live ? `stopped${doing ? ` while ${doing}` : ''}` : (doing ?? (c.refactored ? 'gates' : c.greenSeen ? 'refactoring' : c.redSeen ? 'writing the code' : 'working'));
  }
  return [...cards.values()];
}

function costOf(events: readonly Journalled[], notes: readonly RunNote[], budgetUsd: number | null): RunPicture['cost'] {
  const roles = [...roleTotals(events, notes).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([role, t]) => ({ role, calls: t.calls + t.failedAttempts, input: t.input, output: t.output, usd: t.usd, unpriced: t.usdUnknown, ...(t.subscription > 0 && { subscription: t.subscription }) }));
  return {
    roles,
    usd: roles.reduce((s, r) => s + r.usd, 0),
    unpriced: roles.reduce((s, r) => s + r.unpriced, 0),
    budgetUsd,
  };
}

