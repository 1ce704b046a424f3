/**
 * LEARN: the ceo turns the run's decisions, traps and findings (read from the journal notes) into a
 * `learning`, stored through the learning-store port as one durable step. Learning is an extra: a
 * call or a store that fails is noted and the run goes on as it was (a cancel still stops it).
 */
import type { Blueprint } from '../../protocol';
import { ProviderError } from '../../providers/errors';
import { stepPrompt } from '../prompts';
import type { RunContext } from '../runContext';
import type { WavesOutcome } from '../stages/buildWaves';
import { keepLearning, learningFailed } from './keepLearning';
import { ownerDnaOnly } from './ownerDna';
import { recallLearnings } from '../learnedRecall';
import { runNotes, type RunNote } from '../report/runNotes';

export async function learn(ctx: RunContext, bp: Blueprint, doc: string, waves: WavesOutcome | undefined): Promise<void> {
  ctx.progress({ kind: 'stage', stage: 'learn' });
  try {
    const notes = runNotes(ctx.journal.all());
    const asked = await ctx.models.ask({
      key: 'learning',
      role: 'ceo',
      step: 'learning',
      expect: 'learning',
      access: 'read-only',
      blueprint: doc,
      fresh: stepPrompt('learning', { request: ctx.request, decisions: decisionsText(bp, notes), traps: trapsText(notes, waves), findings: findingsText(notes) }),
    });
    if (!asked.ok) return learningFailed(ctx, 'this run', `the learning reply could not be used: ${asked.reason}`);
    const owner = ownerDnaOnly(asked.message.dna, (await recallLearnings(ctx)).dna, bp, ownerChangedAtGate(notes));
    if (owner.kept.length) {
      ctx.journal.append({ type: 'note', topic: 'learning.dna_kept', data: { kept: owner.kept } });
      ctx.progress({ kind: 'info', message: `learn: the owner's DNA kept for ${owner.kept.map((k) => k.topic).join(', ')} (the learning proposed another choice the owner did not make)` });
    }
    await keepLearning(ctx, { ...asked.message, dna: owner.dna });
  } catch (e) {
    if (ctx.signal.aborted || (e instanceof ProviderError && e.kind === 'cancelled')) throw e;
    learningFailed(ctx, 'this run', e instanceof Error ? e.message : String(e));
  }
}

const NONE = '- none';

/** The owner answered a gate themselves with changes: what they changed is theirs to record. */
function ownerChangedAtGate(notes: RunNote[]): boolean {
  return notes.some((n) => n.topic === 'gate' && n.data.by === 'human' && isRecord(n.data.answer) && n.data.answer.verdict === 'CHANGE');
}

function decisionsText(bp: Blueprint, notes: RunNote[]): string {
  const lines = bp.decisions.map((d) => `- ${d.topic}: ${d.choice}${d.source ? ` (${d.source})` : ''}`);
  for (const n of notes.filter((x) => x.topic === 'gate')) {
    const d = n.data;
    const reasons = strings(d.reasons);
    const changes = strings(d.changes);
    lines.push(`- gate (${String(d.by ?? 'twin')}): ${String(d.verdict ?? (isRecord(d.answer) ? d.answer.verdict : '?'))}${reasons.length ? `: ${reasons.join('; ')}` : ''}${changes.length ? ` — changes: ${changes.join('; ')}` : ''}`);
  }
  return lines.join('\n') || NONE;
}

function trapsText(notes: RunNote[], waves: WavesOutcome | undefined): string {
  const lines = notes
    .filter((n) => n.topic === 'trap' || n.topic === 'rollback' || n.topic === 'refused')
    .map((n) => `- ${n.topic}${n.task ? ` ${n.task}` : ''}: ${oneLine(n.data)}${outputOf(n.data)}`);
  for (const t of waves?.tasks ?? []) if (t.state !== 'done') lines.push(`- task ${t.id} ${t.state}${t.reason ? `: ${t.reason}` : ''}`);
  return lines.join('\n') || NONE;
}

function findingsText(notes: RunNote[]): string {
  const lines: string[] = [];
  for (const n of notes) {
    if (n.topic === 'code_qc' && Array.isArray(n.data.findings)) {
      for (const f of n.data.findings.filter(isRecord)) lines.push(`- code QC [${String(f.severity)}] ${String(f.file)}${f.line ? `:${String(f.line)}` : ''}: ${String(f.issue)}`);
    }
    if (n.topic === 'verify') {
      for (const b of Array.isArray(n.data.broken) ? n.data.broken.filter(isRecord) : []) lines.push(`- verify ${String(b.probe)}: ${String(b.issue)}`);
      for (const c of strings(n.data.crashes)) lines.push(`- verify: ${c}`);
    }
  }
  return lines.join('\n') || NONE;
}

function oneLine(data: Record<string, unknown>): string {
  const why = data.why ?? data.reason ?? data.digest ?? data.evidence;
  const text = typeof why === 'string' ? why : JSON.stringify(data);
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 400)}…` : flat;
}

/** What a trap's command printed (its failure digest), cut short: why it was a trap does not say what went wrong. */
function outputOf(data: Record<string, unknown>): string {
  const digest = isRecord(data.command) ? data.command.digest : undefined;
  if (typeof digest !== 'string' || !digest.trim()) return '';
  const flat = digest.replace(/\s+/g, ' ').trim();
  return ` — output: ${flat.length > 400 ? `${flat.slice(0, 400)}…` : flat}`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
