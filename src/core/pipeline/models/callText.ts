/**
 * A model's text as it arrives, for a screen that shows the call's log line growing (the dashboard).
 * Never evidence and never the answer: the journal keeps only the whole answer of a call that ended
 * well, and a call that fails mid-answer fails as it always did, its partial text dropped.
 */
export type CallText =
  /** More text of the call `key` (its effect key, `call:T1:tests:a1`). */
  | { kind: 'delta'; key: string; text: string }
  /** A retry or a fallback answers differently: the text so far is void, the answer starts over. */
  | { kind: 'restart'; key: string; reason: string }
  /** The call ended: `answered` false when it failed (cancel, provider error); its text so far is not the answer. */
  | { kind: 'end'; key: string; answered: boolean };
