/**
 * The words of a failed or refused block. Each reason names the block and its file, says what the
 * engine saw (with line numbers) and what the model should send next; the closest candidate's
 * actual lines travel separately in the result, and are appended where the model needs them.
 */
import { FUZZY_MIN_LINES, FUZZY_MIN_SIMILARITY, sharedLineCount } from './match/fuzzy';
import { MAX_SHOWN_LINES, shown } from './match/closest';
import { keyOf } from './match/fileView';
import { unitMapping, widthWords, type IndentPair } from './match/indentUnit';
import { indentOf, isBlank } from './match/normalize';
import type { MatchStrategy, Placement } from './match/placement';
import type { Candidate } from './types';

const RESEND = 'Resend only this block';

export function percent(sim: number): string {
  return `${Math.floor(sim * 100)}%`;
}

function head(block: number, path: string): string {
  return `block ${block} (${path})`;
}

function range(c: { startLine: number; endLine: number }): string {
  return c.startLine === c.endLine ? `line ${c.startLine}` : `lines ${c.startLine}–${c.endLine}`;
}

function withLines(text: string, c: Candidate): string {
  return `${text}\nThe file's ${range(c)}:\n${c.text}`;
}

export function noMatch(block: number, path: string, search: readonly string[], c: Candidate | undefined, fileLines: readonly string[] = []): string {
  const n = search.length;
  const what = `${head(block, path)}: SEARCH (${n} line${n === 1 ? '' : 's'}) was not found`;
  // A fragment of a line explains a miss better than any closest place.
  const part = partOfLine(search, fileLines);
  if (part) {
    return `${what}: SEARCH and REPLACE hold whole lines, and SEARCH's line ${part.search} is only part of the file's line ${part.file}. ${RESEND}, with each SEARCH line copied whole from the file's lines below.\nThe file's line ${part.file}:\n${fileLines[part.file - 1]}`;
  }
  if (!c) {
    return `${what}, and nothing in the file is close to it. Check the path, read the file again, and ${RESEND.toLowerCase()} with SEARCH copied from it.`;
  }
  if (c.similarity >= 0.999) {
    const conflict = indentationConflict(search, c);
    const how = conflict
      ? `read the same except for indentation, and no one rule (a shift, or one indentation unit for another) turns SEARCH's indentation into the file's: ${conflict}, so re-indenting REPLACE would be a guess`
      : "hold SEARCH's lines, but not as SEARCH has them: blank lines, order or indentation differ";
    return withLines(`${what}. The file's ${range(c)} ${how}. ${RESEND}, with SEARCH copied exactly from the file's current lines below.`, c);
  }
  return withLines(
    `${what}. The closest place is ${range(c)} (similarity ${percent(c.similarity)}), not close enough to apply: ${whyNotFuzzy(search, c)}. ${RESEND}, with SEARCH copied exactly from the file's current lines below.`,
    c,
  );
}

/**
 * The first SEARCH line that is no line of the file but a piece of one (models copy a fragment of a
 * long line): 1-based numbers of both. Fragments shorter than 4 characters say nothing.
 */
function partOfLine(search: readonly string[], fileLines: readonly string[]): { search: number; file: number } | undefined {
  const whole = new Set(fileLines.map((l) => l.trim()));
  for (const [i, line] of search.entries()) {
    const t = line.trim();
    if (t.length < 4 || whole.has(t)) continue;
    const at = fileLines.findIndex((l) => l.includes(t));
    if (at >= 0) return { search: i + 1, file: at + 1 };
  }
  return undefined;
}

/** For a candidate that reads as SEARCH but for indentation: which lines no one indentation rule maps. */
function indentationConflict(search: readonly string[], c: Candidate): string | undefined {
  const file = c.text.split('\n');
  const pairs: Array<IndentPair & { s: number; f: number }> = [];
  for (let i = 0; i < Math.min(search.length, file.length, MAX_SHOWN_LINES); i++) {
    if (keyOf('typography', search[i]) !== keyOf('typography', file[i])) return undefined;
    if (!isBlank(search[i])) pairs.push({ model: search[i], file: file[i], s: i + 1, f: c.startLine + i });
  }
  const u = unitMapping(pairs);
  if (u.ok) return undefined;
  const k = u.conflict;
  const [a, b] = [pairs[k.a], pairs[k.b]];
  const w = (l: string): string => widthWords(indentOf(l));
  const kinds = (l: string): string => (indentOf(l).includes('\t') ? 'tabs' : 'spaces');
  switch (k.kind) {
    case 'mixedModel':
    case 'mixedFile': {
      const [who, la, lb, na, nb] = k.kind === 'mixedModel' ? ['SEARCH', a.model, b.model, a.s, b.s] : ["the file's", a.file, b.file, a.f, b.f];
      if (k.a === k.b || kinds(la) === kinds(lb)) return `${who} line ${nb} mixes tabs and spaces in its indentation`;
      return `${who} line ${na} is indented with ${kinds(la)} and line ${nb} with ${kinds(lb)}`;
    }
    case 'alikeModel':
      return `SEARCH lines ${a.s} and ${b.s} are indented alike (${w(a.model)}) where the file's lines ${a.f} and ${b.f} are not (${w(a.file)} and ${w(b.file)})`;
    case 'alikeFile':
      return `the file's lines ${a.f} and ${b.f} are indented alike (${w(a.file)}) where SEARCH lines ${a.s} and ${b.s} are not (${w(a.model)} and ${w(b.model)})`;
    case 'order':
      return `SEARCH line ${b.s} is indented deeper than line ${a.s} (${w(b.model)} against ${w(a.model)}) where the file's line ${b.f} is not deeper than line ${a.f} (${w(b.file)} against ${w(a.file)})`;
    case 'uneven': {
      const c3 = pairs[k.c];
      return `SEARCH lines ${a.s}, ${b.s} and ${c3.s} are indented ${w(a.model)}, ${w(b.model)} and ${w(c3.model)} where the file's lines ${a.f}, ${b.f} and ${c3.f} have ${w(a.file)}, ${w(b.file)} and ${w(c3.file)}, so no one unit of SEARCH's stands for one of the file's`;
    }
  }
}

/** Which condition of the fuzzy strategy the closest place misses, in the model's terms. */
function whyNotFuzzy(search: readonly string[], c: Candidate): string {
  const written = search.filter((l) => l.trim() !== '');
  if (written.length < FUZZY_MIN_LINES) {
    return `a SEARCH of fewer than ${FUZZY_MIN_LINES} lines must match exactly (give or take whitespace, indentation and typography)`;
  }
  if (c.similarity < FUZZY_MIN_SIMILARITY) return `at least ${percent(FUZZY_MIN_SIMILARITY)} similarity is needed`;
  const whole = c.endLine - c.startLine + 1 <= MAX_SHOWN_LINES;
  const shared = whole ? sharedLineCount(search, c.text.split('\n')) : search.length;
  if (shared < search.length / 2) {
    return `at least half of SEARCH's lines must be in the file as written (give or take whitespace and typography), and here ${shared} of ${search.length} are`;
  }
  return 'inexact matches must start and end with lines that are in the file exactly as written (give or take whitespace), and one place must fit best';
}

export function ambiguous(block: number, path: string, places: readonly Placement[], file: readonly string[]): string {
  const where = places.map((p) => range({ startLine: p.start + 1, endLine: p.end })).join(', ');
  const more = places.length >= 5 ? ' (and possibly more)' : '';
  // Each place with a little context, since context is exactly what tells the places apart.
  const around = places
    .slice(0, 3)
    .map((p) => {
      const from = Math.max(0, p.start - CONTEXT);
      const to = Math.min(file.length, p.end + CONTEXT);
      return `The file's ${range({ startLine: from + 1, endLine: to })}:\n${shown(file, from, to)}`;
    })
    .join('\n');
  return `${head(block, path)}: SEARCH fits ${places.length} places equally well (${where}${more}, by ${[...new Set(places.map((p) => p.strategy))].map(strategyWords).join(' or ')}), and the engine never chooses between places, so nothing was changed for this block. ${RESEND}, with enough surrounding lines in SEARCH (and the same lines kept in REPLACE) that it fits exactly one place.\n${around}`;
}

const CONTEXT = 2;

export function needsGuess(block: number, path: string, p: Placement, why: string, c: Candidate): string {
  const how = p.strategy === 'fuzzy' ? `fuzzy, similarity ${percent(p.similarity)}` : strategyWords(p.strategy);
  return withLines(
    `${head(block, path)}: SEARCH matches ${range(c)} (${how}), but ${why}. Nothing was changed for this block. ${RESEND}, with SEARCH copied exactly from the file's lines below.`,
    c,
  );
}

export function fileMissing(block: number, path: string): string {
  return `${head(block, path)}: the file does not exist, so SEARCH cannot be found in it. To create it, resend this block with an empty SEARCH; to change another file, resend it with the right path.`;
}

export function fileExists(block: number, path: string): string {
  return `${head(block, path)}: the file already exists and is not empty, and an empty SEARCH would replace all of it. To change part of it, resend this block with SEARCH holding those lines; to replace the whole file on purpose, start the block with \`<<<<<<< SEARCH overwrite\`.`;
}

export function refusedPath(block: number, path: string, why: string): string {
  return `${head(block, path)}: refused: ${why}. Nothing was written for this block.`;
}

/** New text the file cannot hold without a second encoding; `why` says the file's problem, where, and what to do. */
export function cannotHold(block: number, path: string, chars: string, line: number, why: string): string {
  return `${head(block, path)}: matched at line ${line}, but the new text has ${chars}, which this file cannot take: ${why}. Nothing was changed for this block; resend it with new text the file can hold.`;
}

const STRATEGY_WORDS: Record<MatchStrategy, string> = {
  exact: 'exact match',
  whitespace: 'match ignoring whitespace at line ends',
  indentation: 'match with indentation shifted or in another unit',
  typography: 'match with typographic characters read as ASCII',
  elision: 'match with `...` elisions',
  fuzzy: 'fuzzy match',
};

function strategyWords(s: MatchStrategy): string {
  return STRATEGY_WORDS[s];
}
