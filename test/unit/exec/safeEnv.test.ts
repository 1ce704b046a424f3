import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { runCommand, safeEnv } from '../../../src/core/exec';
import { node } from './procs';

const secrets: Record<string, string> = {
  ANTHROPIC_API_KEY: 'sk-ant-1',
  OPENAI_API_KEY: 'sk-2',
  GEMINI_API_KEY: 's3',
  GOOGLE_API_KEY: 's4',
  MOONSHOT_API_KEY: 's5',
  DEEPSEEK_API_KEY: 's6',
  DASHSCOPE_API_KEY: 's7',
  OPENROUTER_API_KEY: 's8',
  OPENAI_ORG_ID: 's9',
  my_stripe_key: 's10',
  SLACK_BOT_TOKEN: 's11',
  CLIENT_SECRET: 's12',
  DB_PASSWORD: 's13',
  MYSQL_PASSWD: 's14',
  AZURE_CREDENTIALS: 's15',
  BASIC_AUTH: 's16',
  SESSION_COOKIE: 's17',
  FLASK_SESSION: 's18',
  AWS_ACCESS_KEY_ID: 's19',
  AWS_REGION: 's20',
  AZURE_TENANT: 's21',
  GCP_PROJECT: 's22',
  GOOGLE_APPLICATION_CREDENTIALS: 's23',
  NPM_TOKEN: 's24',
  GH_HOST: 's25',
  GITHUB_TOKEN: 's26',
  FACTORY_CONFIG: 's27',
  Some_Credential_File: 's28',
  DATABASE_URL: 's29',
};
const ordinary: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin', HOME: '/home/dev', LANG: 'C.UTF-8', TERM: 'xterm', NODE_OPTIONS: '--no-warnings', SSL_CERT_FILE: '/etc/ssl/cert.pem' };

describe('safeEnv', () => {
  it('drops provider keys and anything named like a secret, keeps the ordinary variables', () => {
    const env = safeEnv({ ...secrets, ...ordinary, UNSET: undefined });
    for (const name of Object.keys(secrets)) assert.equal(env[name], undefined, `${name} leaked`);
    for (const [name, value] of Object.entries(ordinary)) assert.equal(env[name], value, `${name} dropped`);
    assert.equal('UNSET' in env, false);
  });

  it('asks runners for plain output', () => {
    const env = safeEnv({ FORCE_COLOR: '1', CI: '' });
    assert.equal(env.CI, '1');
    assert.equal(env.NO_COLOR, '1');
    assert.equal(env.FORCE_COLOR, '0');
  });

  it('also drops the variables named as key holders, whatever they are called', () => {
    const env = safeEnv({ KIMI: 'sk-kimi', PATH: '/bin' }, ['kimi']);
    assert.equal(env.KIMI, undefined);
    assert.equal(env.PATH, '/bin');
  });

  it('a command that prints its whole environment shows no secret', async () => {
    const run = await runCommand({ argv: [node, '-e', 'console.log(JSON.stringify(process.env))'], cwd: tmpdir(), timeoutMs: 5000, env: { ...secrets, ...ordinary } });
    assert.equal(run.exitCode, 0, run.output);
    const seen = JSON.parse(run.output) as Record<string, string>;
    for (const [name, value] of Object.entries(secrets)) {
      assert.equal(seen[name], undefined, `${name} reached the command`);
      assert.ok(!run.output.includes(value + '"'), `the value of ${name} reached the command`);
    }
    assert.equal(seen.HOME, '/home/dev');
    assert.equal(seen.CI, '1');
  });

  it('by default the base is the process environment, filtered the same way', async () => {
    process.env.FACTORY_TEST_LEAK_TOKEN = 'do-not-pass';
    try {
      const run = await runCommand({ argv: [node, '-e', 'console.log(process.env.FACTORY_TEST_LEAK_TOKEN ?? "absent")'], cwd: tmpdir(), timeoutMs: 5000 });
      assert.equal(run.output.trim(), 'absent');
    } finally {
      delete process.env.FACTORY_TEST_LEAK_TOKEN;
    }
  });
});
