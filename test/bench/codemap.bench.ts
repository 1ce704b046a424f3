/**
 * `npm run bench:codemap`: the code map on thousands of real files nobody here wrote — this
 * repository's node_modules. Prints the file count, the time cold (no cache), warm (everything from
 * the cache) and after one file changed, and memory. Asserts nothing (timings depend on the
 * machine); targets: cold under 30 s on 2 cores, one change under 1 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { recon, type Recon } from '../../src/core/codemap/recon';

const COLD_TARGET_MS = 30_000;
const CHANGE_TARGET_MS = 1_000;
const ROOT = join(__dirname, '..', '..', '..', 'node_modules');

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MB`;
}

/** A recon in a new Node process: its time as measured there (process start not counted). */
function inNewProcess(cacheFile: string): Promise<{ ms: number; r: Recon }> {
  const script = `const t0 = performance.now(); require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'core', 'codemap', 'recon.js'))})
    .recon(${JSON.stringify(ROOT)}, { budgetTokens: 4000, cacheFile: ${JSON.stringify(cacheFile)} })
    .then((r) => console.log(JSON.stringify({ ms: performance.now() - t0, r: { ...r, map: '', files: [] } })));`;
  return Promise.resolve(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 28 })) as { ms: number; r: Recon });
}

async function timed(label: string, run: () => Promise<Recon | { ms: number; r: Recon }>, target?: number): Promise<Recon> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const got = await run();
  const cpu = process.cpuUsage(cpu0);
  const r = 'ms' in got ? got.r : got;
  const ms = 'ms' in got ? got.ms : performance.now() - t0;
  const verdict = target === undefined ? '' : `   under ${target / 1000} s: ${ms < target ? 'yes' : 'NO'}`;
  const s = r.stats;
  const parsed = s ? `   parsed ${s.parsed}, from cache ${s.cached}, not parsed (huge/minified) ${s.skipped}` : '';
  // CPU time of this thread's process (workers included; a new process's is not seen here): on a
  // shared machine the wall time also counts waiting for a core.
  const cpuText = 'ms' in got ? '' : `   cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`;
  console.log(`${label.padEnd(20)} ${(ms / 1000).toFixed(2).padStart(7)} s${cpuText}${parsed}${verdict}`);
  return r;
}

async function main(): Promise<void> {
  console.log(`code map benchmark (node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}): ${ROOT}`);
  const dir = await mkdtemp(join(tmpdir(), 'factory-codemap-bench-'));
  const cacheFile = join(dir, 'codemap.json');
  const opts = { budgetTokens: 4000, cacheFile };
  try {
    const cold = await timed('cold (no cache)', () => recon(ROOT, opts), COLD_TARGET_MS);
    const js = (cold.languages.javascript ?? 0) + (cold.languages.typescript ?? 0);
    console.log(`files: ${cold.files.length} (JavaScript/TypeScript ${js}); map ${cold.map.length} chars, ${cold.mapped.length} files mapped, ${cold.omitted.length} omitted; cache ${mb((await stat(cacheFile)).size)}`);
    await timed('warm, new process', () => inNewProcess(cacheFile));
    await timed('warm, this process', () => recon(ROOT, opts));
    // One file "changed": its modification time moves (and is put back afterwards).
    const changed = cold.files.find((f) => f.language === 'javascript' && f.bytes > 20_000 && f.bytes < 200_000) ?? cold.files[0];
    const abs = join(ROOT, changed.path);
    const before = await stat(abs);
    try {
      await utimes(abs, before.atime, new Date());
      await timed('1 changed, this proc', () => recon(ROOT, opts), CHANGE_TARGET_MS);
      await utimes(abs, before.atime, new Date(Date.now() + 1000));
      await timed('1 changed, new proc', () => inNewProcess(cacheFile), CHANGE_TARGET_MS);
    } finally {
      await utimes(abs, before.atime, before.mtime);
    }
    console.log(`changed file: ${changed.path} (${changed.bytes} bytes)`);
    const m = process.memoryUsage();
    // (memory of this process, which ran the cold map: workers parse, this thread walks, ranks and renders)
    console.log(`memory: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)}, heap total ${mb(m.heapTotal)}, external ${mb(m.external)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
