/**
 * VS Code language models (`vscode.lm`): models the person already has through other extensions,
 * behind the same adapter interface as the SDK providers. The only file that touches vscode.lm.
 */
import * as vscode from 'vscode';
import { AdapterFailure, type AdapterCall, type AdapterEvent, type ProviderAdapter } from '../../core/providers/adapter';
import { lmFailure, lmSelectors, lmTurns } from '../../core/providers/languageModel';
import type { Usage } from '../../core/providers/types';

async function pickModel(name: string): Promise<vscode.LanguageModelChat> {
  for (const selector of lmSelectors(name)) {
    const [model] = await vscode.lm.selectChatModels(selector);
    if (model) return model;
  }
  throw new AdapterFailure({
    kind: 'not_found',
    detail: `no installed extension offers a language model with id or family "${name}"; install one that does (such as a chat extension that provides language models) or set another model for this role`,
  });
}

function asFailure(err: unknown): unknown {
  if (err instanceof vscode.LanguageModelError) return new AdapterFailure(lmFailure(err.code, err.message));
  return err;
}

/** The API reports no token counts; the model's own tokenizer counts them (on the request's cancel token). */
async function countUsage(model: vscode.LanguageModelChat, messages: vscode.LanguageModelChatMessage[], answer: string, token: vscode.CancellationToken): Promise<Usage> {
  const counts = await Promise.all(messages.map((m) => model.countTokens(m, token)));
  return { input: counts.reduce((a, b) => a + b, 0), output: await model.countTokens(answer, token), cached: 0, cacheWrite: 0 };
}

async function* open(call: AdapterCall): AsyncGenerator<AdapterEvent> {
  const cancel = new vscode.CancellationTokenSource();
  const onAbort = (): void => cancel.cancel();
  call.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const model = await pickModel(call.model);
    const messages = lmTurns(call.request).map((t) =>
      t.role === 'user' ? vscode.LanguageModelChatMessage.User(t.text) : vscode.LanguageModelChatMessage.Assistant(t.text),
    );
    const options: vscode.LanguageModelChatRequestOptions = {
      justification: 'Factory runs a role of your build with this model.',
      ...(call.maxTokens !== undefined && { modelOptions: { maxTokens: call.maxTokens } }),
    };
    let answer = '';
    try {
      const response = await model.sendRequest(messages, options, cancel.token);
      for await (const text of response.text) {
        answer += text;
        yield { type: 'delta', text };
      }
    } catch (err) {
      throw asFailure(err);
    }
    // A cancelled request ends its text quietly; without `done` the gateway reports the cancel.
    if (call.signal.aborted) return;
    // This API has no terminal event: the text ends when the answer is complete and throws when it fails.
    yield { type: 'done', stopReason: 'stop', providerStopReason: 'complete', usage: await countUsage(model, messages, answer, cancel.token) };
  } finally {
    call.signal.removeEventListener('abort', onAbort);
    cancel.dispose();
  }
}

export const vscodeLmAdapter: ProviderAdapter = { id: 'vscode-lm', open, errorFacts: () => undefined };
