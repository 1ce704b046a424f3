// Standalone fake for tests that start the CLI in another process:
//   node out/test/fakes/serve.js [port]
// prints its base URL as the first line of stdout, then is driven over /__fake/ (see control.ts).
import { FakeLlm } from './fakeLlm';

async function main(): Promise<void> {
  const port = Number(process.argv[2] ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`bad port: ${process.argv[2]}`);
  const fake = new FakeLlm();
  const url = await fake.listen(port);
  process.stdout.write(`${url}\n`);
  const stop = (): void => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-llm: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
