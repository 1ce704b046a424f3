/**
 * What a blueprint must hold beyond its schema (which already checks ids, depends_on and cycles,
 * and disjoint files within a wave): every task has tests, and they are among its files; the
 * commands can be run without a shell. Issues are phrased like schema issues, so they go back to
 * the author the same way (`repair=n`).
 */
import type { SplitResult } from '../../exec';
import type { Blueprint, DacIssue } from '../../protocol';
import { appReadiness } from './appReadiness';

export type SplitCommand = (line: string) => SplitResult;

export function checkBlueprint(bp: Blueprint, split: SplitCommand): DacIssue[] {
  const issues: DacIssue[] = [];
  bp.tasks.forEach((t, i) => {
    if (t.tests.length === 0) {
      issues.push({ path: `$.tasks[${i}].tests`, expected: 'at least one test file for the task (TDD: its tests are written and seen failing first)', got: 'no test files' });
    }
    t.tests.forEach((f, j) => {
      if (!t.files.includes(f)) {
        issues.push({ path: `$.tasks[${i}].tests[${j}]`, expected: `a test file that is also in the task's files (${t.files.join(', ')})`, got: JSON.stringify(f) });
      }
    });
  });
  const commands = bp.core.commands;
  if (commands.test === null) issues.push({ path: '$.core.commands.test', expected: 'the command that runs every test (the engine runs it after each wave)', got: 'null' });
  const named: Array<[string, string | null]> = [
    ['test', commands.test],
    ['test_files', commands.test_files],
    ['build', commands.build],
    ['start', commands.start],
  ];
  for (const [name, line] of named) {
    if (line === null) continue;
    const r = split(line);
    if (!r.ok) issues.push({ path: `$.core.commands.${name}`, expected: 'a command the engine can run without a shell', got: `${JSON.stringify(line)}: ${r.reason}` });
    else if (r.argv.length === 0) issues.push({ path: `$.core.commands.${name}`, expected: 'a command line, or null for none', got: JSON.stringify(line) });
  }
  if (commands.start !== null) {
    // Verify waits for the started app before probing it; without a port or a ready text it could only guess.
    const ready = appReadiness(bp);
    if (!ready.ok) issues.push({ path: '$.core.commands.port', expected: 'the port the started app listens on at 127.0.0.1 (or core.commands.ready: the text it prints when ready)', got: ready.why });
  }
  return issues;
}
