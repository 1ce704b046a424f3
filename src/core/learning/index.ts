/** The learning store (DNA, traps, rules): storage on disk, merging, and retrieval for a request. */
export { builtinRules } from './builtinRules';
export { emptyLearnings, importFileSchema, storeFileSchema, type DnaEntry, type LearningEntry, type RuleEntry, type StoredLearnings, type TrapEntry } from './entries';
export { dnaLine, ruleLine, trapLine } from './entryText';
export { FileLearningStore, LEARNINGS_FILE, type FileStoreOptions, type ImportResult } from './fileStore';
export { ID_PATTERN } from './ids';
export { learningsMarkdown, learningsText } from './listing';
export { countOf, forgetIn, importInto, initialLearnings, rememberInto, type MergeOutcome } from './merge';
export { normalizeKey, sameChoice } from './normalize';
export { LEARNINGS_TOKEN_BUDGET, selectLearnings, type Selection } from './retrieve';
