/** Shapes of a ChatRequest that several providers share. */
import type { ChatMessage, ChatRequest, TextPart } from './types';

export function partsOf(message: ChatMessage): readonly TextPart[] {
  return typeof message.content === 'string' ? [{ text: message.content }] : message.content;
}

/** The message as one text; paragraphs are joined with a blank line. */
export function messageText(message: ChatMessage): string {
  return partsOf(message)
    .map((p) => p.text)
    .join('\n\n');
}

export interface PlainTurn {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

/**
 * For models with no system role and strict turn-taking (VS Code language models): the system text
 * opens the first user turn, and consecutive turns of one speaker become one.
 */
export function plainTurns(request: ChatRequest): PlainTurn[] {
  const turns: { role: 'user' | 'assistant'; text: string }[] = [];
  let system = request.system?.trim() ? request.system : undefined;
  for (const m of request.messages) {
    let text = messageText(m);
    if (system !== undefined && m.role === 'user') {
      text = `${system}\n\n${text}`;
      system = undefined;
    }
    const last = turns[turns.length - 1];
    if (last && last.role === m.role) last.text = `${last.text}\n\n${text}`;
    else turns.push({ role: m.role, text });
  }
  if (system !== undefined) turns.unshift({ role: 'user', text: system });
  return turns;
}
