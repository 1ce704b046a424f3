/** How the engine reads the files it patches; each host (file system, VS Code, tests) provides one. */
export type FileRead =
  | { kind: 'text'; text: string }
  | { kind: 'missing' }
  /** The host will not let the file be patched: a link that leaves the workspace, a binary file. */
  | { kind: 'refused'; why: 'unsafe_path' | 'unreadable'; reason: string };

export interface PatchReader {
  /** `path` is already checked and normalised (workspace-relative, with /). */
  read(path: string): Promise<FileRead>;
}

/** An in-memory reader, for tests and for patching text that is not on disk (the blueprint). */
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
