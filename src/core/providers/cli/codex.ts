/**
 * Codex, `codex exec`: a read-only sandbox, no git check (the folder is empty), nothing kept, the
 * prompt read from standard input (`-`). Its JSON lines report progress; the answer is the text of
 * its agent_message items, given as one delta when the turn completes.
 */
import { AdapterFailure, type AdapterEvent } from '../adapter';
import type { Usage } from '../types';
import { exitFailure, messageFailure } from './cliFailure';
import { count, field, jsonLine, str } from './cliJson';
import type { CliDialect, CliExit, CliParser } from './dialect';

/** `input_tokens` already includes the cached ones. */
export function codexUsage(u: unknown): Usage {
  return { input: count(u, 'input_tokens'), output: count(u, 'output_tokens'), cached: count(u, 'cached_input_tokens'), cacheWrite: 0 };
}

class CodexParser implements CliParser {
  private readonly answer: string[] = [];
  private usage: Usage | null | undefined;
  private error: string | undefined;
  private readonly other: string[] = [];

  line(text: string): AdapterEvent[] {
    const o = jsonLine(text);
    if (!o) {
      this.other.push(text);
      return [{ type: 'alive' }];
    }
    const item = field(o, 'item');
    if (o.type === 'item.completed' && str(item, 'type') === 'agent_message') this.answer.push(str(item, 'text') ?? '');
    else if (o.type === 'turn.completed') this.usage = field(o, 'usage') === undefined ? null : codexUsage(field(o, 'usage'));
    else if (o.type === 'turn.failed') this.error = str(field(o, 'error'), 'message') ?? 'turn.failed';
    // An `error` line may be one Codex recovers from (a reconnect): it counts only if no turn completes.
    else if (o.type === 'error') this.error = str(o, 'message') ?? 'error';
    return [{ type: 'alive' }];
  }

  end(exit: CliExit): AdapterEvent[] {
    if (this.usage === undefined) {
      if (this.error !== undefined) throw new AdapterFailure(messageFailure(codex, this.error, 'server'));
      throw new AdapterFailure(exitFailure(codex, exit, exit.stderr || this.other.join('\n')));
    }
    const text = this.answer.filter((t) => t !== '').join('\n\n');
    return [...(text ? [{ type: 'delta' as const, text }] : []), { type: 'done', stopReason: 'stop', providerStopReason: 'turn.completed', usage: this.usage }];
  }
}

export const codex: CliDialect = {
  id: 'codex',
  command: 'codex',
  install: 'npm install -g @openai/codex',
  login: 'run `codex login` in a terminal',
  streams: false,
  ownLogin: [],
  args(model) {
    return ['exec', '--json', '--sandbox', 'read-only', ...(model ? ['-m', model] : []), '--skip-git-repo-check', '--ephemeral', '-'];
  },
  parser: () => new CodexParser(),
};
