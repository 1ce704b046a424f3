/**
 * `factory chat --provider P --model M [--base-url U] [--role R] "<prompt>"`: one call through the
 * same gateway the pipeline uses (keys, retries, watchdog, fallbacks, prices). The reply streams to
 * standard output; one JSON usage line goes to standard error.
 */
import { resolve } from 'node:path';
import { DEFAULT_ROLES } from '../core/config/defaults';
import type { ProviderId, Role } from '../core/config/roles';
import { modelRefSchema } from '../core/config/schema';
import { envKeys } from '../core/providers/envKeys';
import { ProviderError } from '../core/providers/errors';
import { Gateway, type GatewayEvent } from '../core/providers/gateway';
import type { CallRecord, Cost, ModelTarget } from '../core/providers/types';
import type { FailedAttempt } from '../core/providers/usage';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';
import { loadChatProviders } from './loadConfig';

export interface ChatOptions {
  provider: Exclude<ProviderId, 'vscode-lm'>;
  model: string;
  baseUrl?: string;
  role?: Role;
  apiKeyEnv?: string;
  config?: string;
}

export interface ChatOutcome {
  code: ExitCode;
  /** The explanation for standard error when the call failed. */
  message: string;
}

function priceWord(cost: Cost): string {
  return cost.source === 'unknown' ? 'price unknown' : cost.source === 'estimated' ? 'estimated (usage not reported)' : cost.source;
}

/** Attempts that failed after tokens were counted: paid for, so the usage line shows them. */
function failedPart(failed: readonly FailedAttempt[]) {
  if (failed.length === 0) return {};
  return {
    failedAttempts: failed.map((a) => ({
      provider: a.provider,
      model: a.model,
      failure: a.failure,
      input: a.usage.input,
      output: a.usage.output,
      cached: a.usage.cached,
      cacheWrite: a.usage.cacheWrite,
      costUsd: a.cost.usd,
      price: priceWord(a.cost),
    })),
  };
}

/** The usage line: tokens always; the cost only when a price is known; failed attempts that cost tokens. */
export function usageLine(r: CallRecord, failed: readonly FailedAttempt[] = []): string {
  return JSON.stringify({
    type: 'usage',
    role: r.role,
    provider: r.provider,
    model: r.model,
    input: r.usage.input,
    output: r.usage.output,
    cached: r.usage.cached,
    cacheWrite: r.usage.cacheWrite,
    costUsd: r.cost.usd,
    price: priceWord(r.cost),
    stopReason: r.stopReason,
    latencyMs: r.latencyMs,
    attempts: r.attempts,
    ...failedPart(failed),
  });
}

function notice(e: GatewayEvent): string | undefined {
  if (e.type === 'retry') return `factory: ${e.message}. Retrying in ${(e.delayMs / 1000).toFixed(1)} s.\n`;
  if (e.type === 'fallback') return `factory: ${e.from.provider}:${e.from.model} gave up; trying ${e.to.provider}:${e.to.model}.\n`;
  return undefined;
}

/**
 * A missing key or a model this host cannot call is found before any request: a configuration
 * error (exit 2, as for a bad config file). A call that was made and failed is "not shipped" (1).
 */
function exitCodeOf(err: ProviderError): ExitCode {
  return err.kind === 'missing_key' || err.kind === 'config' ? EXIT.usage : EXIT.notShipped;
}

/** The options checked like a role's settings, so a bad URL or variable name is a usage error. */
function checkedTarget(opts: ChatOptions): ModelTarget {
  const parsed = modelRefSchema.safeParse({ provider: opts.provider, model: opts.model, baseUrl: opts.baseUrl, apiKeyEnv: opts.apiKeyEnv });
  if (!parsed.success) {
    const flags: Record<string, string> = { baseUrl: '--base-url', apiKeyEnv: '--api-key-env', model: '--model' };
    throw new UsageError(parsed.error.issues.map((i) => `${flags[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

export async function chatCommand(io: CliIo, prompt: string, opts: ChatOptions, signal?: AbortSignal): Promise<ChatOutcome> {
  // The configuration's provider settings still apply (price overrides, the idle watchdog,
  // concurrency); its roles do not: the model comes from the flags.
  const providers = await loadChatProviders({ dir: io.cwd, configFile: opts.config === undefined ? undefined : resolve(io.cwd, opts.config), env: io.env });
  const failed: FailedAttempt[] = [];
  // No budget here: one call the user asked for, to any model, priced or not.
  const gateway = new Gateway({
    roles: DEFAULT_ROLES,
    keys: envKeys(io.env),
    env: io.env,
    providers,
    onEvent: (e) => {
      if (e.type === 'failedAttempt') failed.push(e.attempt);
      const line = notice(e);
      if (line) io.stderr(line);
    },
  });
  const target = checkedTarget(opts);
  let last = '';
  try {
    const call = gateway.streamChain(opts.role ?? 'chat', [target], { messages: [{ role: 'user', content: prompt }] }, { signal });
    for await (const ev of call) {
      if (ev.type === 'delta') {
        io.stdout(ev.text);
        last = ev.text;
      } else if (ev.type === 'restart') {
        // Text already printed cannot be taken back: say so, then print the new answer whole.
        io.stderr(`factory: ${ev.reason}; the answer starts again below.\n`);
        io.stdout('\n');
      } else {
        if (!last.endsWith('\n')) io.stdout('\n');
        io.stderr(`${usageLine(ev.record, failed)}\n`);
      }
    }
    return { code: EXIT.ok, message: '' };
  } catch (err) {
    if (err instanceof ProviderError) {
      // No answer, but what the failed attempts cost is still said.
      if (failed.length) io.stderr(`${JSON.stringify({ type: 'usage', role: opts.role ?? 'chat', answered: false, ...failedPart(failed) })}\n`);
      return { code: exitCodeOf(err), message: err.message };
    }
    throw err;
  }
}
