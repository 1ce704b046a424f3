/**
 * Claude Code, `claude -p`: every tool off, nothing asked or approved, no MCP servers, one turn, no
 * session kept. `stream-json` prints each assistant message as it comes; `json` one result object.
 */
import { AdapterFailure, type AdapterEvent } from '../adapter';
import type { StopReason, Usage } from '../types';
import { exitFailure, messageFailure } from './cliFailure';
import { count, field, isObject, jsonDocument, jsonLine, str, type JsonObject } from './cliJson';
import type { CliDialect, CliExit, CliParser } from './dialect';

/** Anthropic counts cache reads and writes apart from `input_tokens`; ours counts all prompt tokens. */
export function claudeUsage(u: unknown): Usage {
  const cached = count(u, 'cache_read_input_tokens');
  const cacheWrite = count(u, 'cache_creation_input_tokens');
  return { input: count(u, 'input_tokens') + cached + cacheWrite, output: count(u, 'output_tokens'), cached, cacheWrite };
}

function stopReasonOf(reason: string | undefined): StopReason {
  if (reason === 'end_turn' || reason === 'stop_sequence') return 'stop';
  return reason === 'max_tokens' ? 'length' : 'other';
}

function textOf(message: unknown): string {
  const content = field(message, 'content');
  if (!Array.isArray(content)) return '';
  return content
    .filter((c) => isObject(c) && c.type === 'text')
    .map((c) => str(c, 'text') ?? '')
    .join('');
}

class ClaudeParser implements CliParser {
  private streamed = false;
  private result: JsonObject | undefined;
  private readonly other: string[] = [];

  line(text: string): AdapterEvent[] {
    const o = jsonLine(text);
    if (!o) {
      this.other.push(text);
      return [{ type: 'alive' }];
    }
    if (o.type === 'result') this.result = o;
    if (o.type === 'assistant') {
      const t = textOf(o.message);
      if (t) {
        this.streamed = true;
        return [{ type: 'delta', text: t }];
      }
    }
    return [{ type: 'alive' }];
  }

  end(exit: CliExit): AdapterEvent[] {
    const r = this.result ?? jsonDocument(this.other.join('\n'));
    if (!r || r.type !== 'result') throw new AdapterFailure(exitFailure(claudeCode, exit, exit.stderr || this.other.join('\n')));
    const usage = isObject(r.usage) ? claudeUsage(r.usage) : null;
    const subtype = str(r, 'subtype') ?? 'success';
    if (r.is_error === true || subtype !== 'success') {
      const said = str(r, 'result') || `${subtype}${exit.stderr ? `: ${exit.stderr}` : ''}`;
      // A turn limit or an error inside the run is not the request's fault: retried, then the next model.
      throw new AdapterFailure(messageFailure(claudeCode, said, 'server', usage ?? undefined));
    }
    const events: AdapterEvent[] = [];
    const answer = str(r, 'result') ?? '';
    if (!this.streamed && answer) events.push({ type: 'delta', text: answer });
    const reason = str(r, 'stop_reason');
    events.push({ type: 'done', stopReason: stopReasonOf(reason), providerStopReason: reason ?? subtype, usage });
    return events;
  }
}

export const claudeCode: CliDialect = {
  id: 'claude-code',
  command: 'claude',
  install: 'npm install -g @anthropic-ai/claude-code',
  login: 'run `claude` in a terminal and type /login (or `claude setup-token` for a token in CLAUDE_CODE_OAUTH_TOKEN)',
  streams: true,
  // `claude setup-token` makes a subscription token for machines without a browser.
  ownLogin: ['CLAUDE_CODE_OAUTH_TOKEN'],
  args(model, stream) {
    return [
      '-p',
      '--output-format',
      stream ? 'stream-json' : 'json',
      ...(stream ? ['--verbose'] : []), // stream-json requires it
      ...(model ? ['--model', model] : []),
      '--tools',
      '', // no built-in tool at all: a pure text model
      '--permission-mode',
      'dontAsk', // anything not allowed beforehand is refused, never asked for or approved
      '--strict-mcp-config', // no MCP server from the user's or a project's settings
      '--max-turns',
      '1',
      '--no-session-persistence',
    ];
  },
  parser: () => new ClaudeParser(),
};
