/** An in-memory reader, for tests and for patching text that is not on disk (the blueprint). */
import type { PatchReader } from '../ports';

export function readerFromMap(files: ReadonlyMap<string, string> | Readonly<Record<string, string>>): PatchReader {
  const get = (p: string): string | undefined =>
    files instanceof Map ? (files as ReadonlyMap<string, string>).get(p) : Object.prototype.hasOwnProperty.call(files, p) ? (files as Record<string, string>)[p] : undefined;
  return {
    async read(path) {
      const text = get(path);
      // Stryker disable next-line StringLiteral: readers are told apart by 'missing' and 'refused'
      return text === undefined ? { kind: 'missing' } : { kind: 'text', text };
    },
  };
}
