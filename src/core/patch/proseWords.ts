/**
 * Words that make a line with spaces a sentence or a line of code rather than a file name: English
 * function words, the verbs models use to announce an edit ("Update", "In … change …"), and common
 * code keywords. pathLine.ts checks them only on words that have no `/` or `.`, so a folder or file
 * called `the plan.md` or `docs/the plan/` is not affected; a top-level name made of such words must
 * be written in backticks. Neutral words a folder is often named with (my, new, old, notes, a) are not here.
 */
const WORDS = new Set(
  `
  the an this that these those here there is are was were be been being will would should shall can could may might must
  do does did done we i you he she they it its our your their me us them let lets let's i'll we'll i've we've i'm we're
  here's that's it's there's what's now then next first finally also please below above following follows as in into
  inside within to of for on at by with from and or but not no if so see via
  update updates updated updating edit edits edited editing change changes changed changing modify modifies modified
  modifying create creates created creating add adds added adding fix fixes fixed fixing remove removes removed removing
  delete deletes deleted deleting replace replaces replaced replacing rename renames renamed move moves moved apply applies
  applied applying patch patches patched write writes wrote written open opens make makes made use uses used using
  file files path paths code install run runs
  import export return const var def class function require
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether a word, bare of the brackets or punctuation around it (`(new`, `file)`), is one of them. */
export function isProseWord(word: string): boolean {
  const bare = word
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return WORDS.has(bare);
}
