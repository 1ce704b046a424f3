/** OpenAI Responses API: for OpenAI models that are offered only there (see openaiApi.ts). */
import { AdapterFailure, type AdapterCall, type AdapterEvent } from './adapter';
import type { Failure } from './errors';
import { messageText } from './messages';
import { openAiClient } from './openaiClient';
import type { StopReason, Usage } from './types';

interface RawUsage {
  input_tokens: number;
  output_tokens: number;
  input_tokens_details?: { cached_tokens?: number } | null;
}

interface RawResponse {
  status?: string | null;
  incomplete_details?: { reason?: string } | null;
  error?: { code?: string | null; message?: string } | null;
  usage?: RawUsage | null;
}

function usageOf(u: RawUsage | null | undefined): Usage | null {
  return u ? { input: u.input_tokens, output: u.output_tokens, cached: u.input_tokens_details?.cached_tokens ?? 0, cacheWrite: 0 } : null;
}

function finished(r: RawResponse): AdapterEvent {
  const reason = r.incomplete_details?.reason;
  const stopReason: StopReason = r.status === 'completed' ? 'stop' : reason === 'max_output_tokens' ? 'length' : reason === 'content_filter' ? 'filtered' : 'other';
  return { type: 'done', stopReason, providerStopReason: reason ?? r.status ?? '', usage: usageOf(r.usage) };
}

/** A failure reported inside a 200 stream (response.failed, error event), with what it had cost. */
function failure(code: string | null | undefined, message: string | undefined, usage?: RawUsage | null): AdapterFailure {
  const kind: Failure['kind'] = code === 'rate_limit_exceeded' ? 'rate_limit' : code === 'server_error' || !code ? 'server' : 'bad_request';
  const spent = usageOf(usage);
  return new AdapterFailure({ kind, detail: message ?? code ?? undefined, ...(spent && { usage: spent }) });
}

export function responsesBody(call: Pick<AdapterCall, 'model' | 'request' | 'maxTokens' | 'temperature'>) {
  const { system, messages } = call.request;
  return {
    model: call.model,
    ...(system && { instructions: system }),
    input: messages.map((m) => ({ role: m.role, content: messageText(m) })),
    // Nothing is kept at OpenAI: every call sends its whole context anyway.
    store: false,
    ...(call.maxTokens !== undefined && { max_output_tokens: call.maxTokens }),
    ...(call.temperature !== undefined && { temperature: call.temperature }),
  };
}

export async function* openResponses(call: AdapterCall): AsyncGenerator<AdapterEvent> {
  const client = await openAiClient(call);
  const body = responsesBody(call);
  if (!call.stream) {
    const r = await client.responses.create({ ...body, stream: false }, { signal: call.signal });
    if (r.status === 'failed') throw failure(r.error?.code, r.error?.message, r.usage);
    yield { type: 'delta', text: r.output_text };
    yield finished(r);
    return;
  }
  const events = await client.responses.create({ ...body, stream: true }, { signal: call.signal });
  let end: AdapterEvent | undefined;
  for await (const ev of events) {
    if (ev.type === 'response.output_text.delta') {
      yield { type: 'delta', text: ev.delta };
      continue;
    }
    if (ev.type === 'response.completed' || ev.type === 'response.incomplete') end = finished(ev.response);
    else if (ev.type === 'response.failed') throw failure(ev.response.error?.code, ev.response.error?.message, ev.response.usage);
    else if (ev.type === 'error') throw failure(ev.code, ev.message);
    yield { type: 'alive' };
  }
  if (end) yield end;
}
