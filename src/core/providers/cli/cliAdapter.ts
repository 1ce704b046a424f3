/**
 * A coding CLI as a provider adapter: the user's installed `claude`, `codex` or `gemini`, run as a
 * pure text model (dialect.ts has each one's flags and output). The gateway treats it like any other
 * provider: its slots (one per CLI by default), idle watchdog, cancellation, retries and fallbacks.
 */
import type { CliProviderId } from '../../config/roles';
import { AdapterFailure, type AdapterCall, type AdapterEvent, type ProviderAdapter } from '../adapter';
import type { ModelTarget } from '../types';
import { claudeCode } from './claudeCode';
import { cliEnv, type Env } from './cliEnv';
import { findExecutable } from './cliExecutable';
import { cliPrompt } from './cliPrompt';
import { CliSpawnError, runCli } from './cliProcess';
import { codex } from './codex';
import type { CliDialect } from './dialect';
import { geminiCli } from './geminiCli';

export const CLI_DIALECTS: Readonly<Record<CliProviderId, CliDialect>> = { 'claude-code': claudeCode, codex, 'gemini-cli': geminiCli };

/** `model: "default"` leaves the choice to the CLI (its own default model for the user's plan). */
export const CLI_DEFAULT_MODEL = 'default';

export interface CliAdapterOptions {
  /** providers.cliPaths: the executable per CLI, when not the one on PATH. */
  readonly paths: Readonly<Partial<Record<CliProviderId, string>>>;
  /** The environment the CLI starts from (keys are taken out: cliEnv.ts). */
  readonly env: Env;
  /** Variables the configuration names as keys (apiKeyEnv), whatever they are called. */
  readonly dropEnv: readonly string[];
}

function cliAdapter(dialect: CliDialect, opts: CliAdapterOptions): ProviderAdapter {
  const find = () => findExecutable(dialect, opts.paths[dialect.id], opts.env.PATH);

  async function* open(call: AdapterCall): AsyncGenerator<AdapterEvent> {
    const found = find();
    if (!found.ok) throw new AdapterFailure({ kind: 'config', detail: found.problem });
    const stream = call.stream && dialect.streams;
    const parser = dialect.parser(stream);
    const run = runCli({
      program: found.path,
      args: dialect.args(call.model === CLI_DEFAULT_MODEL ? undefined : call.model, stream),
      stdin: cliPrompt(call.request),
      env: cliEnv(opts.env, dialect, opts.dropEnv),
      signal: call.signal,
    });
    try {
      for (;;) {
        const step = await run.next();
        if (step.done) {
          yield* parser.end(step.value);
          return;
        }
        yield* parser.line(step.value);
      }
    } catch (err) {
      if (err instanceof CliSpawnError) throw new AdapterFailure({ kind: 'config', detail: `${err.message}. Install it with \`${dialect.install}\`` });
      throw err;
    } finally {
      await run.return({ code: null, signal: null, stderr: '' }); // a consumer that stopped early: the process group goes, the folder too
    }
  }

  return {
    id: dialect.id,
    canStream: dialect.streams,
    open,
    // Every failure is read from the CLI's output and exit, and thrown as an AdapterFailure.
    errorFacts: () => undefined,
    preflight(target: ModelTarget): string | undefined {
      if (target.baseUrl !== undefined || target.apiKeyEnv !== undefined) {
        return `${dialect.id} runs the ${dialect.command} CLI with its own login: remove "baseUrl" and "apiKeyEnv" from this model's settings`;
      }
      const found = find();
      return found.ok ? undefined : found.problem;
    },
  };
}

/** The three CLI adapters, bound to the configuration's paths and the host's environment. */
export function cliAdapters(opts: CliAdapterOptions): Record<CliProviderId, ProviderAdapter> {
  return { 'claude-code': cliAdapter(claudeCode, opts), codex: cliAdapter(codex, opts), 'gemini-cli': cliAdapter(geminiCli, opts) };
}
