/** Text similarity for the fuzzy strategy and for naming the closest candidate of a failed block. */

/**
 * Levenshtein distance between a and b, or `max + 1` as soon as it is known to exceed `max`. Only
 * the diagonal band of width 2·max+1 is computed, so the cost is O(length · max).
 */
export function boundedDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  const big = max + 1;
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    cur[0] = i <= max ? i : big;
    if (lo > 1) cur[lo - 1] = big;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      let v = sub < del ? sub : del;
      if (ins < v) v = ins;
      if (v > big) v = big;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < lb) cur[hi + 1] = big;
    if (rowMin > max) return big;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb] > max ? big : prev[lb];
}

/** 1 - distance / longer length, or 0 when that is below `atLeast`. */
export function similarity(a: string, b: string, atLeast = 0): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  // One edit more than (1 - atLeast) · longer, which floating point can round down (43.99… for
  // 0.1 · 440): the exact comparison below decides (past the bound, sim is below atLeast anyway).
  const max = Math.floor((1 - atLeast) * longer) + 1;
  const d = boundedDistance(a, b, max);
  const sim = 1 - d / longer;
  return sim < atLeast ? 0 : sim;
}
