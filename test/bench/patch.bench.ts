/**
 * `npm run bench:patch`: how long the SEARCH/REPLACE engine takes on big inputs. Prints figures; it
 * asserts nothing (timings depend on the machine). The target is under 100 ms for each main case.
 *   1. 100 blocks (parse, match, apply) on a 10,000-line file
 *   2. 1 block on a 100,000-line file
 * plus, for information, the tolerant path (an indentation-shifted block) and a full file-system
 * round trip (read, apply, atomic write).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyPatchText } from '../../src/core/patch/applyBlocks';
import { FsWorkspace } from '../../src/core/patch/fsWorkspace';
import { readerFromMap } from '../../src/core/patch/reader';
import type { PatchResult } from '../../src/core/patch/types';

const TARGET_MS = 100;
const RUNS = 7;

/** A source file of `n` lines: functions of five lines each, every line distinct. */
function sourceFile(n: number): string[] {
  const lines: string[] = [];
  for (let i = 0; lines.length < n; i++) {
    lines.push(`export function compute${i}(value: number): number {`, `  const scaled = value * ${i + 3};`, `  const shifted = scaled + ${i * 7};`, `  return shifted % ${i + 11};`, '}');
  }
  return lines.slice(0, n);
}

function block(path: string, search: readonly string[], replace: readonly string[]): string {
  return `${path}\n<<<<<<< SEARCH\n${search.join('\n')}\n=======\n${replace.join('\n')}\n>>>>>>> REPLACE\n\n`;
}

/** `count` blocks spread evenly over the file, each changing the middle line of a function. */
function blocksFor(lines: readonly string[], count: number, shift = ''): string {
  const functions = Math.floor(lines.length / 5);
  const step = Math.floor(functions / count);
  let text = '';
  for (let k = 0; k < count; k++) {
    const at = k * step * 5;
    const search = lines.slice(at, at + 4).map((l) => shift + l);
    const replace = [...search];
    replace[2] = `${shift}  const shifted = scaled - ${k};`;
    text += block('big.ts', search, replace);
  }
  return text;
}

async function time(fn: () => Promise<PatchResult>): Promise<{ first: number; median: number; result: PatchResult }> {
  const times: number[] = [];
  let result: PatchResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  if (!result) throw new Error('no run');
  const first = times[0];
  times.sort((a, b) => a - b);
  return { first, median: times[Math.floor(times.length / 2)], result };
}

function report(label: string, t: { first: number; median: number; result: PatchResult }, target?: number): void {
  const applied = t.result.blocks.filter((b) => b.status === 'applied').length;
  const verdict = target === undefined ? '' : t.median < target ? `  under ${target} ms: yes` : `  under ${target} ms: NO`;
  console.log(`${label.padEnd(46)} first ${t.first.toFixed(1).padStart(6)} ms   median of ${RUNS} ${t.median.toFixed(1).padStart(6)} ms   ${applied}/${t.result.blocks.length} applied${verdict}`);
}

async function main(): Promise<void> {
  console.log(`patch benchmark (node ${process.version}, ${process.platform} ${process.arch})`);

  const tenK = sourceFile(10_000);
  const tenKText = `${tenK.join('\n')}\n`;
  const hundredBlocks = blocksFor(tenK, 100);
  report('100 blocks -> 10,000-line file', await time(() => applyPatchText(hundredBlocks, readerFromMap({ 'big.ts': tenKText }))), TARGET_MS);

  const hundredK = sourceFile(100_000);
  const hundredKText = `${hundredK.join('\n')}\n`;
  const oneBlock = blocksFor(hundredK.slice(50_000), 1);
  report('1 block -> 100,000-line file', await time(() => applyPatchText(oneBlock, readerFromMap({ 'big.ts': hundredKText }))), TARGET_MS);

  const shifted = blocksFor(tenK, 100, '    ');
  report('100 indentation-shifted blocks -> 10,000 lines', await time(() => applyPatchText(shifted, readerFromMap({ 'big.ts': tenKText }))));

  const dir = await mkdtemp(join(tmpdir(), 'factory-bench-'));
  try {
    report(
      '100 blocks, read + apply + atomic write (disk)',
      await time(async () => {
        await writeFile(join(dir, 'big.ts'), tenKText);
        const host = new FsWorkspace(dir);
        const r = await applyPatchText(hundredBlocks, host);
        await host.write(r.changes);
        return r;
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
