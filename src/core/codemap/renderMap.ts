import type { CodeSymbol } from './extract/symbol';
import { treeFolding, type Folding } from './foldPaths';

/**
 * The compact map: files most referred-to first, each with its top-level symbols' signatures
 * (most referred-to first, methods under their class), cut to a budget of characters. A file that
 * does not fit whole is shown with the symbols that fit and a count of the rest; the files after it
 * are left out of the detail and named in `omitted`. When files are left out, a share of the budget
 * (FOLD_SHARE) is kept for them: a line says how many, then they are folded by folder (foldPaths.ts),
 * so the map shows the shape of the whole tree, not only the files that fit in detail.
 */
export interface MapFile {
  path: string;
  lines: number;
  /** Why the file was not parsed, or parsed only in part. */
  note?: string;
  score: number;
  /** Per symbol, other files referring to its name (missing: none). */
  symbolRefs: readonly number[];
}

/** A file's symbols, read only for the files the map shows (most files never are). */
export type SymbolsOf<F extends MapFile = MapFile> = (f: F) => Promise<readonly CodeSymbol[]>;

export interface RenderedMap {
  map: string;
  mapped: string[];
  omitted: string[];
}

/** About four characters a token. */
export const CHARS_PER_TOKEN = 4;
/** Symbol lines shown per file: past them a count, so one huge file cannot take the whole budget. */
export const SYMBOL_LINES_PER_FILE = 24;
/** Room kept for the closing line that counts the files left out. */
const TAIL_ROOM = 80;
/** Share of the budget kept for the folded paths of the files left out of the detail. */
export const FOLD_SHARE = 0.3;

export function orderForMap<F extends MapFile>(files: readonly F[]): F[] {
  return [...files].sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function header(f: MapFile): string {
  const note = f.note ? ` — ${f.note}` : '';
  return `${f.path} (${f.lines} line${f.lines === 1 ? '' : 's'})${note}`;
}

/** Symbol lines in map order: top-level by references, each class's methods under it. */
function symbolLines(f: MapFile, symbols: readonly CodeSymbol[]): string[] {
  const syms = symbols.map((s, i) => ({ s, refs: f.symbolRefs[i] ?? 0, i }));
  const byRefs = (a: { refs: number; i: number }, b: { refs: number; i: number }): number => b.refs - a.refs || a.i - b.i;
  const owners = new Set(syms.filter((x) => x.s.parent === undefined).map((x) => x.s.name));
  const isMember = (s: CodeSymbol): boolean => s.parent !== undefined && owners.has(s.parent);
  // Members by their owner's name, gathered once (a big file has thousands of symbols).
  const members = new Map<string, typeof syms>();
  for (const x of syms) {
    if (!isMember(x.s)) continue;
    const list = members.get(x.s.parent as string);
    if (list) list.push(x);
    else members.set(x.s.parent as string, [x]);
  }
  const lines: string[] = [];
  for (const top of syms.filter((x) => !isMember(x.s)).sort(byRefs)) {
    // A method whose type is declared in another file (Go, Rust impl) names the type.
    const owner = top.s.parent !== undefined && !top.s.signature.includes(top.s.parent) ? `[${top.s.parent}] ` : '';
    lines.push(`  ${owner}${top.s.signature}`);
    if (top.s.parent !== undefined) continue;
    for (const m of (members.get(top.s.name) ?? []).sort(byRefs)) lines.push(`    ${m.s.signature}`);
  }
  return lines;
}

/** `folding`: how the files' paths are folded (default: over their folder tree; a recon passes one that remembers). */
export async function renderMap<F extends MapFile>(
  files: readonly F[],
  budgetTokens: number,
  symbolsOf: SymbolsOf<F>,
  folding: Folding = treeFolding(files.map((f) => f.path)),
): Promise<RenderedMap> {
  const whole = Math.max(0, Math.floor(budgetTokens * CHARS_PER_TOKEN));
  const ordered = orderForMap(files);
  // Room kept for the fold of what the detail leaves out: at most FOLD_SHARE, and no more than the
  // fold of every path needs (a small project keeps nearly all its budget for the detail).
  const foldRoom = Math.floor(whole * FOLD_SHARE) - foldHeader(ordered.length).length - 1;
  const foldAll = foldRoom > 0 ? folding.all(foldRoom).join('\n') : '';
  const budget = foldAll ? whole - foldHeader(ordered.length).length - foldAll.length - 2 : whole;
  const out: string[] = [];
  const mapped: string[] = [];
  let used = 0;
  let i = 0;
  for (; i < ordered.length; i++) {
    const f = ordered[i];
    const all = symbolLines(f, await symbolsOf(f));
    const shown = all.length > SYMBOL_LINES_PER_FILE ? [...all.slice(0, SYMBOL_LINES_PER_FILE - 1), `  … ${all.length - SYMBOL_LINES_PER_FILE + 1} more symbols`] : all;
    const block = [header(f), ...shown];
    const size = block.reduce((n, l) => n + l.length + 1, 0);
    const last = i === ordered.length - 1;
    if (used + size <= budget - (last ? 0 : TAIL_ROOM)) {
      out.push(...block);
      used += size;
      mapped.push(f.path);
      continue;
    }
    // Part of the file: its header and the symbols that fit, then the count of the rest.
    let partial = header(f).length + 1;
    const kept: string[] = [block[0]];
    for (const line of block.slice(1)) {
      if (used + partial + line.length + 1 > budget - TAIL_ROOM - 40) break;
      kept.push(line);
      partial += line.length + 1;
    }
    if (kept.length > 1) {
      out.push(...kept, `  … ${all.length - (kept.length - 1)} more symbols`);
      mapped.push(f.path);
      i++;
    }
    break;
  }
  const omitted = ordered.slice(i).map((f) => f.path);
  if (omitted.length > 0) {
    const tail = foldHeader(omitted.length);
    const room = whole - out.join('\n').length - tail.length - 2;
    const folded = folding.rest(mapped, room);
    // No room for the folders: the count alone (not a heading with nothing under it).
    const alone = foldHeader(omitted.length, false);
    if (folded.length > 0) out.push(tail, ...folded);
    else if (out.join('\n').length + alone.length + 1 <= whole) out.push(alone);
  }
  return { map: out.join('\n'), mapped, omitted };
}

function foldHeader(omitted: number, byFolder = true): string {
  return `… ${omitted} more file${omitted === 1 ? '' : 's'} not mapped in detail (token budget)${byFolder ? ', by folder:' : '.'}`;
}
