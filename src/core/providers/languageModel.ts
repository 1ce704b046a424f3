/**
 * The plain-Node part of the VS Code language model adapter (src/vscode/providers/vscodeLm.ts):
 * which models to ask for, how our messages become its turns, and what its error codes mean.
 */
import type { Failure } from './errors';
import { plainTurns, type PlainTurn } from './messages';
import type { ChatRequest } from './types';

/** A setting's `model` names a model id first (`copilot-gpt-4o`), else a family (`gpt-4o`). */
export function lmSelectors(model: string): { id?: string; family?: string }[] {
  return [{ id: model }, { family: model }];
}

/** VS Code models have no system role and take turns strictly: the system text opens the first user turn. */
export function lmTurns(request: ChatRequest): PlainTurn[] {
  return plainTurns(request);
}

/** LanguageModelError codes (NoPermissions, Blocked, NotFound); anything else is the model provider's trouble. */
export function lmFailure(code: string | undefined, message: string): Failure {
  if (code === 'NoPermissions') return { kind: 'auth', detail: `${message || 'no permission'}; allow Factory to use this model when VS Code asks` };
  if (code === 'Blocked') return { kind: 'rate_limit', detail: message || 'blocked: quota or rate limit reached' };
  if (code === 'NotFound') return { kind: 'not_found', detail: message || 'no such model' };
  return { kind: 'server', detail: message };
}
