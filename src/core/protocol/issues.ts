/** A problem with a DaC reply, phrased for the model that has to fix it. */
export type ReplyProblem =
  | 'no_block' // no ```dac block
  | 'several_blocks' // more than one
  | 'unclosed_block' // opened, never closed
  | 'invalid_json' // the block is not JSON
  | 'schema'; // JSON, but not a valid DaC message (wrong version, kind or fields)

export interface DacIssue {
  /** JSON path into the block's object, e.g. `$.tasks[0].id`; `$` for the block as a whole. */
  path: string;
  /** What the engine expected there, e.g. `an integer score from 0 to 100`. */
  expected: string;
  /** What the reply had there, e.g. `"high"` or `nothing (the field is missing)`. */
  got: string;
}

/** One issue as a line a model can act on. */
export function formatIssue(i: DacIssue): string {
  return `${i.path}: expected ${i.expected}; got ${i.got}`;
}

export function formatIssues(issues: readonly DacIssue[]): string {
  return issues.map((i) => `- ${formatIssue(i)}`).join('\n');
}

/** Thrown by `requireDac` only; `parseReply` returns the same information as a value. */
export class DacReplyError extends Error {
  constructor(
    readonly problem: ReplyProblem,
    readonly issues: readonly DacIssue[],
  ) {
    super(`invalid DaC reply (${problem}):\n${formatIssues(issues)}`);
    this.name = 'DacReplyError';
  }
}
