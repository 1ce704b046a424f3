/**
 * Every model call of a run: the request laid out for caching, sent through the gateway as a durable
 * step (a resumed run gets the recorded reply, never asks again), the reply validated as the step's
 * DaC kind and, while invalid, sent back with the exact issues (`repair=n`) up to limits.repairs.
 * The journal gets each request's DaC-Context, the reply, tokens, cost and the prefix share.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../config/roles';
import { formatDacContext, parseReply, planRepair, type DacContext, type DacIssue, type DacKind, type DacMessageOf, type Step, type StepAccess } from '../../protocol';
import type { CallOptions, CallRecord, ChatRequest, StreamEvent, Usage } from '../../providers/types';
import type { Effects } from '../journal/effects';
import type { ProgressEvent } from '../progress';
import { systemPrompt } from '../prompts';
import type { CallText } from './callText';
import { buildRequest, prefixShare, requestText } from './request';

/** What the pipeline needs of the gateway. */
export interface ModelGateway {
  complete(role: Role, request: ChatRequest, options?: CallOptions): Promise<CallRecord>;
  /** The same call, its text as it arrives (Gateway.stream); a gateway without it answers whole. */
  stream?(role: Role, request: ChatRequest, options?: CallOptions): AsyncGenerator<StreamEvent, CallRecord, undefined>;
}

export interface AskSpec<K extends DacKind> {
  /** Names the call's place in the run, unique: `blueprint`, `review:r2:qc`, `T1:tests:a1`. */
  key: string;
  role: Role;
  step: Step;
  expect: K;
  task?: string;
  /**
   * What the step may do to files: its system prompt (the role's, with the protocol for that access)
   * and its repair requests both follow from it, so they never disagree.
   */
  access: StepAccess;
  blueprint?: string;
  taskText?: string;
  fresh: string;
  /** Earlier turns of this step's conversation (a patch retry follows the reply it corrects). */
  history?: ChatRequest['messages'];
  /**
   * Checks beyond the schema (a blueprint's commands, its tasks' tests): issues found go back to
   * the same model like schema issues, within the same repair budget.
   */
  check?: (message: DacMessageOf<K>) => DacIssue[];
}

export type Asked<K extends DacKind> =
  /** `conversation`: the turns so far, ending with the accepted reply (a follow-up in the same conversation passes it as `history`). */
  | { ok: true; message: DacMessageOf<K>; reply: string; repairs: number; conversation: ChatRequest['messages']; replies: string[] }
  | { ok: false; reason: string; issues: DacIssue[]; reply: string; replies: string[] };

/** What the journal keeps of one answered call. */
export interface CallResult {
  text: string;
  provider: string;
  model: string;
  usage: Usage;
  /** False when the provider sent no token counts: its zeros are unknowns, not zeros. */
  usageReported?: boolean;
  usd: number | null;
  /** Where `usd` came from (Cost['source']): `estimated` when the provider sent no counts. Absent in older journals. */
  costSource?: string;
  latencyMs: number;
  stopReason: string;
}

export class ModelCaller {
  private readonly lastPrompt = new Map<Role, string>();

  constructor(
    private readonly runId: string,
    private readonly gateway: ModelGateway,
    private readonly effects: Effects,
    private readonly maxRepairs: number,
    private readonly signal: AbortSignal,
    private readonly progress: (e: ProgressEvent) => void,
    /** Told each call's text as it arrives (the dashboard); without it calls are collected whole. */
    private readonly onText?: (e: CallText) => void,
  ) {}

  async ask<K extends DacKind>(spec: AskSpec<K>): Promise<Asked<K>> {
    const context: DacContext & { expect: K } = { run: this.runId, role: spec.role, step: spec.step, expect: spec.expect, task: spec.task };
    const request = buildRequest({ system: systemPrompt(spec.role, spec.access), blueprint: spec.blueprint, task: spec.taskText, contextLine: formatDacContext(context), fresh: spec.fresh });
    const first: ChatRequest = spec.history?.length ? { system: request.system, messages: [...spec.history, ...request.messages] } : request;
    let messages = first.messages;
    let reply = (await this.call(spec.key, spec.role, context, first)).text;
    // Every reply of the step, repaired ones included: a read-only step's blocks are refused wherever they came.
    const replies = [reply];
    for (let attempt = 1; ; attempt++) {
      const parsed = parseReply(reply, spec.expect);
      const issues = parsed.ok ? (spec.check?.(parsed.message) ?? []) : parsed.issues;
      if (parsed.ok && issues.length === 0) return { ok: true, message: parsed.message, reply, repairs: attempt - 1, conversation: [...messages, { role: 'assistant', content: reply }], replies };
      const plan = planRepair({ reply, issues, context, attempt, maxRepairs: this.maxRepairs, to: 'same', access: spec.access });
      if (!plan.ok) return { ok: false, reason: plan.message, issues, reply, replies };
      messages = [...messages, { role: 'assistant', content: reply }, { role: 'user', content: plan.request.prompt }];
      reply = (await this.call(`${spec.key}#repair${attempt}`, spec.role, plan.request.context, { system: first.system, messages })).text;
      replies.push(reply);
    }
  }

  /** One request as a durable step: asked once per run, its answer recorded. */
  private async call(key: string, role: Role, context: DacContext, request: ChatRequest): Promise<CallResult> {
    const text = requestText(request);
    const share = prefixShare(this.lastPrompt.get(role), text);
    this.lastPrompt.set(role, text);
    const contextLine = formatDacContext(context);
    const show = { role, step: context.step, task: context.task };
    const effectKey = `call:${key}`;
    const replayed = this.effects.has(effectKey);
    this.progress({ kind: 'call', ...show, phase: replayed ? 'replayed' : 'asked' });
    const result = await this.effects.once(
      effectKey,
      'call',
      async () => {
        const r = await this.answer(effectKey, role, request);
        const answered: CallResult = { text: r.text, provider: r.provider, model: r.model, usage: r.usage, usageReported: r.usageReported, usd: r.cost.usd, costSource: r.cost.source, latencyMs: r.latencyMs, stopReason: r.stopReason };
        return answered;
      },
      {
        detail: {
          context: contextLine,
          role,
          promptChars: text.length,
          promptSha256: createHash('sha256').update(text).digest('hex'),
          prefixShare: Math.round(share * 1000) / 1000,
          request,
        },
      },
    );
    if (!replayed) this.progress({ kind: 'call', ...show, phase: 'answered' });
    return result;
  }

  /**
   * The gateway's answer; with a listener, through its stream, each delta handed on as it arrives.
   * A call that fails mid-answer fails as a collected one does: its text so far is not the answer.
   */
  private async answer(key: string, role: Role, request: ChatRequest): Promise<CallRecord> {
    const onText = this.onText;
    if (!onText || !this.gateway.stream) return this.gateway.complete(role, request, { signal: this.signal });
    const call = this.gateway.stream(role, request, { signal: this.signal });
    let answered = false;
    try {
      for (;;) {
        const step = await call.next();
        if (step.done) {
          answered = true;
          return step.value;
        }
        const e = step.value;
        if (e.type === 'delta') onText({ kind: 'delta', key, text: e.text });
        else if (e.type === 'restart') onText({ kind: 'restart', key, reason: e.reason });
      }
    } finally {
      onText({ kind: 'end', key, answered });
    }
  }
}
