/**
 * Gemini CLI, `gemini -p`: the prompt on standard input (it goes before the `-p` text, which is only
 * a short fixed instruction), JSON output, the default approval mode (headless, a tool that would ask
 * is denied). One JSON document at the end: one delta.
 */
import { AdapterFailure, type AdapterEvent } from '../adapter';
import type { FailureKind } from '../errors';
import type { Usage } from '../types';
import { exitFailure, messageFailure, withKind } from './cliFailure';
import { count, field, isObject, jsonDocument, str } from './cliJson';
import type { CliDialect, CliExit, CliParser } from './dialect';

/** The `-p` text: a fixed instruction, never the prompt (that is on standard input, before it). */
export const GEMINI_INSTRUCTION = 'Answer the message above as it asks. Use no tools.';

/** Gemini CLI's documented exit codes, for an error it explains only by them. */
const EXIT_KINDS: Readonly<Record<number, FailureKind>> = { 41: 'auth', 42: 'bad_request', 52: 'bad_request', 53: 'server' };
const EXIT_MEANING: Readonly<Record<number, string>> = {
  41: 'authentication failed',
  42: 'the input was refused',
  52: 'its configuration is invalid (see ~/.gemini/settings.json)',
  53: 'the turn limit was reached',
};

/** Every model it used (a router model may answer beside the one asked for): summed. `prompt` includes the cached tokens. */
export function geminiUsage(stats: unknown): Usage | null {
  const models = field(stats, 'models');
  if (!isObject(models)) return null;
  const total = { input: 0, output: 0, cached: 0, cacheWrite: 0 };
  for (const m of Object.values(models)) {
    const t = field(m, 'tokens');
    total.input += count(t, 'prompt');
    total.output += count(t, 'candidates') + count(t, 'thoughts');
    total.cached += count(t, 'cached');
  }
  return total;
}

class GeminiParser implements CliParser {
  private readonly out: string[] = [];

  line(text: string): AdapterEvent[] {
    this.out.push(text);
    return [{ type: 'alive' }];
  }

  end(exit: CliExit): AdapterEvent[] {
    const doc = jsonDocument(this.out.join('\n')) ?? jsonDocument(exit.stderr);
    const error = field(doc, 'error');
    const response = str(doc, 'response');
    if (error === undefined && response !== undefined && (exit.code === 0 || exit.code === null) && !exit.signal) {
      const usage = geminiUsage(field(doc, 'stats'));
      return [...(response ? [{ type: 'delta' as const, text: response }] : []), { type: 'done', stopReason: 'stop', providerStopReason: 'response', usage }];
    }
    const said = str(error, 'message') ?? (exit.stderr || this.out.join('\n'));
    const code = exit.code ?? -1;
    const kind = EXIT_KINDS[code];
    if (kind) throw new AdapterFailure(withKind(geminiCli, kind, `${said}${said ? ' ' : ''}(exit ${code}: ${EXIT_MEANING[code] ?? ''})`));
    if (error !== undefined) throw new AdapterFailure(messageFailure(geminiCli, said, 'server'));
    throw new AdapterFailure(exitFailure(geminiCli, exit, said));
  }
}

export const geminiCli: CliDialect = {
  id: 'gemini-cli',
  command: 'gemini',
  install: 'npm install -g @google/gemini-cli',
  login: 'run `gemini` in a terminal and choose "Login with Google"',
  streams: false,
  // Code Assist accounts of an organisation name their Google Cloud project (not a secret).
  ownLogin: ['GOOGLE_CLOUD_PROJECT'],
  args(model) {
    // The default approval mode, said explicitly, so a user's settings cannot make it approve tools on its own.
    return ['-p', GEMINI_INSTRUCTION, '-o', 'json', ...(model ? ['-m', model] : []), '--approval-mode', 'default'];
  },
  parser: () => new GeminiParser(),
};
