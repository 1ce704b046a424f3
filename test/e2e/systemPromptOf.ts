/** The system prompt of a request the fake server recorded (openai-compatible: the `system` messages). */
import type { RecordedRequest } from '../fakes/requestLog';

export function systemPromptOf(q: RecordedRequest): string {
  const body = q.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return '';
  const messages = body['messages'];
  if (!Array.isArray(messages)) return '';
  const texts: string[] = [];
  for (const m of messages) {
    if (typeof m !== 'object' || m === null || Array.isArray(m) || m['role'] !== 'system') continue;
    const content = m['content'];
    texts.push(typeof content === 'string' ? content : JSON.stringify(content));
  }
  return texts
    .join('\n');
}

/** Whether a system prompt teaches editing files with SEARCH/REPLACE blocks. */
export function teachesEdits(system: string): boolean {
  return system.includes('<<<<<<< SEARCH');
}

/** Whether a system prompt says the step is read-only: no edits accepted, blocks refused. */
export function saysReadOnly(system: string): boolean {
  return /read-only/i.test(system) && /refused/i.test(system) && !teachesEdits(system);
}
