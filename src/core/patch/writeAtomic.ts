/**
 * Writes a file so that it is never seen half-written, even after a crash or a kill: the bytes go to
 * a temporary file in the same folder (same file system, so the rename is atomic), are flushed to
 * disk, and the temporary file is renamed over the target. The target keeps its permission bits.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(absPath: string, data: Uint8Array): Promise<void> {
  const dir = dirname(absPath);
  await mkdir(dir, { recursive: true });
  const mode = await stat(absPath).then(
    (s) => s.mode & 0o7777,
    () => undefined,
  );
  const tmp = join(dir, `.${basename(absPath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', mode ?? 0o666);
  try {
    try {
      await fh.writeFile(data);
      if (mode !== undefined) await fh.chmod(mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, absPath);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable; not every platform can open a folder, which is fine. */
async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  }
}
