/**
 * How a request is laid out (DESIGN.md, "What each call sees"): the role's system prompt, then the
 * blueprint (a cache point), then the task and its files, then what is new for this call, with the
 * DaC-Context line opening that last part. The stable part comes first and holds no counters or
 * times, so successive calls share a long prefix and provider prompt caches hit.
 */
import type { ChatMessage, ChatRequest, TextPart } from '../../providers/types';

export interface RequestParts {
  system: string;
  /** The blueprint as it is now; absent before there is one. */
  blueprint?: string;
  /** The task, its acceptance criteria and its files in full (read from disk when the request is built). */
  task?: string;
  /** The DaC-Context line. */
  contextLine: string;
  /** The step's instructions and what is new: failing output, refused blocks, findings. */
  fresh: string;
}

export function buildRequest(p: RequestParts): ChatRequest {
  const parts: TextPart[] = [];
  if (p.blueprint !== undefined) parts.push({ text: `# The blueprint\n\n${p.blueprint}`, cache: true });
  if (p.task !== undefined) parts.push({ text: p.task });
  parts.push({ text: `${p.contextLine}\n\n${p.fresh}` });
  const message: ChatMessage = { role: 'user', content: parts };
  return { system: p.system, messages: [message] };
}

/** The request as one text, in the order a provider reads it (for the prefix share). */
export function requestText(r: ChatRequest): string {
  const body = r.messages.map((m) => (typeof m.content === 'string' ? m.content : m.content.map((c) => c.text).join('\n\n'))).join('\n\n');
  return `${r.system ?? ''}\n\n${body}`;
}

/** Share (0..1) of `text` that repeats the start of `previous`: what a prompt cache could serve. */
export function prefixShare(previous: string | undefined, text: string): number {
  if (previous === undefined || text.length === 0) return 0;
  const n = Math.min(previous.length, text.length);
  let i = 0;
  while (i < n && previous.charCodeAt(i) === text.charCodeAt(i)) i++;
  return i / text.length;
}
