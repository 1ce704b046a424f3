/**
 * `npm run demo`: a complete CREATE, offline, needing nothing but this repository. A fake model
 * server on 127.0.0.1 answers every call from the scripted scenario in test/demo/scenario/; every
 * role reaches it through the real OpenAI-compatible provider; the real `factory build`
 * (dist/cli.js) builds a small slugify library in a new temporary folder, running its tests itself
 * (RED before the code, GREEN after), and ends with the report's path and a summary.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeLlm } from '../fakes/fakeLlm';
import { CLI } from '../e2e/cliProcess';
import { DUMMY_KEY_ENV, scenarioRoutes, SCENARIO_DIR, writeScriptedConfig } from '../e2e/pipelineScenario';

const REQUEST = 'a slugify library with tests';

/** The environment minus anything that could send the demo elsewhere (keys, the user's Factory settings). */
function demoEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/KEY|TOKEN|SECRET|^FACTORY_/i.test(k)) env[k] = v;
  return { ...env, FACTORY_HOME: home, [DUMMY_KEY_ENV]: 'scripted-demo-no-real-key' };
}

async function main(): Promise<number> {
  const fake = new FakeLlm();
  await fake.listen();
  fake.route(...scenarioRoutes());
  const root = mkdtempSync(join(tmpdir(), 'factory-demo-'));
  const project = join(root, 'slugify');
  const home = join(root, 'factory-home');
  mkdirSync(project);
  const config = writeScriptedConfig(home, `${fake.url}/v1`);

  process.stdout.write(
    [
      '',
      'Factory demo: a complete CREATE run, offline.',
      '',
      '  THE MODELS ARE SCRIPTED. A fake model server on this machine answers every call with',
      `  the replies in ${SCENARIO_DIR}.`,
      '  No network, no API key, no cost. Everything else is real: the OpenAI-compatible',
      '  provider, the DaC checks, the patches, the test runs (RED before the code, GREEN after),',
      '  the gates, code QC, verification, the journal and the report.',
      '',
      `  request:  ${REQUEST}`,
      `  project:  ${project} (a new, empty folder)`,
      `  models:   every role at ${fake.url}/v1 (config: ${config})`,
      '',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [CLI, 'build', REQUEST, '--dir', project, '--config', config], { stdio: 'inherit', env: demoEnv(home) });
  // Ctrl-C reaches the build too (same terminal): it stops resumably; the demo waits for it to say so.
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  process.off('SIGINT', ignore);
  await fake.close();
  process.stdout.write(
    code === 0
      ? `\nThe demo's project is in ${project}: \`cd\` there and run \`node --test\`. The models above were scripted; point the roles at real ones in ~/.factory/config.json (see README).\n`
      : `\nThe demo run did not ship (exit ${code}); its journal and report are in ${project}/.factory/runs/. The models were scripted.\n`,
  );
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`demo: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
