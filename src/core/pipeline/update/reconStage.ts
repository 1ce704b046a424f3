/**
 * RECON for UPDATE: what the project is, computed (never asked of a model), cached under
 * <root>/.factory/cache/, and kept in the journal as one durable step, so a resumed run writes its
 * blueprint from the same picture even after tasks changed files.
 */
import { join } from 'node:path';
import type { Recon } from '../../codemap/recon';
import type { RunContext } from '../runContext';
import { noteOnce } from '../waves/notes';
import { recon } from './reconStand';

/** What the delta blueprint and its checks need of the recon. */
export interface ReconSeen {
  testCommand: string | null;
  entryPoints: string[];
  testFiles: string[];
  languages: Record<string, number>;
  files: number;
  map: string;
  mapped: number;
  omitted: string[];
}

/** Tokens the map may take in the blueprint prompt. */
const MAP_TOKENS = 6000;

export async function reconStage(ctx: RunContext): Promise<ReconSeen> {
  ctx.progress({ kind: 'stage', stage: 'recon' });
  const seen = await ctx.effects.once('recon', 'recon', async () => {
    const r: Recon = await recon(ctx.workspace.root, { budgetTokens: MAP_TOKENS, cacheFile: join(ctx.workspace.root, '.factory', 'cache', 'codemap.json'), signal: ctx.signal });
    const out: ReconSeen = { testCommand: r.testCommand, entryPoints: r.entryPoints, testFiles: r.testFiles, languages: r.languages, files: r.files.length, map: r.map, mapped: r.mapped.length, omitted: r.omitted };
    return out;
  });
  noteOnce(ctx, 'recon', { id: 'recon', testCommand: seen.testCommand, entryPoints: seen.entryPoints, testFiles: seen.testFiles.length, files: seen.files, languages: seen.languages, mapped: seen.mapped, omitted: seen.omitted.length });
  ctx.progress({ kind: 'info', message: `recon: ${seen.files} files, tests run with ${seen.testCommand ?? '(no test command found)'}` });
  return seen;
}
