// A second process writing the learning store: `node learningWriter.js <file> <prefix> <n>` remembers
// n learnings, one write each, as n runs finishing would (the concurrent-writers test starts two).
import { FileLearningStore } from '../../src/core/learning';

async function main(): Promise<void> {
  const [file, prefix, count] = process.argv.slice(2);
  if (!file || !prefix || !count) throw new Error('usage: learningWriter <file> <prefix> <n>');
  const store = new FileLearningStore({ file, warn: (m) => process.stderr.write(`${m}\n`) });
  for (let i = 0; i < Number(count); i++) {
    await store.remember(`${prefix}-run-${i}`, {
      dac: 1,
      kind: 'learning',
      dna: [{ topic: `${prefix} topic ${i}`, choice: `choice ${i}`, why: 'written concurrently' }],
      traps: [],
      rules: [{ rule: `${prefix} rule ${i}`, why: 'written concurrently' }],
    });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
