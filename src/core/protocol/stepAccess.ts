/**
 * What a step may do to files, which decides what its model is taught: `edits` (the task phases, and
 * the blueprint review that patches blueprint.md) sends SEARCH/REPLACE blocks next to its `dac` block;
 * `read-only` (every other step: blueprint, gate, per-task gates, code QC, verify, learning, the whole
 * AUDIT) sends none, and any block it sends is refused. The system prompt and every repair request of
 * a step say the same.
 */
export type StepAccess = 'edits' | 'read-only';
