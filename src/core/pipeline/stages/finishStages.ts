/**
 * CODE QC, VERIFY and LEARN. Being built on branch i8-finish; until then each says it did not run.
 */
import type { Blueprint } from '../../protocol';
import type { RunContext } from '../runContext';
import type { WavesOutcome } from './buildWaves';

export interface Scored {
  ok: boolean;
  score: number | null;
  reason?: string;
}

export async function codeQc(ctx: RunContext, _bp: Blueprint, _doc: string): Promise<Scored> {
  ctx.progress({ kind: 'stage', stage: 'code_qc' });
  return { ok: false, score: null, reason: 'code QC is not built yet' };
}

export async function verifyApp(ctx: RunContext, _bp: Blueprint, _doc: string): Promise<Scored> {
  ctx.progress({ kind: 'stage', stage: 'verify' });
  return { ok: false, score: null, reason: 'verify is not built yet' };
}

export async function learn(ctx: RunContext, _bp: Blueprint, _doc: string, _waves: WavesOutcome | undefined): Promise<void> {
  ctx.progress({ kind: 'stage', stage: 'learn' });
}
