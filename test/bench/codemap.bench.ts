/**
 * `npm run bench:codemap`: the code map on thousands of real files nobody here wrote — this
 * repository's node_modules. Prints the file count, the time cold (no cache), warm (everything from
 * the cache) and after one file changed, and memory. Asserts nothing (timings depend on the
 * machine); targets: cold under 30 s on 2 cores, one change under 1 s. A change is a real edit of
 * the file's text (a function added, which moves the ranking; or a line inside it, which does not),
 * put back afterwards with its modification time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
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

/** A recon in a new Node process: its time from before loading the code map (process start not counted), and its CPU time. */
function inNewProcess(cacheFile: string): Promise<{ ms: number; cpuMs: number; r: Recon }> {
  const script = `const t0 = performance.now(); require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'core', 'codemap', 'recon.js'))})
    .recon(${JSON.stringify(ROOT)}, { budgetTokens: 4000, cacheFile: ${JSON.stringify(cacheFile)} })
    .then((r) => { const c = process.cpuUsage(); console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, r: { ...r, map: '', files: [] } })); });`;
  return Promise.resolve(JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 28 })) as { ms: number; cpuMs: number; r: Recon });
}

type Timed = Recon | { ms: number; cpuMs: number; r: Recon };

async function timed(label: string, run: () => Promise<Timed>, target?: number): Promise<Recon> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const got = await run();
  const cpu = process.cpuUsage(cpu0);
  const r = 'ms' in got ? got.r : got;
  const ms = 'ms' in got ? got.ms : performance.now() - t0;
  const verdict = target === undefined ? '' : `   under ${target / 1000} s: ${ms < target ? 'yes' : 'NO'}`;
  const s = r.stats;
  const parsed = s ? `   parsed ${s.parsed}, from cache ${s.cached}, not parsed (huge/minified) ${s.skipped}` : '';
  // CPU time: of this process (workers included), or of the new process from its start. On a
  // shared machine the wall time also counts waiting for a core.
  const cpuText = 'ms' in got ? `   cpu ${(got.cpuMs / 1000).toFixed(2)} s (whole process)` : `   cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`;
  console.log(`${label.padEnd(26)} ${(ms / 1000).toFixed(2).padStart(7)} s${cpuText}${parsed}${verdict}   (load ${loadavg()[0].toFixed(1)})`);
  // Where the time went, part by part (recon.ts ReconStats.phases).
  if (s?.phases) console.log(`${''.padEnd(26)} ${Object.entries(s.phases).map(([k, v]) => `${k} ${v}`).join(', ')} ms`);
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
    // One file edited for real, each edit on top of the last: a function added (the ranking moves),
    // or a comment line added (the ranking stays). Its text and modification time are put back afterwards.
    const changed = cold.files.find((f) => f.language === 'javascript' && f.bytes > 20_000 && f.bytes < 200_000) ?? cold.files[0];
    const abs = join(ROOT, changed.path);
    const before = await stat(abs);
    const original = await readFile(abs);
    let edits = 0;
    let text = original;
    const edit = async (kind: 'function' | 'line'): Promise<void> => {
      edits++;
      const added = kind === 'function' ? `\nfunction factoryBenchEdit${edits}(a, b) {\n  return a + b;\n}\n` : `\n// factory bench edit ${edits}\n`;
      text = Buffer.concat([text, Buffer.from(added)]);
      await writeFile(abs, text);
      await utimes(abs, before.atime, new Date(Date.now() + edits * 1000));
    };
    try {
      // The first parse in this thread loads the runtime and the grammar (the cold map parsed in workers).
      await edit('function');
      await timed('1 changed, this proc', () => recon(ROOT, opts), CHANGE_TARGET_MS);
      await edit('line');
      await timed('1 more change, same', () => recon(ROOT, opts), CHANGE_TARGET_MS);
      await edit('function');
      await timed('1 changed, new proc', () => inNewProcess(cacheFile), CHANGE_TARGET_MS);
      await edit('line');
      await timed('1 line changed, new proc', () => inNewProcess(cacheFile), CHANGE_TARGET_MS);
    } finally {
      await writeFile(abs, original);
      await utimes(abs, before.atime, before.mtime);
    }
    console.log(`changed file: ${changed.path} (${changed.bytes} bytes; edits in turn: a function added, a comment line, a function, a comment line)`);
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
