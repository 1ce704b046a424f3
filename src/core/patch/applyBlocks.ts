/**
 * Applies parsed blocks to the files they name, in reply order, and reports every block. A block
 * that fails or is refused changes nothing and does not stop the others, including later blocks for
 * the same file (which then apply to the file as it is without the failed block).
 */
import { checkPatchPath } from '../blocks/safePath';
import type { FileChange, PatchReader, TextLimit } from '../ports';
import { allows, quoteChars } from './encoding';
import * as why from './failureReasons';
import { joinLines, replaceLines, splitLines, type TextLines } from './lineEndings';
import { candidateAt, closestCandidate, onlyBlank } from './match/closest';
import { FileView } from './match/fileView';
import { findPlacement } from './match/findPlacement';
import { isBlank } from './match/normalize';
import { describeShift } from './match/shift';
import { mergeReplacement } from './merge';
import { addedChars } from './newChars';
import { parseBlocks } from './parseBlocks';
import type { BlockResult, FailureKind, ParsedItem, PatchBlock, PatchResult, Strategy } from './types';

export interface ApplyOptions {
  /**
   * The caller's own rule for a (checked, normalised) path: a reason to refuse it, or undefined to
   * allow it. E.g. only the task's files, or nothing at all for a read-only role.
   */
  policy?: (path: string) => string | undefined;
}

interface FileState {
  before: string | null;
  text: TextLines | null;
  view: FileView | null;
  changed: boolean;
  /** New characters the file can take (host's word); absent: any. */
  holds?: TextLimit;
}

/** One file of the reply, under the first name a block gave it (its change carries that name). */
interface FileEntry {
  name: string;
  state: FileState | { refused: FailureKind; reason: string };
}

export async function applyPatchText(text: string, reader: PatchReader, options: ApplyOptions = {}): Promise<PatchResult> {
  return applyBlocks(parseBlocks(text), reader, options);
}

export async function applyBlocks(items: readonly ParsedItem[], reader: PatchReader, options: ApplyOptions = {}): Promise<PatchResult> {
  const byName = new Map<string, FileEntry>();
  const byIdentity = new Map<string, FileEntry>();
  const order: FileEntry[] = [];
  const results: BlockResult[] = [];
  for (const item of items) {
    if (!item.ok) {
      const m = item.malformed;
      results.push(failure(m.index, m.path ?? '', 'failed', 'malformed', m.reason));
      continue;
    }
    const b = item.block;
    const checked = checkPatchPath(b.path);
    if (!checked.ok) {
      results.push(failure(b.index, b.path, 'refused', 'unsafe_path', why.refusedPath(b.index, b.path, checked.reason)));
      continue;
    }
    const path = checked.path;
    const denied = options.policy?.(path);
    if (denied !== undefined) {
      results.push(failure(b.index, path, 'refused', 'not_allowed', why.refusedPath(b.index, path, denied)));
      continue;
    }
    let entry = byName.get(path);
    if (!entry) {
      const read = await reader.read(path);
      // Another name of a file already in the reply: its blocks go on from that file's current text.
      const identity = read.kind === 'refused' ? undefined : read.identity;
      entry = identity === undefined ? undefined : byIdentity.get(identity);
      if (!entry) {
        const state =
          read.kind === 'refused'
            ? { refused: read.why, reason: read.reason }
            : read.kind === 'missing'
              ? { before: null, text: null, view: null, changed: false }
              : { before: read.text, text: splitLines(read.text), view: null, changed: false, holds: read.holds };
        entry = { name: path, state };
        order.push(entry);
        if (identity !== undefined) byIdentity.set(identity, entry);
      }
      byName.set(path, entry);
    }
    const { name, state } = entry;
    const shown = name === path ? path : `${path}, the same file as ${name}`;
    if ('refused' in state) {
      results.push(failure(b.index, name, 'refused', state.refused, why.refusedPath(b.index, shown, state.reason)));
      continue;
    }
    const r = { ...applyOne(b, shown, state), file: name };
    if (r.status === 'applied' && name !== path) r.notes.push(`"${path}" is the same file as ${name} (a link, or letter case on this disk); applied to it in order`);
    results.push(r);
  }
  const changes: FileChange[] = [];
  for (const { name: path, state: s } of order) {
    if ('refused' in s || !s.changed || !s.text) continue;
    const after = joinLines(s.text);
    if (after !== s.before) changes.push({ path, before: s.before, after });
  }
  return { blocks: results, changes };
}

function applyOne(b: PatchBlock, path: string, state: FileState): BlockResult {
  if (onlyBlank(b.search)) return writeWhole(b, path, state, b.replace);
  if (!state.text) return failure(b.index, path, 'failed', 'file_missing', why.fileMissing(b.index, path));
  const text = state.text;
  state.view ??= new FileView(text.lines);
  const view = state.view;

  const found = findPlacement(view, b.search, b.replace);
  if (found.kind === 'ambiguous') {
    const c = candidateAt(view, found.places[0].start, found.places[0].end, 1);
    return failure(b.index, path, 'failed', 'ambiguous', why.ambiguous(b.index, path, found.places, text.lines), c);
  }
  if (found.kind === 'none') {
    const c = closestCandidate(view, b.search);
    return failure(b.index, path, 'failed', 'no_match', why.noMatch(b.index, path, b.search, c, text.lines), c ?? null);
  }
  const p = found.placement;
  const merged = mergeReplacement(text.lines, p, found.search, found.replace);
  if (!merged.ok) {
    const c = candidateAt(view, p.start, p.end, p.similarity);
    return failure(b.index, path, 'failed', 'needs_guess', why.needsGuess(b.index, path, p, merged.reason, c), c);
  }
  const notes = [...found.notes];
  if (p.strategy === 'fuzzy') notes.push(`fuzzy similarity ${why.percent(p.similarity)}`);
  if (p.shift.op !== 'none') notes.push(`re-indented new lines: ${describeShift(p.shift)}`);
  const unheld = cannotHold(b, path, state, text.lines.slice(p.start, p.end), merged.lines, p.start + 1);
  if (unheld) return unheld;
  state.text = replaceLines(text, p.start, p.end, merged.lines);
  view.edited(state.text.lines, p.start, p.end, merged.lines);
  state.changed = true;
  return applied(b.index, path, p.strategy, p.start + 1, notes);
}

/** Empty SEARCH: create the file, fill an empty one, or (only when the block says so) replace it. */
function writeWhole(b: PatchBlock, path: string, state: FileState, replace: readonly string[]): BlockResult {
  const existing = state.text;
  const empty = !existing || existing.lines.every(isBlank);
  if (!empty && !b.overwrite) return failure(b.index, path, 'refused', 'file_exists', why.fileExists(b.index, path));
  const strategy: Strategy = empty ? 'create' : 'overwrite';
  const unheld = cannotHold(b, path, state, existing?.lines ?? [], replace, 1);
  if (unheld) return unheld;
  const base = existing ?? splitLines('');
  // A new file ends with a newline; a replaced one keeps whether it had one.
  const hadFinal = !existing || existing.lines.length === 0 || existing.eols[existing.eols.length - 1] !== '';
  const eol = base.eol;
  const body = replace.join(eol);
  const text = replace.length === 0 ? '' : hadFinal ? body + eol : body;
  state.text = splitLines(text);
  state.text.eol = eol;
  state.view = null;
  state.changed = true;
  return applied(b.index, path, strategy, 1, []);
}

/** A block whose new text adds characters the file cannot take (Latin-1, or mixed encodings): checked before anything changes. */
function cannotHold(b: PatchBlock, path: string, state: FileState, old: readonly string[], now: readonly string[], line: number): BlockResult | undefined {
  const limit = state.holds;
  if (!limit) return undefined;
  const added = addedChars(old, now, (c) => allows(limit, c));
  if (added.length === 0) return undefined;
  return failure(b.index, path, 'failed', 'encoding', why.cannotHold(b.index, path, quoteChars(added), line, limit.why));
}

function applied(block: number, file: string, strategy: Strategy, line: number, notes: string[]): BlockResult {
  return { block, file, status: 'applied', strategy, line, reason: null, kind: null, candidate: null, notes };
}

function failure(
  block: number,
  file: string,
  status: 'failed' | 'refused',
  kind: FailureKind,
  reason: string,
  candidate: BlockResult['candidate'] = null,
): BlockResult {
  return { block, file, status, strategy: null, line: null, reason, kind, candidate, notes: [] };
}
