/**
 * `factory learnings list|export [FILE]|import FILE|forget ID|forget --all`: the user's
 * cross-project store (learningsFile.ts). Forgetting everything asks first: on a terminal, or
 * `--yes`; with neither, nothing is forgotten and the command exits 2 saying so.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { countOf, learningsText, type MergeOutcome } from '../core/learning';
import { UsageError, type CliIo } from './io';
import { cliLearningStore, learningsFile } from './learningsFile';

function storeOf(io: CliIo) {
  const file = learningsFile(io.env);
  if (!file) throw new UsageError('neither FACTORY_HOME nor HOME is set, so there is no learning store; set FACTORY_HOME to the folder that should hold it.');
  return cliLearningStore(file, io.stderr);
}

export async function learningsList(io: CliIo): Promise<void> {
  const store = storeOf(io);
  io.stdout(learningsText(await store.read(), store.file));
}

export async function learningsExport(io: CliIo, target: string | undefined): Promise<void> {
  const store = storeOf(io);
  const json = `${JSON.stringify(await store.read(), null, 2)}\n`;
  if (target === undefined || target === '-') return void io.stdout(json);
  const file = resolve(io.cwd, target);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, json);
    await rename(tmp, file);
  } catch (e) {
    throw new UsageError(`cannot write ${file}: ${(e as Error).message}. Nothing was exported.`);
  }
  io.stderr(`factory: exported the learnings of ${store.file} to ${file}\n`);
}

export async function learningsImport(io: CliIo, source: string): Promise<void> {
  const file = resolve(io.cwd, source);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code ? `cannot read ${file}: ${code}. Nothing was imported.` : `${file} is not valid JSON: ${(e as Error).message}. Nothing was imported.`);
  }
  const store = storeOf(io);
  const r = await store.import(raw);
  if (!r.ok) throw new UsageError(`${file} does not hold learnings Factory can import:\n${r.problems.map((p) => `  ${p}`).join('\n')}\nNothing was imported. A file written by \`factory learnings export\` has the right shape.`);
  io.stdout(`Imported ${file} into ${store.file}: ${summary(r.outcome)}.\n`);
}

function summary(o: MergeOutcome): string {
  return `${o.added.length} new, ${o.confirmed.length + o.changed.length} updated, ${o.unchanged.length} already there`;
}

export interface ForgetFlags {
  all?: boolean;
  yes?: boolean;
}

export async function learningsForget(io: CliIo, id: string | undefined, flags: ForgetFlags): Promise<void> {
  if (flags.all && id !== undefined) throw new UsageError('give an id or --all, not both. Nothing was forgotten.');
  if (!flags.all && id === undefined) throw new UsageError('say what to forget: an id from `factory learnings list`, or --all. Nothing was forgotten.');
  const store = storeOf(io);
  if (id !== undefined) {
    const removed = await store.forget(id);
    if (!removed) throw new UsageError(`there is no learning with the id "${id}" in ${store.file}; \`factory learnings list\` shows the ids. Nothing was forgotten.`);
    const what = 'topic' in removed ? `DNA ${String(removed.topic)}: ${String(removed.choice)}` : 'trap' in removed ? `trap ${String(removed.trap)}` : `rule ${String(removed.rule)}`;
    return void io.stdout(`Forgot ${id} (${what}).\n`);
  }
  const count = countOf(await store.read());
  if (!flags.yes) {
    if (!io.stdinIsTTY || !io.ask) throw new UsageError('forgetting every learning needs a confirmation: run it in a terminal to be asked, or pass --yes. Nothing was forgotten.');
    const answer = (await io.ask(`Forget all ${count} learnings in ${store.file} (DNA, traps and rules; the built-in rules come back)? [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') return void io.stdout('Nothing was forgotten.\n');
  }
  const forgotten = await store.forgetAll();
  io.stdout(`Forgot all ${forgotten} learnings in ${store.file}; the ${countOf(await store.read())} built-in rules are back.\n`);
}
