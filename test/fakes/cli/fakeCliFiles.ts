// Where the fake CLIs are, and what they recorded: for the tests that run them (see fakeCli.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** test/fakes/bin, from out/test/fakes/cli where this runs compiled. */
export const FAKE_CLI_BIN = join(__dirname, '..', '..', '..', '..', 'test', 'fakes', 'bin');

export type FakeCliProvider = 'claude-code' | 'codex' | 'gemini-cli';

export const FAKE_CLI_COMMAND: Readonly<Record<FakeCliProvider, string>> = { 'claude-code': 'claude', codex: 'codex', 'gemini-cli': 'gemini' };

export function fakeCliPath(provider: FakeCliProvider): string {
  return join(FAKE_CLI_BIN, FAKE_CLI_COMMAND[provider]);
}

/** `providers.cliPaths` pointing every CLI at its fake. */
export function fakeCliPaths(): Record<FakeCliProvider, string> {
  return { 'claude-code': fakeCliPath('claude-code'), codex: fakeCliPath('codex'), 'gemini-cli': fakeCliPath('gemini-cli') };
}

/** One call as the fake saw it. */
export interface FakeCliCall {
  readonly cli: string;
  readonly argv: string[];
  readonly cwd: string;
  readonly cwdEntries: string[];
  readonly env: Record<string, string>;
  readonly stdin: string;
  readonly pid: number;
  readonly childPid?: number;
  readonly mode: string;
  readonly startedAt: number;
}

export function fakeCliCalls(record: string): FakeCliCall[] {
  if (!existsSync(record)) return [];
  return readFileSync(record, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FakeCliCall);
}
