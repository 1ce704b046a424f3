/**
 * Captured output with a fixed memory bound: the first half of the cap and the last half are kept,
 * the middle is counted and dropped. A test run's head says what ran and its tail holds the summary
 * and the failures, so both ends matter; a command printing gigabytes costs only the cap.
 */
export class OutputBuffer {
  private readonly headCap: number;
  private readonly tailCap: number;
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(capBytes: number) {
    const cap = Math.max(2, Math.floor(capBytes));
    this.headCap = Math.floor(cap / 2);
    this.tailCap = cap - this.headCap;
  }

  /** Bytes received in all. */
  get bytes(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.headCap + this.tailCap;
  }

  append(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headCap) {
      const take = Math.min(this.headCap - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    // Copy: the tail keeps at most tailCap bytes, and a slice would pin the whole chunk in memory.
    this.tail.push(Buffer.from(rest.subarray(Math.max(0, rest.length - this.tailCap))));
    this.tailBytes += Math.min(rest.length, this.tailCap);
    while (this.tail.length > 1 && this.tailBytes - (this.tail[0] as Buffer).length >= this.tailCap) {
      this.tailBytes -= (this.tail.shift() as Buffer).length;
    }
  }

  /** The kept text; when the middle was dropped, a marker line says how many bytes. */
  text(): string {
    const head = Buffer.concat(this.head);
    let tail = Buffer.concat(this.tail);
    if (tail.length > this.tailCap) tail = tail.subarray(tail.length - this.tailCap);
    if (!this.truncated) return Buffer.concat([head, tail]).toString('utf8');
    const cut = this.total - head.length - tail.length;
    // Cut at character boundaries so the kept ends decode cleanly.
    const headEnd = utf8Boundary(head, head.length);
    const tailStart = utf8Start(tail);
    const dropped = cut + (head.length - headEnd) + tailStart;
    return `${head.subarray(0, headEnd).toString('utf8')}\n[… ${describeBytes(dropped)} of output cut from the middle …]\n${tail.subarray(tailStart).toString('utf8')}`;
  }
}

/** The largest end ≤ `end` that does not split a UTF-8 character. */
function utf8Boundary(buf: Buffer, end: number): number {
  let i = end;
  // Step back over continuation bytes (10xxxxxx) to the lead byte, then see whether its character fits.
  while (i > 0 && i > end - 4 && ((buf[i - 1] as number) & 0xc0) === 0x80) i--;
  if (i === 0) return end;
  const lead = buf[i - 1] as number;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return end - (i - 1) >= need ? end : i - 1;
}

/** The first index that starts a character (skips continuation bytes at the front). */
function utf8Start(buf: Buffer): number {
  let i = 0;
  while (i < buf.length && i < 3 && ((buf[i] as number) & 0xc0) === 0x80) i++;
  return i;
}

export function describeBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB (${n} bytes)`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB (${n} bytes)`;
}
