/**
 * Reads prompt templates from the package's prompts/ folder at run time, so prompts change without
 * touching code. The folder sits next to package.json: in the bundles (dist/cli.js, dist/extension.js)
 * that is `../prompts`, under tests (out/src/core/prompts/) it is found by walking up. tsc copies
 * package.json into out/ as well, so the folder that counts is the one that also has prompts/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderPrompt } from './render';

let cachedDir: string | undefined;
const cache = new Map<string, string>();

export function promptsDir(from: string = __dirname): string {
  if (cachedDir && from === __dirname) return cachedDir;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prompts'))) {
      const found = join(dir, 'prompts');
      if (from === __dirname) cachedDir = found;
      return found;
    }
    if (dirname(dir) === dir) throw new Error(`the prompts folder was not found above ${from} (it ships next to package.json)`);
  }
}

/** The template text of prompts/<name>.md. */
export function loadPrompt(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(join(promptsDir(), `${name}.md`), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export function renderNamedPrompt(name: string, slots: Readonly<Record<string, string | number>>): string {
  return renderPrompt(loadPrompt(name), slots, `prompts/${name}.md`);
}
