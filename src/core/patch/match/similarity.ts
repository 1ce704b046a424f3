/** Text similarity for the fuzzy strategy and for naming the closest candidate of a failed block. */

/**
 * Levenshtein distance between a and b, or `max + 1` as soon as it is known to exceed `max`. Only
 * the diagonal band of width 2·max+1 is computed, so the cost is O(length · max).
 */
export function boundedDistance(a: string, b: string, max: number): number {
  // Stryker disable next-line ConditionalExpression: a shortcut; the table gives 0 for equal text too
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const big = max + 1;
  if (Math.abs(la - lb) > max) return big;
  // Cells outside the band hold `big`, and no cell exceeds it. The spare cell past the end takes the
  // write after each row's band, so that needs no bounds check; it is never read.
  let prev = new Int32Array(lb + 2);
  let cur = new Int32Array(lb + 2);
  for (let j = 0; j <= lb; j++) prev[j] = Math.min(j, big);
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    // Stryker disable next-line MethodExpression: a wider band only costs time (cells outside it stay over the bound), and columns past the end are never read back
    const hi = Math.min(lb, i + max);
    cur[lo - 1] = big;
    cur[0] = Math.min(i, big);
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const v = Math.min(prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1), prev[j] + 1, cur[j - 1] + 1, big);
      cur[j] = v;
      rowMin = Math.min(rowMin, v);
    }
    cur[hi + 1] = big;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: stopping early only saves time; the last row says `big` too
    if (rowMin > max) return big;
    [prev, cur] = [cur, prev];
  }
  return prev[lb];
}

/** 1 - distance / longer length, or 0 when that is below `atLeast`. */
export function similarity(a: string, b: string, atLeast = 0): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  // One edit more than (1 - atLeast) · longer, which floating point can round down (43.99… for
  // 0.1 · 440): the exact comparison below decides (past the bound, sim is below atLeast anyway).
  // Stryker disable next-line ArithmeticOperator: a looser bound only costs time; the comparison below decides
  const max = Math.floor((1 - atLeast) * longer) + 1;
  const d = boundedDistance(a, b, max);
  const sim = 1 - d / longer;
  return sim < atLeast ? 0 : sim;
}
