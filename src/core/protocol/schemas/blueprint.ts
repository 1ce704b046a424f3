/** blueprint: from ceo (CREATE), or a delta from ceo (UPDATE). DAC.md, "blueprint". */
import { z } from 'zod';
import { envelopeOf, expected, id, looseEnum, object, relPath, text, textList } from './common';

const command = z.string(expected('a command line, or null for none')).trim().min(1, expected('a command line, or null for none')).nullable();

const commands = object(
  {
    test: command,
    test_files: command
      .refine((c) => c === null || c.includes('{files}'), expected('a command containing {files} (it becomes one word per test file), or null'))
      .default(null),
    build: command.default(null),
    start: command.default(null),
    /** Where the started app listens on 127.0.0.1 (also given to it as PORT): verify waits for it and probes it over HTTP. */
    port: z.int(expected('a TCP port (an integer from 1 to 65535), or null')).min(1, expected('a TCP port from 1 to 65535')).max(65535, expected('a TCP port from 1 to 65535')).nullable().optional(),
    /** Text the started app prints when it is ready (for an app without a port). */
    ready: z.string(expected('the text the app prints when it is ready, or null')).trim().min(1, expected('the text the app prints when it is ready, or null')).nullable().optional(),
  },
  expected('an object {"test", "test_files", "build", "start", "port", "ready"} of command lines (null = none)'),
);

const core = object(
  {
    stack: textList(),
    conventions: textList().default([]),
    contracts: textList().default([]),
    security: textList().default([]),
    commands,
  },
  expected('an object with stack, conventions, contracts, security and commands'),
);

/** The roles that build tasks. */
export const ASSIGNEES = ['ceo', 'junior'] as const;

const task = object(
  {
    id,
    title: text(),
    acceptance: z.array(text(), expected('an array of acceptance criteria')).min(1, expected('at least one acceptance criterion')),
    files: z.array(relPath, expected('an array of the files this task owns')).min(1, expected('at least one file the task owns')),
    tests: z.array(relPath, expected('an array of test file paths')).default([]),
    depends_on: z.array(id, expected('an array of task ids')).default([]),
    /** Who builds the task (DAC.md): `junior` for boilerplate and scaffolding; absent, the ceo. */
    assignee: looseEnum(ASSIGNEES, 'lower').optional(),
  },
  expected('a task object {"id", "title", "acceptance", "files", "tests", "depends_on"}'),
);

const decision = object(
  { topic: text(), choice: text(), source: z.string(expected('a string')).optional() },
  expected('a decision object {"topic", "choice", "source"}'),
);

/**
 * Domain research (optional, added to DAC.md's blueprint): what the blueprint applied of a stored
 * learning (`learning`: its id, as the request showed it) or of the ceo's own known pitfalls of the
 * request's domains (`pitfall`), and how (`how`).
 */
const applied = object(
  {
    learning: z.string(expected('the id of a learning shown in the request, e.g. "trap-1a2b3c4d"')).trim().min(1, expected('the id of a learning shown in the request, e.g. "trap-1a2b3c4d"')).optional(),
    pitfall: text('a known pitfall of the domain').optional(),
    how: text('how the blueprint applies it'),
  },
  expected('an object {"learning" or "pitfall", "how"}'),
).refine((a) => a.learning !== undefined || a.pitfall !== undefined, expected('"learning" (a stored learning\'s id) or "pitfall" (a known pitfall of the domain) in each applied entry'));

export type BlueprintTask = z.infer<typeof task>;
export type AppliedLearning = z.infer<typeof applied>;

export const blueprintSchema = object({
  ...envelopeOf('blueprint'),
  title: text(),
  summary: text(),
  core,
  tasks: z.array(task, expected('an array of tasks')).min(1, expected('at least one task')).max(500, expected('at most 500 tasks')),
  decisions: z.array(decision, expected('an array of decisions')).default([]),
  /** The domains the blueprint was written for (domain research). */
  domains: textList('an array of domain names').optional(),
  /** The stored learnings and known pitfalls of those domains the blueprint applied, and how. */
  applied: z.array(applied, expected('an array of {"learning" or "pitfall", "how"} entries')).optional(),
}).superRefine((bp, ctx) => {
  const index = new Map<string, number>();
  bp.tasks.forEach((t, i) => {
    if (index.has(t.id)) {
      ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `expected a task id not used before (tasks[${index.get(t.id)}] is already "${t.id}")` });
    } else index.set(t.id, i);
  });
  bp.tasks.forEach((t, i) =>
    t.depends_on.forEach((d, j) => {
      if (!index.has(d)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'depends_on', j], message: `expected the id of a task in this blueprint (there is no task "${d}")` });
    }),
  );
  const waves = taskWaves(bp.tasks);
  if (!waves.ok) {
    ctx.addIssue({ code: 'custom', path: ['tasks', index.get(waves.cycle[0]) ?? 0, 'depends_on'], message: `expected dependencies without a cycle (${waves.cycle.join(' → ')})` });
    return;
  }
  waves.waves.forEach((wave) => {
    const owner = new Map<string, string>();
    for (const taskId of wave) {
      const i = index.get(taskId) ?? 0;
      bp.tasks[i].files.forEach((f, j) => {
        const other = owner.get(f);
        if (other !== undefined && other !== taskId) {
          ctx.addIssue({
            code: 'custom',
            path: ['tasks', i, 'files', j],
            message: `expected files not owned by another task of the same wave ("${f}" is also in task ${other}; make one task depend on the other, or give the file to one task)`,
          });
        } else owner.set(f, taskId);
      });
    }
  });
});

export type Blueprint = z.infer<typeof blueprintSchema>;

export type Waves = { ok: true; waves: string[][] } | { ok: false; cycle: string[] };

/**
 * Orders tasks into waves: a task runs in the wave after the last of its dependencies, so the
 * tasks of one wave never depend on each other. Unknown dependencies are ignored here (the schema
 * reports them); a cycle is returned as the ids along it.
 */
export function taskWaves(tasks: ReadonlyArray<{ id: string; depends_on: readonly string[] }>): Waves {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const level = new Map<string, number>();
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (taskId: string): string[] | undefined => {
    if (state.get(taskId) === 'done') return undefined;
    if (state.get(taskId) === 'visiting') return [...stack.slice(stack.indexOf(taskId)), taskId];
    state.set(taskId, 'visiting');
    stack.push(taskId);
    let wave = 0;
    for (const d of byId.get(taskId)?.depends_on ?? []) {
      if (!byId.has(d)) continue;
      const cycle = visit(d);
      if (cycle) return cycle;
      wave = Math.max(wave, (level.get(d) ?? 0) + 1);
    }
    stack.pop();
    state.set(taskId, 'done');
    level.set(taskId, wave);
    return undefined;
  };
  for (const t of tasks) {
    const cycle = visit(t.id);
    if (cycle) return { ok: false, cycle };
  }
  const waves: string[][] = [];
  for (const t of tasks) (waves[level.get(t.id) ?? 0] ??= []).push(t.id);
  return { ok: true, waves: waves.filter(Boolean) };
}
