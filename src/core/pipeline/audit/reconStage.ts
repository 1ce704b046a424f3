/**
 * RECON for an AUDIT: computed, never asked of a model (src/core/codemap). Done once per run as a
 * durable step, so a resumed audit shows its models the same map and the same sample; its parse
 * cache lives under <root>/.factory/cache/, Factory's own folder, never among the project's files.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Recon, ReconFn } from '../../codemap/recon';
import { ProviderError } from '../../providers/errors';
import type { AuditContext } from './auditContext';
import { AUDIT_MAP_TOKENS } from './auditBudget';

export type ReconResult = { ok: true; recon: Recon } | { ok: false; reason: string };

export function reconCacheFile(root: string): string {
  return join(root, '.factory', 'cache', 'codemap.json');
}

export async function reconStage(ctx: AuditContext, reconFn: ReconFn): Promise<ReconResult> {
  ctx.progress({ kind: 'stage', stage: 'recon' });
  const root = ctx.workspace.root;
  let recon: Recon;
  try {
    recon = await ctx.effects.once('recon', 'snapshot', async () => {
      const cacheFile = reconCacheFile(root);
      mkdirSync(dirname(cacheFile), { recursive: true });
      return reconFn(root, { budgetTokens: AUDIT_MAP_TOKENS, cacheFile, signal: ctx.signal });
    });
  } catch (e) {
    if (ctx.signal.aborted || (e instanceof ProviderError && e.kind === 'cancelled')) throw e;
    const why = e instanceof Error ? e.message : String(e);
    ctx.journal.append({ type: 'note', topic: 'recon', data: { error: why } });
    return { ok: false, reason: `recon could not map ${root}: ${why}` };
  }
  ctx.journal.append({
    type: 'note',
    topic: 'recon',
    data: {
      files: recon.files.length,
      languages: recon.languages,
      testFiles: recon.testFiles.length,
      testCommand: recon.testCommand,
      entryPoints: recon.entryPoints,
      mapped: recon.mapped.length,
      omitted: recon.omitted.length,
      mapChars: recon.map.length,
    },
  });
  const langs = Object.entries(recon.languages).map(([l, n]) => `${l} ${n}`).join(', ');
  ctx.progress({ kind: 'info', message: `recon: ${recon.files.length} files (${langs || 'none'}), tests: ${recon.testCommand ?? 'no test command found'}` });
  return { ok: true, recon };
}
