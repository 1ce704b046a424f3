/**
 * `{files}` in a test_files command becomes one word per file. It is replaced after splitting, so a
 * path with spaces stays one word and no file name is ever read by a shell.
 */
export const FILES_PLACEHOLDER = '{files}';

export function expandFiles(argv: readonly string[], files: readonly string[]): string[] {
  return argv.flatMap((word) => (word === FILES_PLACEHOLDER ? [...files] : [word]));
}
