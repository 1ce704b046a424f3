// A fake coding CLI (claude, codex, gemini) for the engine's tests: it prints what each CLI's
// documentation says it prints (docs: /work/shared/reference/cli-providers), and records what it was
// given (argv, folder, environment, standard input) so tests can hold the safety rules to it.
// Started through the executables in test/fakes/bin/. Driven by its environment:
//   FAKE_CLI_MODE    comma list, one per call in order (the last repeats): success (default), auth,
//                    rate, crash, hang, exit (exit 3 with a message), noresult (exit 0, nothing), empty-model
//   FAKE_CLI_RECORD  a file: one JSON line per call appended (argv, cwd, cwdEntries, env, stdin, pid, childPid)
//   FAKE_CLI_SERVER  the fake LLM's URL: the answer (text and usage) comes from it, by the prompt's DaC-Context
//   FAKE_CLI_TEXT    the answer otherwise (default "Hello from fake <cli>.")
//   FAKE_CLI_DELAY_MS  a wait before it answers (the record says when it started and when it answered)
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { cliOutput, type FakeAnswer, type FakeCliName } from './cliOutput';

function readStdin(): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (d: string) => (text += d));
    process.stdin.on('end', () => resolve(text));
  });
}

function callIndex(record: string | undefined): number {
  if (!record || !existsSync(record)) return 0;
  return readFileSync(record, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
}

function modeFor(index: number): string {
  const modes = (process.env.FAKE_CLI_MODE ?? 'success').split(',').map((m) => m.trim());
  return modes[Math.min(index, modes.length - 1)] ?? 'success';
}

interface Chat {
  choices?: { message?: { content?: string } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
  error?: { message?: string };
}

/** The answer from the fake LLM (OpenAI chat, not streamed), so scripted routes answer a CLI role too. */
async function relay(server: string, model: string, prompt: string, cli: FakeCliName): Promise<FakeAnswer> {
  const res = await fetch(`${server}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': `fake-${cli}` },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: prompt }], stream: false }),
  });
  const body = (await res.json()) as Chat;
  if (!res.ok) throw new Error(`the fake LLM answered ${res.status}: ${body.error?.message ?? ''}`);
  const u = body.usage ?? {};
  return { text: body.choices?.[0]?.message?.content ?? '', input: u.prompt_tokens ?? 0, output: u.completion_tokens ?? 0, cached: u.prompt_tokens_details?.cached_tokens ?? 0 };
}

function modelOf(cli: FakeCliName, argv: readonly string[]): string {
  const flag = cli === 'claude' ? '--model' : '-m';
  const i = argv.indexOf(flag);
  return i >= 0 ? (argv[i + 1] ?? '') : `${cli}-default`;
}

export async function main(cli: FakeCliName): Promise<void> {
  const argv = process.argv.slice(2);
  const record = process.env.FAKE_CLI_RECORD;
  const index = callIndex(record);
  const mode = modeFor(index);
  const stdin = await readStdin();
  let childPid: number | undefined;
  if (mode === 'hang') {
    // A grandchild in the same process group: cancelling must end it too.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    childPid = child.pid;
  }
  if (record) {
    const line = { cli, argv, cwd: process.cwd(), cwdEntries: readdirSync(process.cwd()), env: process.env, stdin, pid: process.pid, childPid, mode, startedAt: Date.now() };
    appendFileSync(record, `${JSON.stringify(line)}\n`);
  }
  const server = process.env.FAKE_CLI_SERVER;
  const model = modelOf(cli, argv);
  let answer: FakeAnswer = { text: process.env.FAKE_CLI_TEXT ?? `Hello from fake ${cli}.`, input: 120, output: 30, cached: 20 };
  if (mode === 'success' && server) {
    try {
      answer = await relay(server, model, stdin, cli);
    } catch (err) {
      process.stderr.write(`${cli}: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
  const delay = Number(process.env.FAKE_CLI_DELAY_MS ?? '0');
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const out = cliOutput(cli, mode, argv, model, answer);
  for (const line of out.stdout) process.stdout.write(`${line}\n`);
  if (out.stderr) process.stderr.write(`${out.stderr}\n`);
  if (out.end === 'hang') return void setInterval(() => undefined, 1000);
  if (out.end === 'crash') {
    // Let the output reach the pipe first, then die by a signal as a crash does.
    process.stdout.write('', () => process.kill(process.pid, 'SIGABRT'));
    return;
  }
  process.exitCode = out.end;
}
