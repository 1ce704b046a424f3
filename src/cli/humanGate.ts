/**
 * The gate taken by a person (`gate: "human"`): a question on the terminal, or ACCEPT for
 * `--accept-gate`. The gate is the owner's own review of the blueprint, so `--yes` (a habit in
 * scripts, and the consent to run a project's tests) never answers it. Without a terminal and
 * without `--accept-gate` nobody could answer, so the run is refused before it starts.
 */
import type { FactoryConfig } from '../core/config/resolve';
import type { ApprovalPort, GateAnswer } from '../core/ports';
import { UsageError, type CliIo } from './io';

export interface GateFlags {
  yes?: boolean;
  /** `--accept-gate`: accept the reviewed blueprint without being asked. */
  acceptGate?: boolean;
}

const YES_IS_NOT_THE_GATE = '--yes does not answer the gate: it is your own review of the blueprint';

/** Throws the usage error when the configured gate could not be answered by this invocation. */
export function checkGateCanBeAnswered(config: FactoryConfig, io: CliIo, flags: GateFlags): void {
  if (config.gate !== 'human' || flags.acceptGate || (io.stdinIsTTY && io.ask)) return;
  throw new UsageError(
    'the configuration says "gate": "human", but standard input is not a terminal, so nobody could take the gate. ' +
      `Run it in a terminal to decide, pass --accept-gate to accept the reviewed blueprint without being asked, or set "gate": "twin".${flags.yes ? ` (${YES_IS_NOT_THE_GATE}.)` : ''} Nothing was run.`,
  );
}

export function humanGate(io: CliIo, flags: GateFlags): ApprovalPort {
  return {
    async askGate(summary: string): Promise<GateAnswer> {
      if (flags.acceptGate) {
        io.stderr('factory: gate: --accept-gate accepts the reviewed blueprint for you, without asking.\n');
        return { verdict: 'ACCEPT' };
      }
      const ask = io.ask;
      if (!ask) throw new Error('humanGate: no terminal to ask on (checkGateCanBeAnswered lets no such run start)');
      if (flags.yes) io.stderr(`factory: gate: ${YES_IS_NOT_THE_GATE}; decide here (or pass --accept-gate to accept without being asked).\n`);
      io.stderr(`\nThe blueprint is reviewed and waits for your decision.\n${summary}\n`);
      for (;;) {
        const choice = (await ask('Accept, change or reject it? [a/c/r] ')).trim().toLowerCase();
        if (choice === 'a' || choice === 'accept') return { verdict: 'ACCEPT' };
        if (choice === 'c' || choice === 'change') {
          const changes = await askLines(ask, 'What must change? One change a line; an empty line ends the list.');
          if (changes.length) return { verdict: 'CHANGE', changes };
          io.stderr('No change given.\n');
          continue;
        }
        if (choice === 'r' || choice === 'reject') {
          const reason = (await ask('Why? ')).trim();
          return { verdict: 'REJECT', reason: reason || 'rejected by the owner' };
        }
        io.stderr('Type a (accept), c (change) or r (reject).\n');
      }
    },
  };
}

async function askLines(ask: (q: string) => Promise<string>, intro: string): Promise<string[]> {
  const lines: string[] = [];
  let question = `${intro}\n> `;
  for (;;) {
    const line = (await ask(question)).trim();
    if (!line) return lines;
    lines.push(line);
    question = '> ';
  }
}
