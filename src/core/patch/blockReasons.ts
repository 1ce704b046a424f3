/**
 * The words for a block that cannot be read (kind `malformed`). Each names the block and the reply
 * line, quotes the line at fault, and says what to send instead; none of these blocks is applied.
 */
import type { BlockCut } from '../blocks/replyLayout';

const RESEND = 'resend the whole block';

function head(index: number, replyLine: number): string {
  return `block ${index} (reply line ${replyLine})`;
}

function quoted(line: string): string {
  const s = line.trim();
  return `\`${s.length > 60 ? `${s.slice(0, 57)}...` : s}\``;
}

function lineList(lines: readonly number[]): string {
  const ns = lines.map((l) => String(l));
  return ns.length === 1 ? ns[0] : `${ns.slice(0, -1).join(', ')} and ${ns[ns.length - 1]}`;
}

export function strayReplace(index: number, replyLine: number, line: string, suspect?: { replyLine: number; text: string }): string {
  const hint = suspect ? `; reply line ${suspect.replyLine} (${quoted(suspect.text)}) may be the SEARCH line, which reads \`<<<<<<< SEARCH\` alone` : '';
  return `${head(index, replyLine)}: ${quoted(line)} has no \`<<<<<<< SEARCH\` line before it, so the block's SEARCH marker line is missing or misspelt${hint}; ${RESEND}: path line, \`<<<<<<< SEARCH\`, the lines to find, \`=======\`, the new lines, \`>>>>>>> REPLACE\``;
}

export function badSearchLine(index: number, replyLine: number, line: string): string {
  return `${head(index, replyLine)}: ${quoted(line)} is not a SEARCH marker line; a block opens with \`<<<<<<< SEARCH\` alone on its line (5 to 9 \`<\`, the same count on all three marker lines); ${RESEND}`;
}

export function badReplaceLine(index: number, replyLine: number, closer: number, line: string): string {
  return `${head(index, replyLine)}: reply line ${closer} (${quoted(line)}) is not a REPLACE marker line; end the block with \`>>>>>>> REPLACE\` alone on its line and ${RESEND}`;
}

export function cutOff(index: number, replyLine: number, cut: BlockCut, endLine: number): string {
  const where =
    cut === 'fence_close'
      ? `the fence holding it closes at reply line ${endLine}`
      : cut === 'dac_fence'
        ? `the \`\`\`dac block at reply line ${endLine}`
        : cut === 'next_block'
          ? `the next block at reply line ${endLine}`
          : 'the end of the reply';
  return `${head(index, replyLine)} has no \`>>>>>>> REPLACE\` line before ${where} (the reply may have been cut off); nothing of it is applied: ${RESEND}, ending with \`>>>>>>> REPLACE\``;
}

export function noPath(index: number, replyLine: number): string {
  return `${head(index, replyLine)} has no file path; put the file's path, relative to the workspace, alone on the line before \`<<<<<<< SEARCH\``;
}

export function notAPath(index: number, replyLine: number, line: string, why: string): string {
  const s = line.trim();
  const shown = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  return (
    `${head(index, replyLine)}: the line before the block ("${shown}") is not a file path: ${why}; expected the file's path alone on the line, ` +
    'relative to the workspace (e.g. src/app.ts); wrap a path with spaces or unusual characters in backticks'
  );
}

export function noDivider(index: number, replyLine: number, nearMiss: { replyLine: number; text: string } | undefined): string {
  const near = nearMiss ? `; reply line ${nearMiss.replyLine} (${quoted(nearMiss.text)}) is not a divider line, which is \`=======\` alone` : '';
  return `${head(index, replyLine)} has no \`=======\` line between SEARCH and REPLACE${near}; resend it as SEARCH lines, \`=======\`, REPLACE lines`;
}

export function twoDividers(index: number, replyLine: number, markerLength: number, candidates: ReadonlyArray<{ replyLine: number; text: string; nearMiss: boolean }>): string {
  const odd = candidates.filter((c) => c.nearMiss).map((c) => `reply line ${c.replyLine} reads ${quoted(c.text)}`);
  const longer =
    markerLength < 9
      ? 'resend it with 9-character markers (`<<<<<<<<< SEARCH`, `=========`, `>>>>>>>>> REPLACE`) so that shorter `=======` lines are content'
      : 'resend it with 9-character markers and no 9-character `=` line in the content (or with markers of a length no `=` line in it has)';
  return (
    `${head(index, replyLine)} has ${candidates.length} \`=======\` lines (reply lines ${lineList(candidates.map((c) => c.replyLine))}${odd.length > 0 ? `; ${odd.join(', ')}` : ''}), ` +
    `so where SEARCH ends and REPLACE begins would be a guess; if such a line belongs to the file, ${longer}; if these are two changes, send two blocks`
  );
}
