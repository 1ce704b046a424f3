/**
 * blueprint.md (DAC.md, "blueprint"): Markdown prose for people, then the one `dac` block
 * pretty-printed one field per line, so reviewers can patch single lines with SEARCH/REPLACE.
 * The file is the blueprint: it is written after every change and read back through the same
 * parser and checks as a reply.
 */
import { outlineProse } from './prose';
import type { Blueprint } from '../../protocol';

export const BLUEPRINT_PATH = 'blueprint.md';

export function renderBlueprintDoc(bp: Blueprint, prose: string): string {
  const text = prose.trim();
  const head = `# ${bp.title}\n\n${text.length > 0 ? `${text}\n\n` : ''}`;
  return `${head}\`\`\`dac\n${JSON.stringify(bp, null, 2)}\n\`\`\`\n`;
}

/** The prose of a reply: everything outside its fenced blocks and SEARCH/REPLACE blocks. */
export function proseOf(reply: string): string {
  return outlineProse(reply);
}
