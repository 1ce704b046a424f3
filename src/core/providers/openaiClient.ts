/** The openai SDK, shared by Chat Completions and Responses: loaded on first use, one retry layer. */
import type { AdapterCall, ErrorFacts } from './adapter';
import { causeText, errorMessage } from './errorBody';

type OpenAiSdk = typeof import('openai', { with: { 'resolution-mode': 'import' } });

let loading: Promise<OpenAiSdk> | undefined;
let sdk: OpenAiSdk | undefined;

/** Loaded on the first call, never at activation; the bundle maps this to dist/sdk/openai.js. */
export function loadOpenAi(): Promise<OpenAiSdk> {
  loading ??= import('openai').then((m) => (sdk = m));
  return loading;
}

export async function openAiClient(call: AdapterCall) {
  const { OpenAI } = await loadOpenAi();
  // The SDK refuses an empty key; a local server without auth ignores this placeholder.
  return new OpenAI({ apiKey: call.apiKey ?? 'no-key', baseURL: call.baseUrl, maxRetries: 0, timeout: 10 * 60_000 });
}

export function openAiErrorFacts(err: unknown): ErrorFacts | undefined {
  if (!sdk || !(err instanceof sdk.APIError)) return undefined;
  if (err instanceof sdk.APIConnectionTimeoutError) return { timeout: true };
  if (err instanceof sdk.APIConnectionError || err instanceof sdk.APIUserAbortError) return { connection: true, detail: causeText(err) };
  if (err.status === undefined) return { sdkError: true, detail: errorMessage(err.error) ?? err.message };
  return { status: err.status, headers: err.headers, detail: errorMessage(err.error) };
}
