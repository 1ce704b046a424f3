/** The SEARCH/REPLACE engine's public surface: parse, apply, preview, write. */
export { applyBlocks, applyPatchText, type ApplyOptions } from './applyBlocks';
export { FsWorkspace } from './fsWorkspace';
export { parseBlocks } from './parseBlocks';
export { previewChange, previewChanges } from './preview';
export { checkPatchPath } from '../blocks/safePath';
export type { FileRead, PatchReader, WriteOutcome } from '../ports';
export { readerFromMap } from './reader';
export { STRATEGIES, type BlockResult, type BlockStatus, type Candidate, type FailureKind, type PatchResult, type Strategy } from './types';
export { writeFileAtomic } from './writeAtomic';
export { withWriteOutcomes } from './writeOutcomes';
