/**
 * The store for people: `factory learnings list` (plain text) and "Factory: Show Learnings"
 * (Markdown). Each entry shows its id, the handle `factory learnings forget <id>` takes.
 */
import type { StoredLearnings } from './entries';

const day = (iso: string): string => iso.slice(0, 10);

export function learningsText(store: StoredLearnings, file: string): string {
  const out = [`Learnings in ${file}`, ''];
  out.push(`Owner DNA (${store.dna.length})`);
  if (!store.dna.length) out.push('  none yet: a run records the choices the owner made or accepted');
  for (const d of store.dna) out.push(`  ${d.id}  ${d.topic}: ${d.choice}`, `      why: ${d.why || '-'}; confirmed ${d.confirmed}×, last seen ${day(d.lastSeen)}${d.run ? ` (run ${d.run})` : ''}`);
  out.push('', `Domain traps (${store.traps.length})`);
  if (!store.traps.length) out.push('  none yet: a run records the mistakes that cost it an attempt');
  for (const t of store.traps) out.push(`  ${t.id}  [${t.domain}] ${t.trap}`, `      avoid: ${t.avoid}${t.run ? ` (found by run ${t.run})` : ''}`);
  out.push('', `Rules (${store.rules.length})`);
  if (!store.rules.length) out.push('  none');
  for (const r of store.rules) out.push(`  ${r.id}  ${r.rule}`, `      why: ${r.why || '-'} (${r.origin === 'built-in' ? 'built-in' : r.origin === 'import' ? 'imported' : `from run ${r.origin}`})`);
  out.push('', 'Forget one with `factory learnings forget <id>`, all with `factory learnings forget --all`.');
  return `${out.join('\n')}\n`;
}

/** Markdown-safe text inside a table cell or list item. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]|<>])/g, '\\$1').replace(/\s+/g, ' ');
}

export function learningsMarkdown(store: StoredLearnings, file: string): string {
  const out = ['# Factory learnings', '', `Kept across projects in \`${file}\`. Runs use them in their blueprint, review, gate and verify prompts.`, ''];
  out.push(`## Owner DNA (${store.dna.length})`, '');
  if (!store.dna.length) out.push('None yet: a run records the choices the owner made or accepted.', '');
  else out.push('| id | topic | choice | why | confirmed | last seen |', '|---|---|---|---|---|---|', ...store.dna.map((d) => `| \`${d.id}\` | ${md(d.topic)} | ${md(d.choice)} | ${md(d.why || '-')} | ${d.confirmed}× | ${day(d.lastSeen)} |`), '');
  out.push(`## Domain traps (${store.traps.length})`, '');
  if (!store.traps.length) out.push('None yet: a run records the mistakes that cost it an attempt.', '');
  else out.push('| id | domain | trap | avoid | found by |', '|---|---|---|---|---|', ...store.traps.map((t) => `| \`${t.id}\` | ${md(t.domain)} | ${md(t.trap)} | ${md(t.avoid)} | ${md(t.run || '-')} |`), '');
  out.push(`## Rules (${store.rules.length})`, '');
  if (!store.rules.length) out.push('None.', '');
  else out.push('| id | rule | why | origin |', '|---|---|---|---|', ...store.rules.map((r) => `| \`${r.id}\` | ${md(r.rule)} | ${md(r.why || '-')} | ${md(r.origin)} |`), '');
  out.push('Forget an entry with `factory learnings forget <id>` in a terminal.');
  return `${out.join('\n')}\n`;
}
