// What each fake CLI prints for a mode, in its documented output format (see fakeCli.ts).

export type FakeCliName = 'claude' | 'codex' | 'gemini';

export interface FakeAnswer {
  readonly text: string;
  /** All prompt tokens, cached included. */
  readonly input: number;
  readonly output: number;
  readonly cached: number;
}

export interface FakeOutput {
  readonly stdout: readonly string[];
  readonly stderr?: string;
  /** An exit code, or how it ends otherwise. */
  readonly end: number | 'hang' | 'crash';
}

const json = (o: unknown): string => JSON.stringify(o);

/** The answer in three pieces, for the stream. */
function pieces(text: string): string[] {
  const third = Math.ceil(text.length / 3);
  return [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)].filter((p) => p !== '');
}

function claudeResult(a: FakeAnswer, model: string, fields: Record<string, unknown> = {}): string {
  const usage = { input_tokens: a.input - a.cached, output_tokens: a.output, cache_creation_input_tokens: 0, cache_read_input_tokens: a.cached };
  return json({
    type: 'result',
    subtype: 'success',
    is_error: false,
    num_turns: 1,
    result: a.text,
    stop_reason: 'end_turn',
    session_id: 'fake-session',
    total_cost_usd: 0.0123,
    usage,
    modelUsage: { [model]: { inputTokens: usage.input_tokens, outputTokens: a.output, cacheReadInputTokens: a.cached, cacheCreationInputTokens: 0, costUSD: 0.0123 } },
    ...fields,
  });
}

function claude(mode: string, argv: readonly string[], model: string, a: FakeAnswer): FakeOutput {
  const stream = argv[argv.indexOf('--output-format') + 1] === 'stream-json';
  const init = json({ type: 'system', subtype: 'init', session_id: 'fake-session', model, tools: [] });
  const failed = (message: string): FakeOutput => ({ stdout: [...(stream ? [init] : []), claudeResult({ ...a, text: message, output: 0 }, model, { subtype: 'success', is_error: true, stop_reason: null })], end: 1 });
  switch (mode) {
    case 'auth':
      return failed('Invalid API key · Please run /login');
    case 'rate':
      return failed('Claude AI usage limit reached|1767225600');
    case 'empty-model':
      return failed(`There's an issue with the selected model (${model}). It may not exist or you may not have access to it.`);
    case 'crash':
      return { stdout: stream ? [init] : [], stderr: 'claude: internal error, aborting', end: 'crash' };
    case 'hang':
      return { stdout: stream ? [init] : [], end: 'hang' };
    case 'exit':
      return { stdout: [], stderr: 'Error: something went wrong inside claude', end: 3 };
    case 'noresult':
      return { stdout: stream ? [init] : [], end: 0 };
  }
  if (!stream) return { stdout: [claudeResult(a, model)], end: 0 };
  const messages = pieces(a.text).map((p) => json({ type: 'assistant', message: { role: 'assistant', model, content: [{ type: 'text', text: p }] }, session_id: 'fake-session' }));
  return { stdout: [init, ...messages, claudeResult(a, model)], end: 0 };
}

function codex(mode: string, a: FakeAnswer): FakeOutput {
  const start = [json({ type: 'thread.started', thread_id: 'fake-thread' }), json({ type: 'turn.started' })];
  switch (mode) {
    case 'auth':
      return { stdout: [...start, json({ type: 'turn.failed', error: { message: 'unexpected status 401 Unauthorized: Your access token could not be refreshed. Please log out and sign in again (codex login).' } })], end: 1 };
    case 'rate':
      return { stdout: [...start, json({ type: 'error', message: "You've hit your usage limit. Try again later." }), json({ type: 'turn.failed', error: { message: "You've hit your usage limit. Try again later." } })], end: 1 };
    case 'empty-model':
      return { stdout: [...start, json({ type: 'turn.failed', error: { message: 'The model does not exist or you do not have access to it.' } })], end: 1 };
    case 'crash':
      return { stdout: start.slice(0, 1), stderr: 'thread panicked', end: 'crash' };
    case 'hang':
      return { stdout: start, end: 'hang' };
    case 'exit':
      return { stdout: [], stderr: 'Error: something went wrong inside codex', end: 3 };
    case 'noresult':
      return { stdout: start, end: 0 };
  }
  return {
    stdout: [
      ...start,
      json({ type: 'item.completed', item: { id: 'item_0', type: 'reasoning', text: 'Thinking about it.' } }),
      json({ type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: a.text } }),
      json({ type: 'turn.completed', usage: { input_tokens: a.input, cached_input_tokens: a.cached, output_tokens: a.output } }),
    ],
    end: 0,
  };
}

function gemini(mode: string, model: string, a: FakeAnswer): FakeOutput {
  const error = (type: string, message: string, code: number): FakeOutput => ({ stdout: JSON.stringify({ error: { type, message, code } }, null, 2).split('\n'), end: code });
  switch (mode) {
    case 'auth':
      return error('FatalAuthenticationError', 'Please set an Auth method in your ~/.gemini/settings.json or login with Google.', 41);
    case 'rate':
      return error('Error', 'Quota exceeded for quota metric: requests per day (429 RESOURCE_EXHAUSTED).', 1);
    case 'empty-model':
      return error('Error', `Requested entity was not found: model ${model} (404 NOT_FOUND).`, 1);
    case 'crash':
      return { stdout: [], stderr: 'FATAL ERROR: Reached heap limit', end: 'crash' };
    case 'hang':
      return { stdout: [], end: 'hang' };
    case 'exit':
      return { stdout: [], stderr: 'Error: something went wrong inside gemini', end: 3 };
    case 'noresult':
      return { stdout: [], end: 0 };
  }
  const tokens = { prompt: a.input, candidates: a.output, total: a.input + a.output, cached: a.cached, thoughts: 0, tool: 0 };
  const out = { session_id: 'fake-session', response: a.text, stats: { models: { [model]: { api: { totalRequests: 1, totalErrors: 0, totalLatencyMs: 5 }, tokens } }, tools: {}, files: {} } };
  return { stdout: JSON.stringify(out, null, 2).split('\n'), end: 0 };
}

export function cliOutput(cli: FakeCliName, mode: string, argv: readonly string[], model: string, a: FakeAnswer): FakeOutput {
  if (cli === 'claude') return claude(mode, argv, model, a);
  return cli === 'codex' ? codex(mode, a) : gemini(mode, model, a);
}
