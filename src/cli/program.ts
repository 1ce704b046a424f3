import { Command, CommanderError, Option } from 'commander';
import { PROVIDERS, ROLES } from '../core/config/roles';
import { FACTORY_VERSION } from '../core/version';
import { auditCommand } from './auditCommand';
import { buildCommand } from './buildCommand';
import { chatCommand, type ChatOptions } from './chatCommand';
import { CommandFailed, EXIT, UsageError, type CliIo, type ExitCode } from './io';
import { learningsExport, learningsForget, learningsImport, learningsList, type ForgetFlags } from './learningsCommand';
import { patchCommand, type PatchOptions } from './patchCommand';
import { resumeCommand } from './resumeCommand';
import type { RunFlags } from './runSession';
import { runsCommand } from './runsCommand';
import { updateCommand, type UpdateFlags } from './updateCommand';

/** The exit code of a run as the command's outcome: 0 returns normally, anything else ends through CommandFailed. */
function exitWith(code: ExitCode): void {
  if (code !== EXIT.ok) throw new CommandFailed('', code);
}

function buildProgram(io: CliIo): Command {
  const program = new Command('factory')
    .description('Factory: a team of language models that builds, audits and updates software under evidence-based gates.')
    .version(FACTORY_VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run `factory --help` for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const runOptions = (cmd: Command): Command =>
    cmd
      .option('--dir <folder>', 'workspace folder (default: the current folder)')
      .option('--config <file>', 'your configuration file, over ~/.factory/config.json and under <dir>/.factory/config.json')
      .option('--json', 'print the run\'s journal events as JSON lines on standard output');

  runOptions(program.command('build').description('CREATE run: blueprint, review, gate, waves, QC, verify, learn'))
    .argument('<request>', 'what to build, e.g. "a slugify library with tests"')
    .option('--accept-gate', 'with "gate": "human", accept the reviewed blueprint without being asked (you skip your own review)')
    .option('--yes', 'accepted for scripts: this run asks nothing it answers; it never answers the gate (see --accept-gate)')
    .action(async (request: string, opts: RunFlags) => exitWith(await buildCommand(io, request, opts)));

  runOptions(program.command('audit').description('AUDIT run: recon, the project\'s tests, self-audit, external QC, learnings, report; never writes project files'))
    .argument('[path]', 'folder to audit, relative to --dir; its .factory/runs/<id>/ gets the report', '.')
    .option('--yes', 'run the project\'s tests without asking (a terminal asks; without one and without --yes they are not run)')
    .action(async (path: string, opts: RunFlags) => exitWith(await auditCommand(io, path, opts)));

  runOptions(program.command('update').description('UPDATE run: recon, a delta blueprint for an existing project, only the tasks it needs; the project\'s tests guard every task'))
    .argument('[request]', 'the change to make (none with --from-audit)')
    .option('--from-audit <audit-run-id>', 'fix the findings of this audit run: they become the request')
    .option('--accept-gate', 'with "gate": "human", accept the reviewed blueprint without being asked (you skip your own review)')
    .option('--yes', 'accepted for scripts: this run asks nothing it answers; it never answers the gate (see --accept-gate)')
    .action(async (request: string | undefined, opts: UpdateFlags) => exitWith(await updateCommand(io, request, opts)));

  runOptions(program.command('resume').description('continue a stopped run from its journal'))
    .argument('<run-id>', 'the run to continue (see `factory runs`)')
    .option('--accept-gate', 'with "gate": "human", accept the reviewed blueprint without being asked (you skip your own review)')
    .option('--yes', 'run the project\'s tests without asking when the run is an audit; it never answers the gate (see --accept-gate)')
    .action(async (id: string, opts: RunFlags) => exitWith(await resumeCommand(io, id, opts)));

  program
    .command('runs')
    .description('list the runs in the workspace: id, stage, state, cost')
    .option('--dir <folder>', 'workspace folder (default: the current folder)')
    .option('--json', 'one JSON object per run')
    .action((opts: { dir?: string; json?: boolean }) => runsCommand(io, opts));

  program
    .command('patch')
    .description('apply SEARCH/REPLACE blocks read from standard input')
    .option('--dir <folder>', 'workspace folder (default: the current folder)')
    .option('--dry-run', 'show the changes as a unified diff without writing')
    .option('--json', 'print one JSON object per block')
    .action(async (opts: PatchOptions) => {
      const outcome = await patchCommand(io, opts);
      if (outcome.code !== EXIT.ok) throw new CommandFailed(outcome.summary, outcome.code);
    });

  program
    .command('chat')
    .description('one streamed call to a model; usage goes to standard error')
    .addOption(new Option('--provider <id>', 'provider').choices(PROVIDERS.filter((p) => p !== 'vscode-lm')).makeOptionMandatory())
    .requiredOption('--model <name>', 'model name')
    .option('--base-url <url>', 'endpoint override')
    .addOption(new Option('--role <role>', 'role the call is made for (for usage accounting)').choices([...ROLES]))
    .option('--api-key-env <name>', 'environment variable holding the key (default: the provider\'s usual one)')
    .option('--config <file>', 'your configuration file for prices and timeouts, over ~/.factory/config.json')
    .argument('<prompt>', 'the prompt')
    .action(async (prompt: string, opts: ChatOptions) => {
      const outcome = await chatCommand(io, prompt, opts);
      if (outcome.code !== EXIT.ok) throw new CommandFailed(outcome.message, outcome.code);
    });

  const learnings = program.command('learnings').description('the cross-project store of owner DNA, domain traps and rules (in $FACTORY_HOME or ~/.factory)');
  learnings
    .command('list')
    .description('print each DNA choice, trap and rule with its id')
    .action(() => learningsList(io));
  learnings
    .command('export')
    .description('write the store as JSON to FILE (default: standard output)')
    .argument('[file]', 'where to write it')
    .action((file: string | undefined) => learningsExport(io, file));
  learnings
    .command('import')
    .description('merge a JSON file written by export: checked first, nothing duplicated')
    .argument('<file>', 'the file to import')
    .action((file: string) => learningsImport(io, file));
  learnings
    .command('forget')
    .description('forget one learning by its id, or every one with --all (asks first)')
    .argument('[id]', 'the id shown by `factory learnings list`')
    .option('--all', 'forget every DNA choice, trap and rule (the built-in rules come back)')
    .option('--yes', 'with --all: do not ask')
    .action((id: string | undefined, opts: ForgetFlags) => learningsForget(io, id, opts));

  // `factory help <command>` prints exactly what `factory <command> --help` prints and exits 0. Commander's
  // own help command exits as an error and answers an unknown name with the overall help.
  program.helpCommand(false);
  program
    .command('help')
    .description('show the help of a command (the same as `factory <command> --help`)')
    .argument('[command]', 'the command')
    .action((name: string | undefined) => {
      if (name === undefined) return void program.outputHelp();
      const cmd = program.commands.find((c) => c.name() === name);
      if (!cmd) {
        const names = program.commands.map((c) => c.name()).join(', ');
        throw new UsageError(`unknown command '${name}'. The commands are: ${names}. Run \`factory help\` for usage.`);
      }
      cmd.outputHelp();
    });

  return program;
}

/** Runs the CLI and returns its exit code; never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version requested explicitly exit 0; everything else commander rejects is usage.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CommandFailed) {
      // A run that ended not shipped has said why in its summary: no second message.
      if (e.message) io.stderr(`factory: ${e.message}\n`);
      return e.code;
    }
    throw e;
  }
}
