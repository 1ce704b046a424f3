// Shared set-up for the provider tests: each wire protocol of the fake as a gateway target, and a
// gateway whose waits are recorded instead of slept, so retries cost no time.
import { DEFAULT_ROLES } from '../../../src/core/config/defaults';
import type { ProviderId } from '../../../src/core/config/roles';
import type { ProviderSettings } from '../../../src/core/config/schema';
import type { KeysPort } from '../../../src/core/ports';
import { envKeys } from '../../../src/core/providers/envKeys';
import { ProviderError } from '../../../src/core/providers/errors';
import { Gateway, type GatewayEvent, type GatewayOptions } from '../../../src/core/providers/gateway';
import type { CallRecord, StreamEvent } from '../../../src/core/providers/types';
import type { FakeLlm } from '../../fakes/fakeLlm';
import type { ProtocolName } from '../../fakes/protocols';

export interface ProtocolCase {
  readonly name: string;
  readonly protocol: ProtocolName;
  readonly provider: ProviderId;
  /** The role's model, then its fallback. */
  readonly models: readonly [string, string];
  /** OpenAI clients want `${url}/v1`. */
  readonly v1: boolean;
  readonly reportsCached: boolean;
  /** Only Anthropic reports tokens written to the cache. */
  readonly reportsCacheWrite: boolean;
  /** The SDK hands us the response headers of an error (so retry-after is honoured). */
  readonly errorHeaders: boolean;
}

export const CASES: readonly ProtocolCase[] = [
  { name: 'anthropic', protocol: 'anthropic', provider: 'anthropic', models: ['claude-test-a', 'claude-test-b'], v1: false, reportsCached: true, reportsCacheWrite: true, errorHeaders: true },
  { name: 'openai chat', protocol: 'openai-chat', provider: 'openai', models: ['gpt-test-a', 'gpt-test-b'], v1: true, reportsCached: true, reportsCacheWrite: false, errorHeaders: true },
  // Models offered only on the Responses API, so the openai adapter takes that route.
  { name: 'openai responses', protocol: 'openai-responses', provider: 'openai', models: ['o3-pro', 'gpt-5-pro'], v1: true, reportsCached: true, reportsCacheWrite: false, errorHeaders: true },
  { name: 'openai-compatible', protocol: 'openai-chat', provider: 'openai-compatible', models: ['kimi-test-a', 'kimi-test-b'], v1: true, reportsCached: true, reportsCacheWrite: false, errorHeaders: true },
  { name: 'google', protocol: 'gemini', provider: 'google', models: ['gemini-test-a', 'gemini-test-b'], v1: false, reportsCached: true, reportsCacheWrite: false, errorHeaders: false },
  { name: 'ollama', protocol: 'ollama', provider: 'ollama', models: ['llama-test-a', 'llama-test-b'], v1: false, reportsCached: false, reportsCacheWrite: false, errorHeaders: false },
];

export const TEST_KEYS: KeysPort = envKeys({ ANTHROPIC_API_KEY: 'test-key', OPENAI_API_KEY: 'test-key', GEMINI_API_KEY: 'test-key' });

export interface TestGateway {
  readonly gateway: Gateway;
  readonly events: GatewayEvent[];
  /** The waits the gateway asked for before each retry (not slept). */
  readonly delays: number[];
}

export interface GatewaySetup {
  readonly fallback?: boolean;
  readonly budgetUsd?: number;
  readonly providers?: Partial<ProviderSettings>;
  readonly keys?: KeysPort;
  readonly retries?: number;
}

export function baseUrlOf(c: ProtocolCase, fake: FakeLlm): string {
  return c.v1 ? `${fake.url}/v1` : fake.url;
}

export function gatewayFor(c: ProtocolCase, fake: FakeLlm, setup: GatewaySetup = {}, extra: Partial<GatewayOptions> = {}): TestGateway {
  const events: GatewayEvent[] = [];
  const delays: number[] = [];
  const baseUrl = baseUrlOf(c, fake);
  const [model, fallbackModel] = c.models;
  const gateway = new Gateway({
    roles: {
      ...DEFAULT_ROLES,
      ceo: { provider: c.provider, model, baseUrl, fallbacks: setup.fallback ? [{ provider: c.provider, model: fallbackModel, baseUrl }] : [] },
    },
    keys: setup.keys ?? TEST_KEYS,
    providers: { idleTimeoutS: 0.25, maxConcurrent: 4, prices: {}, ...setup.providers },
    ...(setup.budgetUsd !== undefined && { budgetUsd: setup.budgetUsd }),
    retry: { retries: setup.retries ?? 2, baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 60_000 },
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { gateway, events, delays };
}

export interface Collected {
  readonly events: StreamEvent[];
  readonly record?: CallRecord;
  readonly error?: ProviderError;
}

/** Runs a call to its end; a ProviderError is collected, anything else fails the test. */
export async function collect(call: AsyncGenerator<StreamEvent, CallRecord, undefined>, onEvent?: (e: StreamEvent) => void): Promise<Collected> {
  const events: StreamEvent[] = [];
  try {
    for (;;) {
      const step = await call.next();
      if (step.done) return { events, record: step.value };
      events.push(step.value);
      onEvent?.(step.value);
    }
  } catch (err) {
    if (err instanceof ProviderError) return { events, error: err };
    throw err;
  }
}

/** The text a consumer holds at the end: deltas after the last restart. */
export function shownText(events: readonly StreamEvent[]): string {
  let text = '';
  for (const e of events) {
    if (e.type === 'restart') text = '';
    if (e.type === 'delta') text += e.text;
  }
  return text;
}
