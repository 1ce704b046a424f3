// The `DaC-Context:` line (DAC.md, "Which model is asked"): every engine request names its run, role,
// step, expected DaC kind and task in its first user message, so scripted models can answer by purpose.

export interface DacContext {
  readonly run: string;
  readonly role: string;
  readonly step: string;
  readonly expect: string;
  /** As written; `-` when the step belongs to no task. */
  readonly task: string;
  /** 0 for a first attempt, n for the n-th request to repair an invalid reply. */
  readonly repair: number;
  /** The whole line, trimmed, for messages that must say which request went unanswered. */
  readonly line: string;
}

export type DacContextFields = Omit<DacContext, 'line' | 'repair' | 'task'> & { task?: string; repair?: number };

const LINE = /^[ \t]*DaC-Context:[ \t]*(.*)$/m;

/** The first DaC-Context line in `text`, or null. Unknown keys are ignored, missing ones become ''. */
export function findDacContext(text: string | null | undefined): DacContext | null {
  const match = text ? LINE.exec(text) : null;
  if (!match) return null;
  const fields = new Map<string, string>();
  for (const token of (match[1] ?? '').trim().split(/\s+/)) {
    const eq = token.indexOf('=');
    if (eq > 0) fields.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const repair = Number(fields.get('repair') ?? '0');
  return {
    run: fields.get('run') ?? '',
    role: fields.get('role') ?? '',
    step: fields.get('step') ?? '',
    expect: fields.get('expect') ?? '',
    task: fields.get('task') ?? '',
    repair: Number.isInteger(repair) && repair >= 0 ? repair : 0,
    line: match[0].trim(),
  };
}

/** The line the engine writes, for tests that build prompts by hand. */
export function dacContextLine(c: DacContextFields): string {
  const repair = c.repair ? ` repair=${c.repair}` : '';
  return `DaC-Context: run=${c.run} role=${c.role} step=${c.step} expect=${c.expect} task=${c.task ?? '-'}${repair}`;
}
