/**
 * Finds the fenced blocks tagged `dac` in a reply; other fences are skipped with their content.
 * Fences follow Markdown: three or more backticks or tildes, indented by at most three spaces,
 * closed by the same character at least as many times. Lines inside SEARCH/REPLACE blocks are file content, not reply structure, so a `dac` fence there
 * (a review patching blueprint.md, say) does not count.
 */
import { replaceMarkerLength, searchMarker } from '../blocks/markers';

export interface FencedBlock {
  /** 1-based lines of the opening and closing fence (closing: 0 when never closed). */
  openLine: number;
  closeLine: number;
  info: string;
  body: string;
}

const OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\n]*)$/;

export function dacBlocks(text: string): FencedBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: FencedBlock[] = [];
  let fence: { char: string; length: number; dac: boolean; openLine: number; info: string; body: string[] } | undefined;
  let inPatch = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence?.dac) {
      if (closes(line, fence.char, fence.length)) {
        blocks.push({ openLine: fence.openLine, closeLine: i + 1, info: fence.info, body: fence.body.join('\n') });
        fence = undefined;
      } else fence.body.push(line);
      continue;
    }
    if (inPatch) {
      if (replaceMarkerLength(line) > 0) inPatch = false;
      continue;
    }
    if (searchMarker(line)) {
      inPatch = true;
      continue;
    }
    if (fence) {
      if (closes(line, fence.char, fence.length)) fence = undefined;
      continue;
    }
    const open = OPEN.exec(line);
    if (!open) continue;
    const info = open[2].trim();
    // A backtick fence's info string may not contain backticks (CommonMark); then it is inline code.
    if (open[1][0] === '`' && info.includes('`')) continue;
    fence = { char: open[1][0], length: open[1].length, dac: isDacFence(info), openLine: i + 1, info, body: [] };
  }
  if (fence?.dac) blocks.push({ openLine: fence.openLine, closeLine: 0, info: fence.info, body: fence.body.join('\n') });
  return blocks;
}

const CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

function closes(line: string, char: string, length: number): boolean {
  const m = CLOSE.exec(line);
  return !!m && m[1][0] === char && m[1].length >= length;
}

export function isDacFence(info: string): boolean {
  return info.split(/\s+/)[0].toLowerCase() === 'dac';
}
