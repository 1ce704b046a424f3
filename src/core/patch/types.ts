/** Shared shapes of the SEARCH/REPLACE engine: parsed blocks, per-block outcomes, the whole result. */
import type { FileChange } from '../ports';

/** How a block found its place, from strict to tolerant; `create`/`overwrite` are empty-SEARCH blocks. */
export const STRATEGIES = ['exact', 'whitespace', 'indentation', 'typography', 'elision', 'fuzzy', 'create', 'overwrite'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export type BlockStatus = 'applied' | 'failed' | 'refused';

/** Why a block was not applied. Refusals are about what the block may touch; failures about finding its place. */
export type FailureKind =
  | 'malformed' // the block itself could not be read (a missing or misspelt marker line, two possible dividers, no path)
  | 'no_match' // SEARCH was not found, even tolerantly
  | 'ambiguous' // SEARCH fits two or more places equally well
  | 'needs_guess' // a place was found but applying REPLACE there would need a guess
  | 'file_missing' // non-empty SEARCH for a file that does not exist
  | 'unsafe_path' // outside the workspace, absolute, `..`, `.git`, `.factory`, or through a link that leaves it
  | 'not_allowed' // the caller's policy refuses this path (e.g. not one of the task's files)
  | 'file_exists' // empty SEARCH for a file that exists and is not empty
  | 'unreadable' // not a text file, or the host could not read it
  | 'encoding' // the new text has characters the file cannot hold without a second encoding (Latin-1, mixed)
  | 'write_failed'; // the host could not write the change

/**
 * One block as read from the model's text, with its one reading: a block whose divider could be either
 * of two lines is malformed, never tried both ways.
 */
export interface PatchBlock {
  /** 1-based position of the block in the reply. */
  index: number;
  /** 1-based line of the SEARCH marker in the reply. */
  replyLine: number;
  /** The path as the model wrote it (decorations such as backticks removed). */
  path: string;
  /** Empty SEARCH may replace a non-empty file only when the block says `SEARCH overwrite`. */
  overwrite: boolean;
  /** SEARCH's lines, without line terminators. */
  search: string[];
  /** REPLACE's lines, without line terminators. */
  replace: string[];
}

/** A block that could not be read at all; it still gets a numbered result. */
export interface MalformedBlock {
  index: number;
  replyLine: number;
  path: string | undefined;
  reason: string;
}

export type ParsedItem = { ok: true; block: PatchBlock } | { ok: false; malformed: MalformedBlock };

/** The closest place in the file for a block that did not apply, so the model can retry with facts. */
export interface Candidate {
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** 0..1 */
  similarity: number;
  /** The file's actual lines there (possibly shortened). */
  text: string;
}

export interface BlockResult {
  block: number;
  file: string;
  status: BlockStatus;
  /** The strategy that matched, for applied blocks. */
  strategy: Strategy | null;
  /** 1-based line in the file (as it was when the block was applied) where the change starts. */
  line: number | null;
  /** For failed and refused blocks: what went wrong and what to send next. Null when applied. */
  reason: string | null;
  kind: FailureKind | null;
  candidate: Candidate | null;
  /** Tolerances used or small things noticed while applying (e.g. "ignored blank lines around SEARCH"). */
  notes: string[];
}

export interface PatchResult {
  blocks: BlockResult[];
  /** One change per file that at least one block changed, in first-touched order. */
  changes: FileChange[];
}
