/**
 * The follow-up request after a reply whose blocks did not all apply: it lists only the blocks that
 * failed or were refused, each with its reason (and the file's real lines where they help), so the
 * model resends just those. The text lives in prompts/patch.retry.md.
 */
import type { PatchResult } from '../patch/types';
import { renderNamedPrompt } from '../prompts/load';
import { formatDacContext, type DacContext } from './dacContext';

export function patchRetryPrompt(result: PatchResult, context: DacContext): string | undefined {
  const failed = result.blocks.filter((b) => b.status !== 'applied');
  if (failed.length === 0) return undefined;
  return renderNamedPrompt('patch.retry', {
    context_line: formatDacContext(context),
    applied: result.blocks.length - failed.length,
    total: result.blocks.length,
    // Stryker disable next-line StringLiteral: a failed or refused block always has a reason; the fallback only satisfies the type
    failures: failed.map((b) => b.reason ?? `block ${b.block} (${b.file}): ${b.status}`).join('\n\n'),
    kind: context.expect,
  });
}
