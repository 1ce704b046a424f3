/**
 * Waits for every promise, then fails with the first failure. Used where steps run side by side
 * (a wave's tasks, a task's gates): when one stops (cancel, budget), the others finish or stop too
 * before the stage returns, so nothing keeps writing after the run has ended.
 */
export async function settleAll<T>(work: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}
