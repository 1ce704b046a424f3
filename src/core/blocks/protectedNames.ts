/**
 * Names a model never writes (DESIGN.md, "What models may write"), at any depth, each with its own
 * reason, and the spellings a file system reads as the same name. A path is checked before the disk is
 * known, so every file system's aliases count: letter case (Windows, macOS), trailing dots and spaces
 * and NTFS streams and 8.3 short names (Windows), characters HFS+ ignores (macOS).
 */

interface Protected {
  /** The name as the file system would hold it, lower case. */
  name: string;
  /** What the name is and why a model must not write it. */
  why: string;
}

const GIT: Protected = {
  name: '.git',
  why: "it is version control's own data (a folder, or in a worktree or submodule a file saying where the repository is), and its config and hooks run code",
};

const NAMES: readonly Protected[] = [
  GIT,
  { name: '.factory', why: "it is Factory's own run state (journals, settings)" },
  { name: '.vscode', why: 'it holds VS Code workspace settings, tasks and launch configurations, which can run code and redirect where keys are sent' },
  { name: '.idea', why: 'it holds JetBrains IDE settings and run configurations, which can run code' },
  { name: '.devcontainer', why: 'it is dev container configuration, whose commands run when the container is built or opened' },
  { name: '.devcontainer.json', why: 'it is dev container configuration, whose commands run when the container is built or opened' },
  { name: '.envrc', why: 'direnv runs it as shell code whenever someone enters the folder' },
];

/** `*.code-workspace`: a VS Code workspace file, with settings and tasks like `.vscode/`. */
const WORKSPACE_FILE = /\.code-workspace$/;
const WORKSPACE_WHY = 'it is a VS Code workspace file, whose settings and tasks can run code and redirect where keys are sent';

/**
 * Windows 8.3 short names: the first six letters of the name without its dot, `~` and a number, and
 * the first three letters of an extension (`.git` is also `GIT~1`, `.devcontainer.json` is
 * `DEVCON~1.JSO`). The hashed forms Windows uses after four collisions cannot be predicted without
 * the disk, and need four look-alike names to exist first.
 */
function shortNameOf(name: string): RegExp {
  const dot = name.indexOf('.', 1);
  // Stryker disable next-line ConditionalExpression,MethodExpression: the one protected name with an extension (.devcontainer.json) has a stem of more than the six letters kept, so the stem and the whole name give the same six
  const stem = dot === -1 ? name : name.slice(0, dot);
  const base = stem.replace(/[^a-z0-9]/g, '').slice(0, 6);
  const ext = dot === -1 ? '' : `\\.${name.slice(dot + 1, dot + 4)}`;
  return new RegExp(`^${base}~[0-9]+${ext}$`);
}
const SHORT_NAMES = NAMES.map((p) => ({ p, short: shortNameOf(p.name) }));

/**
 * Characters HFS+ (macOS) skips when comparing names (`.g\u200cit` is `.git` there), and BOMs and
 * other invisible format characters no real file name needs.
 */
const IGNORABLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;

export interface ProtectedHit {
  /** The protected name the segment stands for, e.g. `.git`. */
  name: string;
  why: string;
  /** How the segment comes to mean that name; empty when it is the name as written. */
  disguise: string;
}

/** The protected name one path segment stands for on some file system, or undefined. */
export function protectedName(segment: string): ProtectedHit | undefined {
  const hows: string[] = [];
  let s = segment;
  const colon = s.indexOf(':');
  if (colon > 0) {
    s = s.slice(0, colon);
    hows.push(`Windows reads what follows ":" as an NTFS stream of "${s}"`);
  }
  const visible = s.replace(IGNORABLE, '');
  if (visible !== s) hows.push('macOS ignores its invisible characters');
  const folded = visible.normalize('NFKC').toLowerCase();
  if (folded !== visible.toLowerCase()) hows.push('its letters are compatibility forms of the same letters');
  const trimmed = folded.replace(/[. ]+$/, '');
  // A segment of only dots and spaces trims to '', which names nothing protected.
  if (trimmed !== folded) hows.push('Windows drops trailing dots or spaces');
  if (hows.length === 0 && trimmed !== segment) hows.push('letter case does not tell names apart on Windows and macOS disks');
  const disguise = hows.join(', and ');

  const hit = NAMES.find((p) => p.name === trimmed);
  if (hit) return { name: hit.name, why: hit.why, disguise };
  if (WORKSPACE_FILE.test(trimmed)) return { name: '*.code-workspace', why: WORKSPACE_WHY, disguise };
  const short = SHORT_NAMES.find((n) => n.short.test(trimmed));
  if (short) return { name: short.p.name, why: short.p.why, disguise: `it is the 8.3 short name Windows gives ${short.p.name}` };
  return undefined;
}
