/** The run's prompts (prompts/*.md): each role's system prompt with the protocol, and each step's instructions. */
import type { Role } from '../config/roles';
import { loadPrompt, renderNamedPrompt } from '../prompts/load';
import type { StepAccess } from '../protocol';

/**
 * The protocol a step's system prompt teaches follows its access (protocol/stepAccess.ts): `edits` is
 * taught SEARCH/REPLACE blocks; `read-only` is told that no edit is accepted and any block is
 * refused, and is shown no block syntax.
 */
export type { StepAccess } from '../protocol';

const systemCache = new Map<string, string>();

/** The stable system prompt of a role for a kind of step: who it is, then how replies are read. Same text every call. */
export function systemPrompt(role: Role, access: StepAccess): string {
  const key = `${role}:${access}`;
  let text = systemCache.get(key);
  if (text === undefined) {
    const how = access === 'edits' ? 'protocol.edits' : 'protocol.read_only';
    text = `${loadPrompt(`role.${role}`).trim()}\n\n${loadPrompt('protocol').trim()}\n\n${loadPrompt(how).trim()}\n`;
    systemCache.set(key, text);
  }
  return text;
}

export function stepPrompt(step: string, slots: Readonly<Record<string, string | number>>): string {
  return renderNamedPrompt(`step.${step}`, slots);
}
