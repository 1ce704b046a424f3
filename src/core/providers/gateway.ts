/**
 * The one way every role talks to its model. A call goes to the role's model; failures worth
 * retrying are retried here (and only here) with backoff; when a model has used up its retries, or
 * is not there (404) or not allowed (403), the next model of the role's fallback list takes over, and
 * the journal is told. Keys, prices (under a budget) and the budget are checked before any request
 * (a fallback's when the call needs it: an unusable fallback is passed over, never blocks the primary);
 * every attempt's reported tokens are charged, failed ones too; calls per provider are capped.
 */
import { isCliProvider, type Role } from '../config/roles';
import type { ProviderSettings, RoleSettings } from '../config/schema';
import type { KeysPort, LogPort } from '../ports';
import { attempt, slotKey, type AttemptResult } from './attempt';
import { budgetStop, usd } from './budget';
import { cliAdapters } from './cli/cliAdapter';
import { ProviderSlots } from './concurrency';
import { ProviderError, type CallContext, type FailureKind } from './errors';
import { keyNeed, resolveKey } from './keys';
import { providerLabel } from './labels';
import { OPENAI_COMPATIBLE_PRESETS } from './presets';
import { priceAdvice } from './priceCheck';
import { loadPriceDatabase, type PriceDatabase } from './priceDatabase';
import { costOf, lookupPrice, priceKey, type PriceLookup } from './pricing';
import { CORE_ADAPTERS, type AdapterRegistry } from './registry';
import { ReplayFilter } from './replay';
import { backoffMs, DEFAULT_RETRY, sleep, type RetryPolicy } from './retry';
import { BudgetReservations } from './reservations';
import { estimatedUsage, requestChars, tokensOf } from './tokenEstimate';
import { NO_USAGE, type CallOptions, type CallRecord, type CallRole, type ChatRequest, type Cost, type ModelTarget, type StreamEvent, type Usage } from './types';
import { UsageLedger, type FailedAttempt } from './usage';

interface ModelName {
  readonly provider: ModelTarget['provider'];
  readonly model: string;
}

/** What the journal records about model calls. */
export type GatewayEvent =
  | { readonly type: 'call'; readonly record: CallRecord }
  | {
      readonly type: 'retry';
      readonly role: CallRole;
      readonly target: ModelName;
      /** The request that failed, counted from 1 for this model. */
      readonly attempt: number;
      readonly delayMs: number;
      readonly kind: FailureKind;
      readonly status?: number;
      readonly message: string;
    }
  | { readonly type: 'fallback'; readonly role: CallRole; readonly from: ModelName; readonly to: ModelName; readonly reason: string }
  /** A fallback the call needed could not be used (no key, no price under a budget, no baseUrl): passed over. */
  | { readonly type: 'skipped'; readonly role: CallRole; readonly target: ModelName; readonly reason: string }
  /** An attempt failed after its provider reported tokens: they are charged (ledger and budget). */
  | { readonly type: 'failedAttempt'; readonly attempt: FailedAttempt }
  | { readonly type: 'failed'; readonly role: CallRole; readonly target: ModelName; readonly kind: FailureKind; readonly message: string };

export interface GatewayOptions {
  readonly roles: Readonly<Record<Role, RoleSettings>>;
  readonly keys: KeysPort;
  readonly providers?: Partial<ProviderSettings>;
  /**
   * limits.budgetUsd; null or undefined: no budget. With a budget, a model without a known price is
   * refused before any request (its spending could not be counted).
   */
  readonly budgetUsd?: number | null;
  /** Default: the core adapters; the extension adds vscode-lm. */
  readonly adapters?: AdapterRegistry;
  readonly retry?: Partial<RetryPolicy>;
  /** The run's ledger; a resumed run passes one started from what it had spent. */
  readonly ledger?: UsageLedger;
  readonly onEvent?: (event: GatewayEvent) => void;
  readonly log?: LogPort;
  /**
   * Asked before each model of a call is prepared; a sentence refuses the call before any request
   * (VS Code: an endpoint from workspace settings the user has not allowed).
   */
  readonly endpointGuard?: (target: ModelTarget, role: CallRole) => Promise<string | undefined>;
  /** Tests: the wait before a retry (e.g. record it and wait 0 ms), randomness and the clock. */
  readonly sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Tests: the idle limit of an answer given whole (a non-streamed call, a CLI that cannot stream); default 10 min. */
  readonly wholeAnswerMs?: number;
  /** The environment the coding CLIs start from (keys are taken out of it: cli/cliEnv.ts); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface Prepared {
  readonly target: ModelTarget;
  readonly apiKey: string | undefined;
  readonly context: CallContext;
}

/** What became of one model of the chain, for the message when none answered. */
type Outcome = { readonly p: Prepared; readonly requests: number; readonly error: ProviderError } | { readonly p: Pick<Prepared, 'target'>; readonly skipped: string };

/** Why a model cannot be called at all (no key, no price under a budget, no adapter or baseUrl): found before any request. */
const UNUSABLE: ReadonlySet<FailureKind> = new Set(['config', 'missing_key']);

/** After a failed request: the same model again, the next model of the chain, or the end of the call. */
type Step = { readonly then: 'retry'; readonly delayMs: number } | { readonly then: 'next' } | { readonly then: 'stop' };

/**
 * The output a request without `maxTokens` reserves against the budget: Anthropic's cap when none is
 * given (anthropic.ts), a fair figure for the others, which set none.
 */
export const RESERVED_OUTPUT_TOKENS = 8192;

/** Failures that are not the model's: the call ends with them as they are. */
const NOT_THE_MODEL: ReadonlySet<FailureKind> = new Set(['cancelled', 'budget', 'config', 'missing_key']);

function chainOf(settings: RoleSettings): ModelTarget[] {
  return [settings, ...settings.fallbacks];
}

/** Every variable the configuration names as a key: kept out of a coding CLI's environment. */
function keyVariables(roles: Readonly<Record<Role, RoleSettings>>): string[] {
  return Object.values(roles).flatMap((r) => chainOf(r).flatMap((t) => (t.apiKeyEnv ? [t.apiKeyEnv] : [])));
}

function nameOf(t: ModelTarget): ModelName {
  return { provider: t.provider, model: t.model };
}

function named(p: Pick<Prepared, 'target'>): string {
  return `${p.target.provider}:${p.target.model}`;
}

/** A 401 for one of them is a 401 for the other: the same key to the same endpoint. */
function sameCredentials(a: Prepared, b: Prepared): boolean {
  return slotKey(a.target) === slotKey(b.target) && a.apiKey === b.apiKey;
}

/** A 401: this key is no good at this endpoint (a 403 is about the model, not the key). */
function keyRejected(err: ProviderError): boolean {
  return err.kind === 'auth' && err.status !== 403;
}

function requestsText(n: number): string {
  return `${n} request${n === 1 ? '' : 's'}`;
}

export class Gateway {
  readonly ledger: UsageLedger;
  private readonly reservations = new BudgetReservations();
  private readonly slots: ProviderSlots;
  private readonly policy: RetryPolicy;
  private readonly adapters: AdapterRegistry;
  private readonly idleMs: number;
  private readonly now: () => number;
  /** Loaded by the first call (prepare), before any record needs a price. */
  private database: PriceDatabase | undefined;

  constructor(private readonly opts: GatewayOptions) {
    this.ledger = opts.ledger ?? new UsageLedger();
    this.slots = new ProviderSlots(opts.providers?.maxConcurrent ?? 4);
    this.policy = { ...DEFAULT_RETRY, ...opts.retry };
    const clis = cliAdapters({ paths: opts.providers?.cliPaths ?? {}, env: opts.env ?? process.env, dropEnv: keyVariables(opts.roles) });
    this.adapters = { ...clis, ...(opts.adapters ?? CORE_ADAPTERS) };
    this.idleMs = (opts.providers?.idleTimeoutS ?? 60) * 1000;
    this.now = opts.now ?? Date.now;
  }

  /** A call for a role of the run: its model, then its fallbacks. */
  stream(role: Role, request: ChatRequest, options: CallOptions = {}): AsyncGenerator<StreamEvent, CallRecord, undefined> {
    return this.streamChain(role, chainOf(this.opts.roles[role]), request, options);
  }

  /** A call to given models, in order (`factory chat`, or a caller that picked the model itself). */
  async *streamChain(role: CallRole, chain: readonly ModelTarget[], request: ChatRequest, options: CallOptions = {}): AsyncGenerator<StreamEvent, CallRecord, undefined> {
    try {
      const [primary, ...fallbacks] = chain;
      if (!primary) throw new Error(`no model to call for role ${role}`);
      // The primary must be callable; a fallback is prepared only when it is needed (an unusable one is passed over then).
      return yield* this.run(role, await this.prepare(role, primary), fallbacks, request, options);
    } catch (err) {
      if (err instanceof ProviderError) this.failed(err);
      throw err;
    }
  }

  private async *run(role: CallRole, primary: Prepared, fallbacks: readonly ModelTarget[], request: ChatRequest, options: CallOptions): AsyncGenerator<StreamEvent, CallRecord, undefined> {
    const replay = new ReplayFilter();
    let requests = 0;
    const outcomes: Outcome[] = [];
    const rejectedKeys: Prepared[] = [];
    let previous: { readonly p: Prepared; readonly error: ProviderError } | undefined;
    for (let index = 0; index <= fallbacks.length; index++) {
      const p = index === 0 ? primary : await this.prepareFallback(role, fallbacks[index - 1] as ModelTarget, index, outcomes);
      if (!p) continue;
      const rejected = rejectedKeys.find((r) => sameCredentials(r, p));
      if (rejected) {
        const same = isCliProvider(p.target.provider) ? `it uses the same ${p.context.label} login as ${named(rejected)}, which was refused` : `it would send the same key to the same endpoint as ${named(rejected)}, which was rejected`;
        outcomes.push({ p, skipped: `not tried, ${same}` });
        continue;
      }
      if (previous) this.fallback(role, previous.p, p, previous.error);
      for (let tries = 1; ; tries++) {
        // Held until this request ends; the ledger's charge then takes its place.
        const release = this.checkBeforeRequest(p, request, options);
        requests++;
        replay.startAttempt();
        try {
          const slotLimit = isCliProvider(p.target.provider) ? (this.opts.providers?.cliMaxConcurrent ?? 1) : undefined;
          const result = yield* attempt({ ...p, adapter: this.adapterFor(p), request, options, slots: this.slots, idleMs: this.idleMs, replay, now: this.now, wholeAnswerMs: this.opts.wholeAnswerMs, slotLimit });
          release();
          const record = this.record(role, p.target, result, requests, request);
          yield* replay.finish();
          yield { type: 'final', record };
          return record;
        } catch (caught) {
          release();
          if (!(caught instanceof ProviderError)) throw caught;
          this.chargeFailed(role, p.target, caught, request);
          // A coding CLI has no key of ours: its own message already says how to log in.
          const err = keyRejected(caught) && !isCliProvider(p.target.provider) ? caught.withNote(`Check the key: ${this.opts.keys.howToSet(keyNeed(p.target))}.`) : caught;
          const step = this.stepAfter(err, tries);
          if (step.then === 'retry') {
            this.emit({ type: 'retry', role, target: nameOf(p.target), attempt: tries, delayMs: step.delayMs, kind: err.kind, status: err.status, message: err.message });
            this.opts.log?.log('warn', role, `${err.message}. Retrying in ${(step.delayMs / 1000).toFixed(1)} s (request ${tries + 1} to ${p.target.model}).`);
            await this.wait(step.delayMs, p.context, options.signal);
            continue;
          }
          if (NOT_THE_MODEL.has(err.kind)) throw err;
          outcomes.push({ p, requests: tries, error: err });
          if (step.then === 'stop') throw this.noAnswer(role, fallbacks.length + 1, outcomes, requests);
          if (keyRejected(err)) rejectedKeys.push(p);
          previous = { p, error: err };
          break;
        } finally {
          release(); // also when the consumer stops reading mid-answer
        }
      }
    }
    throw this.noAnswer(role, fallbacks.length + 1, outcomes, requests);
  }

  /**
   * A fallback, once the call needs it; one that cannot be used is passed over with a warning (and
   * named in the error if no model answers), never an obstacle to the models around it.
   */
  private async prepareFallback(role: CallRole, target: ModelTarget, index: number, outcomes: Outcome[]): Promise<Prepared | undefined> {
    try {
      return await this.prepare(role, target);
    } catch (err) {
      if (!(err instanceof ProviderError) || !UNUSABLE.has(err.kind)) throw err;
      outcomes.push({ p: { target }, skipped: `not tried, it cannot be used: ${err.message}` });
      this.emit({ type: 'skipped', role, target: nameOf(target), reason: err.message });
      this.opts.log?.log('warn', role, `${target.provider}:${target.model} (${role}'s fallback ${index}) cannot be used, so it is skipped: ${err.message}`);
      return undefined;
    }
  }

  /**
   * A failure worth another request is retried until the policy says enough; a model that is not
   * there (404), not allowed (403) or whose key was rejected (401) hands over to the next model at
   * once; anything else (a request the provider refuses as invalid, a cancel) ends the call.
   */
  private stepAfter(err: ProviderError, tries: number): Step {
    if (err.retryable) {
      const delayMs = this.delayFor(err, tries);
      return delayMs === undefined ? { then: 'next' } : { then: 'retry', delayMs };
    }
    return err.kind === 'not_found' || err.kind === 'auth' ? { then: 'next' } : { then: 'stop' };
  }

  /** The error of a call no model answered: the failure itself, or with several models, each one and why. */
  private noAnswer(role: CallRole, models: number, outcomes: readonly Outcome[], requests: number): ProviderError {
    const tried = outcomes.filter((o): o is Extract<Outcome, { error: ProviderError }> => 'error' in o);
    const last = tried[tried.length - 1];
    if (!last) throw new Error('a call ended with no model tried and no error');
    if (models === 1) {
      return last.error.retryable ? last.error.withNote(`Gave up after ${requests} request(s) to ${named(last.p)}.`) : last.error;
    }
    const lines = outcomes.map((o) => ('error' in o ? `- ${named(o.p)}, ${requestsText(o.requests)}: ${o.error.message}` : `- ${named(o.p)}: ${o.skipped}`));
    return last.error.withMessage(`No model of role ${role} answered (${requestsText(requests)}):\n${lines.join('\n')}`);
  }

  /** Why this model cannot be called at all (the checks a call makes before its first request), or undefined. */
  async unusable(role: CallRole, target: ModelTarget): Promise<string | undefined> {
    try {
      await this.prepare(role, target);
      return undefined;
    } catch (err) {
      if (err instanceof ProviderError && UNUSABLE.has(err.kind)) return err.message;
      throw err;
    }
  }

  /** Collects a call into its final record; for callers that do not show the text as it streams. */
  async complete(role: Role, request: ChatRequest, options: CallOptions = {}): Promise<CallRecord> {
    return drain(this.stream(role, request, options));
  }

  /** A model is callable (adapter, base URL, price under a budget, endpoint allowed, key): checked before its first request. */
  private async prepare(role: CallRole, target: ModelTarget): Promise<Prepared> {
    this.database ??= await loadPriceDatabase();
    const context: CallContext = { provider: target.provider, label: providerLabel(target.provider, target.baseUrl), model: target.model, role };
    const problem = this.configProblem(target, role) ?? this.machineProblem(target, context) ?? this.priceProblem(target, role) ?? (await this.opts.endpointGuard?.(target, role));
    if (problem) throw new ProviderError({ kind: 'config' }, context, problem);
    return { target, context, apiKey: await resolveKey(this.opts.keys, target, role) };
  }

  private configProblem(target: ModelTarget, role: CallRole): string | undefined {
    if (!this.adapters[target.provider]) {
      return target.provider === 'vscode-lm'
        ? `Role ${role} uses a VS Code language model (${target.model}), which only exists inside VS Code; pick another provider for it here.`
        : `No adapter for provider ${target.provider} (role ${role}).`;
    }
    if (target.provider === 'openai-compatible' && !target.baseUrl) {
      const known = OPENAI_COMPATIBLE_PRESETS.map((p) => `${p.name} ${p.baseUrl}`).join(', ');
      return `Role ${role} uses an OpenAI-compatible model (${target.model}) but gives no baseUrl; set "baseUrl" to the service's endpoint (${known}).`;
    }
    return undefined;
  }

  /** What this machine lacks to call the model (a coding CLI's executable), from its adapter. */
  private machineProblem(target: ModelTarget, c: CallContext): string | undefined {
    const problem = this.adapters[target.provider]?.preflight?.(target);
    return problem === undefined ? undefined : `${c.label} cannot be used for role ${c.role} (model ${c.model}): ${problem}. Nothing was sent.`;
  }

  /** Under a budget, a model whose spending cannot be counted is not called at all. */
  private priceProblem(target: ModelTarget, role: CallRole): string | undefined {
    const budget = this.opts.budgetUsd;
    if (budget === undefined || budget === null || this.priceOf(target).source !== 'unknown') return undefined;
    return `${priceKey(target)} (role ${role}) has no known price, ${priceAdvice(target, budget)} Nothing was sent.`;
  }

  private priceOf(target: ModelTarget): PriceLookup {
    if (!this.database) throw new Error('a price was needed before prepare() loaded the price database');
    return lookupPrice(target, this.opts.providers?.prices ?? {}, this.database);
  }

  private adapterFor(p: Prepared) {
    const adapter = this.adapters[p.target.provider];
    if (!adapter) throw new Error(`adapter for ${p.target.provider} vanished after prepare()`);
    return adapter;
  }

  /**
   * Before each request: not cancelled, and under the budget counting what is spent, what requests in
   * flight hold and this request's own estimate, which it then holds (released by the function returned).
   */
  private checkBeforeRequest(p: Prepared, request: ChatRequest, options: CallOptions): () => void {
    if (options.signal?.aborted) throw new ProviderError({ kind: 'cancelled' }, p.context);
    const budget = this.opts.budgetUsd;
    if (budget === undefined || budget === null) return () => undefined;
    const inputTokens = tokensOf(requestChars(request));
    const maxOutputTokens = options.maxTokens ?? RESERVED_OUTPUT_TOKENS;
    const estimate = costOf({ input: inputTokens, output: maxOutputTokens, cached: 0, cacheWrite: 0 }, this.priceOf(p.target)).usd ?? 0;
    const next = { usd: estimate, inputTokens, maxOutputTokens, reservedUsd: this.reservations.reservedUsd, inFlight: this.reservations.inFlight };
    const stop = budgetStop(this.ledger, budget, p.context, next);
    if (stop) throw stop;
    return this.reservations.hold(estimate);
  }

  /** The wait before the next request to the same model, or undefined when it is time to move on. */
  private delayFor(err: ProviderError, tries: number): number | undefined {
    if (tries > this.policy.retries) return undefined;
    if (err.retryAfterMs !== undefined) return err.retryAfterMs <= this.policy.maxRetryAfterMs ? err.retryAfterMs : undefined;
    return backoffMs(tries, this.policy, this.opts.random);
  }

  private async wait(ms: number, context: CallContext, signal: AbortSignal | undefined): Promise<void> {
    try {
      await (this.opts.sleep ?? sleep)(ms, signal);
    } catch (err) {
      if (signal?.aborted) throw new ProviderError({ kind: 'cancelled' }, context);
      throw err;
    }
  }

  private fallback(role: CallRole, from: Prepared, to: Prepared, reason: ProviderError): void {
    this.emit({ type: 'fallback', role, from: nameOf(from.target), to: nameOf(to.target), reason: reason.message });
    this.opts.log?.log('warn', role, `${named(from)} failed (${reason.message}); ${named(to)} takes over.`);
  }

  /**
   * An attempt that failed after its provider reported tokens, or after it sent part of an answer
   * (then the tokens are estimated from the characters), was paid for: the ledger counts it.
   */
  private chargeFailed(role: CallRole, target: ModelTarget, err: ProviderError, request: ChatRequest): void {
    if (!err.usage && !err.receivedChars) return;
    const cost = err.usage ? costOf(err.usage, this.priceOf(target)) : costOf(estimatedUsage(request, err.receivedChars ?? 0), this.priceOf(target), false);
    const attempt: FailedAttempt = { role, provider: target.provider, model: target.model, usage: err.usage ?? NO_USAGE, cost, failure: err.kind };
    this.ledger.addFailed(attempt);
    this.emit({ type: 'failedAttempt', attempt });
    this.opts.log?.log('warn', role, `${target.provider}:${target.model} failed (${err.kind}) after ${tokensText(attempt.usage, cost)}; charged ${costText(cost)}.`);
  }

  /** The call's final failure, for the journal and the log. */
  private failed(err: ProviderError): void {
    const { role, provider, model } = err.context;
    this.emit({ type: 'failed', role, target: { provider, model }, kind: err.kind, message: err.message });
    this.opts.log?.log(err.kind === 'cancelled' || err.kind === 'budget' ? 'warn' : 'error', role, err.message);
  }

  private record(role: CallRole, target: ModelTarget, r: AttemptResult, attempts: number, request: ChatRequest): CallRecord {
    const usage = r.usage ?? NO_USAGE;
    const price = this.priceOf(target);
    // No counts from the server: a priced model is charged an estimate (marked so), never $0.
    const cost = r.usage ? costOf(r.usage, price) : costOf(estimatedUsage(request, r.text.length), price, false);
    const record: CallRecord = {
      text: r.text,
      stopReason: r.stopReason,
      providerStopReason: r.providerStopReason,
      usage,
      usageReported: r.usage !== null,
      cost,
      latencyMs: r.latencyMs,
      attempts,
      role,
      provider: target.provider,
      model: target.model,
    };
    this.ledger.add(record);
    this.emit({ type: 'call', record });
    this.opts.log?.log('info', role, describeCall(record));
    return record;
  }

  private emit(event: GatewayEvent): void {
    this.opts.onEvent?.(event);
  }
}

/** `$0.0040`, `$0.0040 (estimated)`, `$0 (subscription)`, `price unknown`. */
function costText(cost: Cost): string {
  if (cost.usd === null) return 'price unknown';
  if (cost.source === 'subscription') return '$0 (subscription)';
  return cost.source === 'estimated' ? `${usd(cost.usd)} (estimated)` : usd(cost.usd);
}

/** `10 tokens in (4 cached), 5 out`, or the estimate when the provider counted nothing. */
function tokensText(usage: Usage, cost: Cost, reported = cost.source !== 'estimated'): string {
  if (!reported && cost.source === 'estimated') return `usage not reported; estimated about ${cost.tokens.input} tokens in, ${cost.tokens.output} out`;
  if (!reported) return 'usage not reported';
  const cached = usage.cached ? ` (${usage.cached} cached)` : '';
  return `${usage.input} tokens in${cached}, ${usage.output} out`;
}

/** One line for the log: who answered, tokens, cost. */
export function describeCall(r: CallRecord): string {
  return `${r.provider}:${r.model} answered in ${(r.latencyMs / 1000).toFixed(1)} s: ${tokensText(r.usage, r.cost, r.usageReported)}, ${costText(r.cost)}.`;
}

/** Runs a call to its end and returns the final record. */
export async function drain(call: AsyncGenerator<StreamEvent, CallRecord, undefined>): Promise<CallRecord> {
  for (;;) {
    const step = await call.next();
    if (step.done) return step.value;
  }
}
