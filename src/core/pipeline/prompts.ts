/** The run's prompts (prompts/*.md): each role's system prompt with the protocol, and each step's instructions. */
import type { Role } from '../config/roles';
import { loadPrompt, renderNamedPrompt } from '../prompts/load';

const systemCache = new Map<Role, string>();

/** The stable system prompt of a role: who it is, then how replies are read. Same text every call. */
export function systemPrompt(role: Role): string {
  let text = systemCache.get(role);
  if (text === undefined) {
    text = `${loadPrompt(`role.${role}`).trim()}\n\n${loadPrompt('protocol').trim()}\n`;
    systemCache.set(role, text);
  }
  return text;
}

export function stepPrompt(step: string, slots: Readonly<Record<string, string | number>>): string {
  return renderNamedPrompt(`step.${step}`, slots);
}
