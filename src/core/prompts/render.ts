/**
 * Fills a prompt's `{{slot}}` placeholders (prompts/README.md). Every slot the template names must be
 * given: a prompt with a hole in it is never sent, so a missing slot throws (it is a bug in the code
 * that renders it). Values are inserted as they are, never scanned for slots themselves.
 */
const SLOT = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class PromptSlotError extends Error {
  constructor(
    readonly prompt: string,
    readonly missing: readonly string[],
  ) {
    super(`prompt ${prompt} has unfilled slot${missing.length === 1 ? '' : 's'}: ${missing.map((m) => `{{${m}}}`).join(', ')}`);
    this.name = 'PromptSlotError';
  }
}

export function slotsOf(template: string): string[] {
  return [...new Set([...template.matchAll(SLOT)].map((m) => m[1]))];
}

export function renderPrompt(template: string, slots: Readonly<Record<string, string | number>>, name = 'prompt'): string {
  const missing = slotsOf(template).filter((s) => !Object.prototype.hasOwnProperty.call(slots, s));
  if (missing.length > 0) throw new PromptSlotError(name, missing);
  return template.replace(SLOT, (_m, slot: string) => String(slots[slot]));
}
