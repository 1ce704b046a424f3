/**
 * How much of a project one AUDIT request shows (DESIGN.md, "What each call sees"): the recon map
 * within a token budget, then whole files chosen by the map's ranking within a character budget.
 * Together about 40k tokens: room for a model's answer in any context window the roles use, and
 * the same for every reviewer, so their scores are about the same code.
 */

/** Tokens the recon map may take (about 4 characters a token). */
export const AUDIT_MAP_TOKENS = 6000;

/** Characters of whole files (with their numbered lines) one request shows. */
export const AUDIT_CODE_CHARS = 120_000;

/** Below this much room left, no further file is tried: it would not fit. */
export const AUDIT_MIN_FILE_CHARS = 200;

/**
 * One shared file (README, manifest, an entry point's source) shows at most this share of the
 * budget (budgetChars / AUDIT_SHARED_FILE_PARTS): a 3,000-line package.json or README shows its head
 * and says it was cut, so it cannot take the room every reviewer's own files need.
 */
export const AUDIT_SHARED_FILE_PARTS = 6;
