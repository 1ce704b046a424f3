/**
 * A request as the one text a CLI reads on standard input: the system prompt opens the first user
 * turn (as for models without a system role), and a later turn after an answer of the model's own
 * (a repair: "your reply was invalid because…") comes after that answer, marked as the model's.
 */
import { plainTurns } from '../messages';
import type { ChatRequest } from '../types';

/** Marks the model's own earlier reply inside the one prompt text. */
const PREVIOUS_REPLY = { open: '<your_previous_reply>', close: '</your_previous_reply>' };

export function cliPrompt(request: ChatRequest): string {
  return plainTurns(request)
    .map((t) => (t.role === 'assistant' ? `${PREVIOUS_REPLY.open}\n${t.text}\n${PREVIOUS_REPLY.close}` : t.text))
    .join('\n\n');
}
