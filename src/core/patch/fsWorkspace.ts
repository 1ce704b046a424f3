/**
 * The file-system host of the patch engine, for the CLI and tests (plain Node, no editor). Reading
 * resolves links and refuses any that lead out of the workspace or into its protected folders;
 * writing re-checks that the file did not change since it was read, keeps its encoding, and writes
 * each file atomically.
 */
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { checkPatchPath } from '../blocks/safePath';
import type { FileChange, FileRead, WorkspacePort, WriteOutcome } from '../ports';
import { diskLookup, fold, ignoresCase, spelledOnDisk, type NameLookup } from './diskSpelling';
import { decodeText, encodeText, limitOf, UTF8, type FileEncoding } from './encoding';
import { writeFileAtomic } from './writeAtomic';

interface Resolved {
  /** Real absolute path the bytes live at (links followed). */
  abs: string;
  encoding: FileEncoding;
}

export class FsWorkspace implements WorkspacePort {
  private realRoot: string | undefined;
  private readonly resolved = new Map<string, Resolved>();
  private readonly caseMemo = new Map<string, Promise<boolean>>();

  /** `lookup`: how names are listed and found on the disk (tests give a case-insensitive one). */
  constructor(
    readonly root: string,
    private readonly lookup: NameLookup = diskLookup,
  ) {}

  async read(path: string): Promise<FileRead> {
    const root = await this.rootReal();
    const abs = join(root, ...path.split('/'));
    const info = await lstat(abs).catch((e: NodeJS.ErrnoException) => e);
    if (info instanceof Error) {
      if (info.code === 'ENOTDIR') return unreadable('a folder on its path is a file');
      if (info.code !== 'ENOENT') return unreadable(`it cannot be read (${info.code ?? info.message})`);
      return this.resolveMissing(root, path, abs);
    }
    const real = await realpath(abs).catch(() => undefined);
    if (real === undefined) return unsafe('it is a link to something that does not exist');
    const escape = this.escapes(root, real);
    if (escape) return unsafe(escape);
    const target = await stat(real);
    if (!target.isFile()) return unreadable(target.isDirectory() ? 'it is a folder' : 'it is not a regular file');
    const decoded = decodeText(await readFile(real));
    if (!decoded.ok) return unreadable(decoded.reason);
    this.resolved.set(path, { abs: real, encoding: decoded.encoding });
    return { kind: 'text', text: decoded.text, identity: await fileIdentity(root, real, this.lookup), holds: limitOf(decoded.encoding) };
  }

  /**
   * The identity read() gives the file at an absolute path (a file open in an editor, say), without
   * reading it; undefined when it is not a file inside the workspace.
   */
  async identityAt(abs: string): Promise<string | undefined> {
    const root = await this.rootReal();
    const real = await realpath(abs).catch(() => undefined);
    if (real === undefined || this.escapes(root, real) !== undefined) return undefined;
    return fileIdentity(root, real, this.lookup);
  }

  /** Where the file's bytes really are (links followed), as last read; undefined if it was not read. */
  realPathOf(path: string): string | undefined {
    return this.resolved.get(path)?.abs;
  }

  /** The encoding the file had when it was last read (undefined if it was not read, or is new). */
  encodingOf(path: string): FileEncoding | undefined {
    return this.resolved.get(path)?.encoding;
  }

  /**
   * Writes every change that still applies and reports each file. A file that changed on disk since
   * it was read is not overwritten: that would silently drop someone else's edit.
   */
  async write(changes: readonly FileChange[], _label = ''): Promise<WriteOutcome[]> {
    const out: WriteOutcome[] = [];
    for (const c of changes) {
      out.push(await this.writeOne(c).catch((e: NodeJS.ErrnoException) => ({ path: c.path, ok: false as const, reason: `writing failed (${e.code ?? e.message})` })));
    }
    return out;
  }

  private async writeOne(c: FileChange): Promise<WriteOutcome> {
    let r = this.resolved.get(c.path);
    if (!r) {
      const checked = checkPatchPath(c.path);
      if (!checked.ok) return { path: c.path, ok: false, reason: checked.reason };
      const read = await this.read(checked.path);
      if (read.kind === 'refused') return { path: c.path, ok: false, reason: read.reason };
      r = this.resolved.get(checked.path);
      if (!r) return { path: c.path, ok: false, reason: 'the file could not be resolved' };
    }
    const now = await readFile(r.abs).then(
      (b) => decodeText(b),
      () => undefined,
    );
    // Changed on disk into something that is not text: "read it again" would only fail the same way.
    if (now !== undefined && !now.ok) return { path: c.path, ok: false, reason: `the file changed on disk after it was read and is no longer text (${now.reason}); nothing was written` };
    const current = now === undefined ? null : now.text;
    if (current !== c.before) {
      return { path: c.path, ok: false, reason: 'the file changed on disk after it was read; read it again and resend the block' };
    }
    const encoded = encodeText(c.after, r.encoding, c.before);
    if (!encoded.ok) return { path: c.path, ok: false, reason: encoded.reason };
    await writeFileAtomic(r.abs, encoded.bytes);
    return { path: c.path, ok: true };
  }

  private async rootReal(): Promise<string> {
    this.realRoot ??= await realpath(this.root);
    return this.realRoot;
  }

  /** A missing file: its nearest existing folder decides where it would really be written. */
  private async resolveMissing(root: string, path: string, abs: string): Promise<FileRead> {
    let dir = dirname(abs);
    const rest: string[] = [abs.slice(dir.length + 1)];
    for (;;) {
      const info = await lstat(dir).catch(() => undefined);
      if (info) break;
      rest.unshift(dir.slice(dirname(dir).length + 1));
      dir = dirname(dir);
    }
    const real = await realpath(dir).catch(() => undefined);
    if (real === undefined) return unsafe('a folder on its path is a link to something that does not exist');
    if (!(await stat(real)).isDirectory()) return unreadable('a folder on its path is a file');
    const target = join(real, ...rest);
    const escape = this.escapes(root, target);
    if (escape) return unsafe(escape);
    this.resolved.set(path, { abs: target, encoding: UTF8 });
    // The folder that exists, and the rest of the name, in one case if that folder ignores case.
    const tail = rest.join('/');
    return { kind: 'missing', identity: `new:${await spelledOnDisk(root, real, this.lookup)}/${(await this.ignoresCase(real)) ? fold(tail) : tail}` };
  }

  /** Whether names in the folder are looked up regardless of letter case (Windows, macOS, ext4 casefold). */
  private ignoresCase(dir: string): Promise<boolean> {
    let known = this.caseMemo.get(dir);
    if (!known) {
      known = ignoresCase(dir, this.lookup);
      this.caseMemo.set(dir, known);
    }
    return known;
  }

  /** Why a resolved location is off limits, or undefined when it is inside and allowed. */
  private escapes(root: string, real: string): string | undefined {
    if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
      return 'it leads outside the workspace through a link';
    }
    const rel = relative(root, real).split(sep).join('/');
    const checked = checkPatchPath(rel);
    return checked.ok ? undefined : `it leads through a link to ${rel}, and ${checked.reason.replace(/^the path "[^"]*" /, '')}`;
  }
}

/**
 * Which file the bytes are: the real path as the disk spells it, so links inside the workspace and
 * letter case on a case-insensitive disk meet. Hard links are two real paths, so each name is its own
 * file (an atomic write replaces the name it writes, so merging them would lose the other's edits).
 */
async function fileIdentity(root: string, real: string, lookup: NameLookup): Promise<string> {
  return `file:${await spelledOnDisk(root, real, lookup)}`;
}

function unsafe(reason: string): FileRead {
  return { kind: 'refused', why: 'unsafe_path', reason };
}

function unreadable(reason: string): FileRead {
  return { kind: 'refused', why: 'unreadable', reason };
}
