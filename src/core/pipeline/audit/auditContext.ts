/**
 * What an AUDIT stage works with: everything a run context has, except that the project's files can
 * only be read. AUDIT never changes a project file (DESIGN.md, "What models may write"), and the
 * surest way is to hand it no edit port at all: its workspace is built from the run's `read` and
 * `root` alone, so there is no `write` to call, by type and at run time.
 */
import type { PatchReader } from '../../ports';
import type { RunContext } from '../runContext';

/** The project's files, read-only: reads with the patch engine's path checks, and where the root is. */
export interface ReadOnlyWorkspace extends PatchReader {
  readonly root: string;
}

export type AuditContext = Omit<RunContext, 'workspace'> & { readonly workspace: ReadOnlyWorkspace };

/** The audit's context: the run's, with a workspace that has only `root` and `read`. */
export function auditContext(ctx: RunContext): AuditContext {
  const source = ctx.workspace;
  const workspace: ReadOnlyWorkspace = { root: source.root, read: (path) => source.read(path) };
  return {
    runId: ctx.runId,
    request: ctx.request,
    config: ctx.config,
    workspace,
    folder: ctx.folder,
    journal: ctx.journal,
    effects: ctx.effects,
    models: ctx.models,
    exec: ctx.exec,
    approval: ctx.approval,
    learning: ctx.learning,
    signal: ctx.signal,
    progress: (e) => ctx.progress(e),
  };
}
