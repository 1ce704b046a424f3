/**
 * What `factory build` and `factory resume` share: the checks before a run (configuration, prices
 * under a budget, keys, who takes the gate), the host's side of the run (files, models, commands,
 * the gate, learnings), progress on screen, Ctrl-C, and the summary and exit code at the end.
 */
import { setMaxListeners } from 'node:events';
import { resolve } from 'node:path';
import { formatProblems, type FactoryConfig } from '../core/config/resolve';
import type { Role } from '../core/config/roles';
import { splitCommand } from '../core/exec';
import { initialLearnings } from '../core/learning';
import { FsWorkspace } from '../core/patch/fsWorkspace';
import type { Journalled } from '../core/pipeline/journal/events';
import { MemoryLearningStore, type LearningStore } from '../core/pipeline/learningStore';
import { nodeExec } from '../core/pipeline/nodeExec';
import type { ResumeRefusal, RunDeps, RunOutcome } from '../core/pipeline/runner';
import { envKeys } from '../core/providers/envKeys';
import { fallbackPreflight } from '../core/providers/fallbackPreflight';
import { keysPreflight } from '../core/providers/keysPreflight';
import { Gateway, type GatewayEvent } from '../core/providers/gateway';
import { budgetPreflight } from '../core/providers/priceCheck';
import { UsageLedger } from '../core/providers/usage';
import { checkGateCanBeAnswered, humanGate } from './humanGate';
import { terminalConsent } from './runConsent';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';
import { cliLearningStore, learningsFile } from './learningsFile';
import { loadCliConfig } from './loadConfig';
import { ProgressView } from './progressView';
import { runSummary } from './runSummary';
import { workspaceDir } from './workspaceDir';

export interface RunFlags {
  dir?: string;
  config?: string;
  json?: boolean;
  yes?: boolean;
  /** `--accept-gate`: a human gate is answered ACCEPT without asking. */
  acceptGate?: boolean;
}

export interface Prepared {
  dir: string;
  config: FactoryConfig;
}

/** What a run will need beyond its configuration: the roles it calls, and whether it has a gate to take. */
export interface RunNeeds {
  /** Default: a CREATE run's (ceo, qc, architect, twin). */
  roles?: readonly Role[];
  /** Default true; an AUDIT has no gate. */
  gate?: boolean;
}

/** Everything that can be found wrong before a run starts is found here: a usage error, exit 2, nothing written. */
export async function prepareRun(io: CliIo, flags: RunFlags, needs: RunNeeds = {}): Promise<Prepared> {
  const dir = await workspaceDir(io.cwd, flags.dir);
  const config = await loadCliConfig({ dir, configFile: flags.config === undefined ? undefined : resolve(io.cwd, flags.config), env: io.env });
  const unpriced = await budgetPreflight(config);
  if (unpriced.length) throw new UsageError(`the run cannot start, nothing was sent:\n${formatProblems(unpriced)}`);
  const keyless = await keysPreflight(config, envKeys(io.env), needs.roles, io.env);
  if (keyless.length) throw new UsageError(`the run cannot start, nothing was sent:\n${keyless.map((k) => `  ${k}`).join('\n')}`);
  // An unusable fallback is passed over if a call needs it: said now, never a reason not to start.
  for (const warning of await fallbackPreflight(config, envKeys(io.env), io.env)) io.stderr(`factory: warning: ${warning}\n`);
  if (needs.gate !== false) checkGateCanBeAnswered(config, io, flags);
  return { dir, config };
}

function notice(e: GatewayEvent): string | undefined {
  if (e.type === 'retry') return `  ${e.role}: ${e.message}; retrying in ${(e.delayMs / 1000).toFixed(1)} s`;
  if (e.type === 'fallback') return `  ${e.role}: ${e.from.provider}:${e.from.model} gave up; trying ${e.to.provider}:${e.to.model}`;
  if (e.type === 'skipped') return `  ${e.role}: warning: fallback ${e.target.provider}:${e.target.model} cannot be used, skipped: ${e.reason}`;
  return undefined;
}

/** How to resume, with the --dir that finds the run again from where the command was typed. */
export function resumeHint(flags: RunFlags, runId: string): string {
  return `factory resume ${runId}${flags.dir === undefined ? '' : ` --dir ${JSON.stringify(flags.dir)}`}${flags.config === undefined ? '' : ` --config ${JSON.stringify(flags.config)}`}`;
}

export async function runSession(
  io: CliIo,
  flags: RunFlags,
  prepared: Prepared,
  knownRunId: string | undefined,
  go: (deps: RunDeps) => Promise<RunOutcome | ResumeRefusal>,
): Promise<ExitCode> {
  const { dir, config } = prepared;
  const exec = nodeExec(dir, config.exec, io.env);
  const refusal = exec.sandbox?.refusal;
  if (refusal !== undefined) throw new UsageError(`the run cannot start, nothing was sent or run: ${refusal}`);
  // People read progress; with --json standard output carries only the journal's events.
  const say = flags.json ? io.stderr : io.stdout;
  const view = new ProgressView(say, { live: !flags.json && io.stdoutIsTTY === true, columns: io.columns });
  const controller = new AbortController();
  // Every call and command in flight listens to it (a wave's tasks, their gates): more than Node's default 10 is normal.
  setMaxListeners(64, controller.signal);
  let runId = knownRunId;
  const onJournal = (e: Journalled): void => {
    if (e.type === 'run') runId = e.runId;
    if (flags.json) io.stdout(`${JSON.stringify(e)}\n`);
  };
  const stopListening = io.interrupts?.on(() => {
    if (!controller.signal.aborted) {
      view.line('Ctrl-C: stopping the run; the step under way is cut off and the run stays resumable. Press Ctrl-C again to quit at once.');
      controller.abort();
      return;
    }
    view.close();
    io.stderr(`factory: quit at once. The journal keeps every finished step${runId ? `; resume with: ${resumeHint(flags, runId)}` : ''}\n`);
    io.interrupts?.exitNow(EXIT.notShipped);
  });
  const deps: RunDeps = {
    workspace: new FsWorkspace(dir),
    exec,
    approval: { ...humanGate(io, flags), askToRun: terminalConsent(io, flags) },
    learning: learningStoreFor(io),
    split: splitCommand,
    gateway: ({ spentUsd, onEvent }) =>
      new Gateway({
        roles: config.roles,
        keys: envKeys(io.env),
        env: io.env,
        providers: config.providers,
        budgetUsd: config.limits.budgetUsd,
        ledger: new UsageLedger(spentUsd),
        onEvent: (e) => {
          onEvent(e);
          const line = notice(e);
          if (line) view.line(line);
        },
      }),
    progress: (e) => view.show(e),
    onJournal,
    signal: controller.signal,
  };
  let outcome: RunOutcome | ResumeRefusal;
  try {
    outcome = await go(deps);
  } finally {
    stopListening?.();
    view.close();
  }
  if ('refused' in outcome) throw new UsageError(`${outcome.refused}. Nothing was run.`);
  say(runSummary(outcome, resumeHint(flags, outcome.runId)));
  return outcome.state === 'shipped' ? EXIT.ok : EXIT.notShipped;
}

/** The user's learning store; with no home folder known, learnings last for this run only (said once). */
function learningStoreFor(io: CliIo): LearningStore {
  const file = learningsFile(io.env);
  if (file) return cliLearningStore(file, io.stderr);
  io.stderr('factory: warning: neither FACTORY_HOME nor HOME is set, so what this run learns is not kept and earlier learnings are not used.\n');
  return new MemoryLearningStore(initialLearnings());
}
