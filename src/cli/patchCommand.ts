/**
 * `factory patch [--dir D] [--dry-run] [--json]`: applies the SEARCH/REPLACE blocks read from
 * standard input to the files in D, through the same engine the pipeline uses. Every block is
 * reported; blocks that apply are written even when others fail. With a terminal on standard input
 * (nothing piped in) it says what it expects and then reads what is pasted, up to Ctrl-D, as `cat`
 * and `patch` do: refusing would break pasting a reply by hand, and silence looks like a hang.
 */
import { applyBlocks } from '../core/patch/applyBlocks';
import { FsWorkspace } from '../core/patch/fsWorkspace';
import { parseBlocks } from '../core/patch/parseBlocks';
import { previewChanges } from '../core/patch/preview';
import type { BlockResult, PatchResult } from '../core/patch/types';
import { withWriteOutcomes } from '../core/patch/writeOutcomes';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';
import { workspaceDir } from './workspaceDir';

export interface PatchOptions {
  dir?: string;
  dryRun?: boolean;
  json?: boolean;
}

export interface PatchOutcome {
  code: ExitCode;
  /** One line for standard error when not every block applied. */
  summary: string;
}

export async function patchCommand(io: CliIo, opts: PatchOptions): Promise<PatchOutcome> {
  const dir = await workspaceDir(io.cwd, opts.dir);
  if (!io.stdin) throw new UsageError('standard input cannot be read here; pipe the blocks into `factory patch`');
  if (io.stdinIsTTY) io.stderr(TERMINAL_HINT);
  const input = await io.stdin();
  const items = parseBlocks(input);
  if (items.length === 0) {
    throw new UsageError('no SEARCH/REPLACE blocks on standard input (each block is a path line, then <<<<<<< SEARCH, =======, >>>>>>> REPLACE)');
  }
  const host = new FsWorkspace(dir);
  let result: PatchResult = await applyBlocks(items, host);
  if (!opts.dryRun) result = withWriteOutcomes(result, await host.write(result.changes));

  if (opts.json) {
    for (const b of result.blocks) {
      io.stdout(`${JSON.stringify(jsonLine(b))}\n`);
    }
  } else {
    if (opts.dryRun) io.stdout(result.changes.length > 0 ? previewChanges(result.changes) : '(no changes)\n');
    for (const b of result.blocks) io.stdout(describeBlock(b));
    if (opts.dryRun) io.stdout('dry run: nothing was written\n');
  }

  const failed = result.blocks.filter((b) => b.status === 'failed').length;
  const refused = result.blocks.filter((b) => b.status === 'refused').length;
  const total = result.blocks.length;
  if (failed + refused === 0) return { code: EXIT.ok, summary: '' };
  const written = opts.dryRun ? 'nothing was written (dry run)' : total - failed - refused > 0 ? 'the others were written' : 'nothing was written';
  return {
    code: EXIT.notShipped,
    summary: `${failed + refused} of ${total} block${total === 1 ? '' : 's'} not applied (${failed} failed, ${refused} refused); ${written}`,
  };
}

const TERMINAL_HINT = [
  'factory patch: reading SEARCH/REPLACE blocks from the terminal; paste them, then press Ctrl-D on a line of its own',
  '(Ctrl-Z then Enter on Windows). Usually the reply comes from a file: factory patch < reply.md',
  'Each block is the file\'s path on its own line, then:',
  '  <<<<<<< SEARCH',
  '  lines copied from the file',
  '  =======',
  '  the lines to put there',
  '  >>>>>>> REPLACE',
  '',
].join('\n');

/**
 * One block as a JSON line: every field is always present (null when it does not apply), so a
 * script can read `kind` and `candidate` (the closest place found, for a block that did not apply).
 */
function jsonLine(b: BlockResult): Record<string, unknown> {
  return { block: b.block, file: b.file, status: b.status, strategy: b.strategy, line: b.line, kind: b.kind, reason: b.reason, candidate: b.candidate, notes: b.notes };
}

function describeBlock(b: BlockResult): string {
  const status = b.status.padEnd(7);
  if (b.status === 'applied') {
    const notes = b.notes.length > 0 ? `; ${b.notes.join('; ')}` : '';
    return `block ${b.block}  ${status}  ${b.file}:${b.line ?? 1}  (${b.strategy ?? ''}${notes})\n`;
  }
  const reason = (b.reason ?? '').split('\n').map((l) => `    ${l}`).join('\n');
  return `block ${b.block}  ${status}  ${b.file || '(no path)'}  (${b.kind ?? ''})\n${reason}\n`;
}
