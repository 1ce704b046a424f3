/**
 * The bubblewrap arguments of the policy (DESIGN.md, "Where commands run"): everything read-only,
 * a private /tmp and /run (no host sockets: no Docker or D-Bus through the back door), the user's
 * home hidden, the workspace writable with `.git` and `.factory` read-only, new namespaces for
 * everything (PID, network with only its own loopback, IPC, UTS, user), a new session, and the
 * sandbox gone when Factory goes. Pure: the caller finds the paths.
 */

export interface SandboxLayout {
  /** The workspace, real path: bound writable. */
  workspace: string;
  /** Paths inside the workspace bound read-only over it (`.git`, `.factory`), those that exist. */
  readOnlyInWorkspace: readonly string[];
  /** The user's home, hidden behind an empty folder (unless it is `/`). */
  home: string | undefined;
  /** Folders under the home shown again, read-only: the programs commands need (node from nvm, ~/.local/bin). */
  shownInHome: readonly string[];
  /** Host folders that exist and are hidden behind an empty one (/tmp, /run, /var/tmp). */
  privateDirs: readonly string[];
  /** A host folder bound writable at the same path (the bridge of an app's sandbox). */
  extraWritable?: readonly string[];
  /** Where the command starts (inside the workspace). */
  cwd: string;
}

export function bwrapArgs(layout: SandboxLayout): string[] {
  const args = ['--die-with-parent', '--new-session', '--unshare-all', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  for (const dir of layout.privateDirs) args.push('--tmpfs', dir);
  if (layout.home !== undefined && layout.home !== '/') args.push('--tmpfs', layout.home);
  for (const dir of layout.shownInHome) args.push('--ro-bind', dir, dir);
  for (const dir of layout.extraWritable ?? []) args.push('--bind', dir, dir);
  // After the folders above are hidden, so a workspace inside the home or /tmp is bound back.
  args.push('--bind', layout.workspace, layout.workspace);
  for (const p of layout.readOnlyInWorkspace) args.push('--ro-bind', p, p);
  // Temporary files go to the private /tmp: a TMPDIR or runtime folder of the host's is hidden in here.
  args.push('--setenv', 'TMPDIR', '/tmp', '--unsetenv', 'XDG_RUNTIME_DIR');
  args.push('--chdir', layout.cwd, '--');
  return args;
}
