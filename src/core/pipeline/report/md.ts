/** Small Markdown helpers for report.md: table cells, fenced output, compact values. */

export function cell(v: unknown): string {
  return text(v).replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

export function table(head: readonly string[], rows: readonly (readonly unknown[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** Command output as a fenced block that its own backticks cannot close. */
export function fenced(output: string, max = 3000): string[] {
  let body = output.replace(/\s+$/, '');
  if (body.length > max) body = `${body.slice(0, max)}\n[… ${body.length - max} more characters in the journal …]`;
  // One backtick longer than the longest run in the output, so no line of it can close the fence.
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((r) => r.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return [ticks, ...body.split('\n'), ticks];
}

export function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function firstLine(v: unknown, max = 160): string {
  const line = text(v).split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

export function commandText(argv: unknown): string {
  if (typeof argv === 'string') return argv;
  if (!Array.isArray(argv)) return '';
  return argv.map((w) => (typeof w === 'string' && /^[\w@%+=:,./{}-]+$/.test(w) ? w : JSON.stringify(w))).join(' ');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '-';
}
