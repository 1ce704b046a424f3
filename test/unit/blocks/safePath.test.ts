import assert from 'node:assert/strict';
import { checkPatchPath } from '../../../src/core/blocks/safePath';

describe('checkPatchPath', () => {
  it('normalises harmless spellings of a relative path', () => {
    const cases: Array<[string, string]> = [
      ['src/a.ts', 'src/a.ts'],
      ['./src/a.ts', 'src/a.ts'],
      ['src//a.ts', 'src/a.ts'],
      ['src\\a.ts', 'src/a.ts'],
      ['src/./a.ts', 'src/a.ts'],
      ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
      ['.gitignore', '.gitignore'],
      ['app/[slug]/page.tsx', 'app/[slug]/page.tsx'],
    ];
    for (const [raw, want] of cases) assert.deepEqual(checkPatchPath(raw), { ok: true, path: want }, raw);
  });

  it('refuses paths that leave the workspace or touch protected folders', () => {
    const refused = [
      '',
      '/etc/passwd',
      '\\\\server\\share\\x',
      'C:\\x.txt',
      'c:x.txt',
      '~/x',
      '..',
      '../x',
      'a/../../x',
      'a/../b',
      '.git/config',
      'sub/.git/HEAD',
      '.GIT/config',
      '.git./config',
      '.factory/config.json',
      'x/.Factory/runs/1/journal.jsonl',
      'src/',
      '.',
      'a\u0000b',
      'a\nb',
    ];
    for (const raw of refused) {
      const r = checkPatchPath(raw);
      assert.equal(r.ok, false, JSON.stringify(raw));
      if (!r.ok) assert.ok(r.reason.length > 10);
    }
  });
});

// DESIGN.md, "What models may write": never `.git/` (any case), `.factory/`, editor and tool settings
// that run code or redirect keys, whatever spelling a file system reads as the same name.
describe('checkPatchPath: protected names, each refused for its own reason', () => {
  const reasonOf = (raw: string): string => {
    const r = checkPatchPath(raw);
    assert.equal(r.ok, false, `${JSON.stringify(raw)} must be refused`);
    return r.ok ? '' : r.reason;
  };

  const because: Array<[RegExp, string[]]> = [
    [/version control/, ['.git/config', '.GIT/config', 'sub/.Git/hooks/pre-commit', '.git', 'vendor/lib/.git']],
    [/Factory's own run state/, ['.factory/config.json', 'x/.FACTORY/runs/1/journal.jsonl']],
    [/VS Code/, ['.vscode/settings.json', '.VSCode/tasks.json', 'packages/app/.vscode/launch.json', 'team.code-workspace', 'ws/All.Code-Workspace']],
    [/JetBrains/, ['.idea/workspace.xml', '.IDEA/runConfigurations/x.xml']],
    [/dev container/, ['.devcontainer/devcontainer.json', '.DevContainer/Dockerfile', '.devcontainer.json']],
    [/direnv/, ['.envrc', 'sub/.envrc', '.ENVRC']],
  ];
  for (const [why, paths] of because) {
    it(`${why.source}: ${paths.join(', ')}`, () => {
      for (const raw of paths) {
        const reason = reasonOf(raw);
        assert.match(reason, why, raw);
        assert.match(reason, /never lets a model write/, raw);
        assert.doesNotMatch(reason, raw.toLowerCase().includes('.factory') ? /version control/ : /run state/, raw);
      }
    });
  }

  it('says what to do instead', () => {
    assert.match(reasonOf('.vscode/settings.json'), /leave .* out of the reply/i);
  });

  it('refuses spellings that Windows or macOS read as a protected name, and says how', () => {
    const disguised: Array<[string, string, RegExp]> = [
      ['.git./config', '.git', /trailing dots or spaces/],
      ['.git ./config', '.git', /trailing dots or spaces/],
      ['.envrc.', '.envrc', /trailing dots or spaces/],
      ['.vscode../settings.json', '.vscode', /trailing dots or spaces/],
      ['.git::$INDEX_ALLOCATION/config', '.git', /NTFS stream/],
      ['.git:$I30:$INDEX_ALLOCATION/hooks/post-checkout', '.git', /NTFS stream/],
      ['.envrc::$DATA', '.envrc', /NTFS stream/],
      ['GIT~1/config', '.git', /8\.3 short name/],
      ['git~2/hooks/pre-commit', '.git', /8\.3 short name/],
      ['VSCODE~1/settings.json', '.vscode', /8\.3 short name/],
      ['DEVCON~1/devcontainer.json', '.devcontainer', /8\.3 short name/],
      ['.g\u200cit/config', '.git', /ignores/],
      ['.vscode\ufeff/tasks.json', '.vscode', /ignores/],
      ['.v\u017fcode/settings.json', '.vscode', /same letters/],
      ['.\uff49\uff44\uff45\uff41/workspace.xml', '.idea', /same letters/],
    ];
    for (const [raw, name, how] of disguised) {
      const reason = reasonOf(raw);
      assert.ok(reason.includes(name), `${raw}: ${reason}`);
      assert.match(reason, how, raw);
    }
  });

  it('allows names that only look alike', () => {
    const allowed = [
      '.vscodeignore',
      '.vscode-test/settings.json',
      '.vscode.md',
      '.ideas/list.md',
      '.devcontainer-notes.md',
      '.envrc.example',
      '.env',
      '.env.local',
      '.gitignore',
      '.gitattributes',
      '.gitmodules',
      '.git-blame-ignore-revs',
      '.github/workflows/ci.yml',
      'docs/.git.md',
      'src/factory.ts',
      'factory/run.ts',
      'workspace.code-workspace.md',
      'notes/git~1.txt.bak',
    ];
    for (const raw of allowed) assert.deepEqual(checkPatchPath(raw), { ok: true, path: raw }, raw);
  });
});

describe('checkPatchPath: what a refusal says', () => {
  const reasonOf = (raw: string): string => {
    const r = checkPatchPath(raw);
    assert.equal(r.ok, false, `${JSON.stringify(raw)} must be refused`);
    return r.ok ? '' : r.reason;
  };
  const NEXT = 'use a path relative to the workspace root, with /, inside the workspace';
  const GIT_WHY =
    "which Factory never lets a model write: it is version control's own data (a folder, or in a worktree or submodule a file saying where the repository is), and its config and hooks run code. Leave this file out of the reply; if it must change, say what to change and the person will do it";

  it('names what is wrong with a path that cannot be in the workspace, and what to write instead', () => {
    const cases: Array<[string, string]> = [
      ['', 'is empty'],
      ['a\u0000b', 'contains control characters'],
      ['a\u007fb', 'contains control characters'],
      ['/etc/passwd', 'is absolute'],
      ['C:/x.txt', 'has a drive letter (it is absolute)'],
      ['~/x', 'starts with ~ (a home folder)'],
      ['src/', 'names a folder, not a file'],
      ['.', 'names the workspace itself, not a file'],
      ['./', 'names a folder, not a file'],
      ['a/../../x', 'contains .. (it could leave the workspace)'],
    ];
    for (const [raw, why] of cases) assert.equal(reasonOf(raw), `the path "${raw}" ${why}; ${NEXT}`, JSON.stringify(raw));
  });

  it('says whether the path is a protected name or inside one, and adds nothing when it is spelt as the name', () => {
    assert.equal(reasonOf('.git'), `the path ".git" is .git, ${GIT_WHY}`);
    assert.equal(reasonOf('vendor/.git/config'), `the path "vendor/.git/config" is inside .git/, ${GIT_WHY}`);
    assert.match(reasonOf('team.code-workspace'), /^the path "team\.code-workspace" is a \*\.code-workspace file, which Factory never lets a model write: it is a VS Code workspace file/);
  });

  it('says how a disguised segment comes to be the protected name, every way at once', () => {
    assert.equal(reasonOf('.GIT/config'), `the path ".GIT/config" is inside .git/ (".GIT" is .git: letter case does not tell names apart on Windows and macOS disks), ${GIT_WHY}`);
    assert.equal(reasonOf('.git./config'), `the path ".git./config" is inside .git/ (".git." is .git: Windows drops trailing dots or spaces), ${GIT_WHY}`);
    const both = '.g\u200cit./config';
    assert.equal(
      reasonOf(both),
      `the path "${both}" is inside .git/ (".g\u200cit." is .git: macOS ignores its invisible characters, and Windows drops trailing dots or spaces), ${GIT_WHY}`,
    );
  });

  it('refuses the 8.3 short name Windows gives a protected name with an extension', () => {
    assert.match(reasonOf('DEVCON~1.JSO'), /^the path "DEVCON~1\.JSO" is \.devcontainer\.json \("DEVCON~1\.JSO" is \.devcontainer\.json: it is the 8\.3 short name Windows gives \.devcontainer\.json\)/);
    assert.match(reasonOf('sub/devcon~2.jso'), /is \.devcontainer\.json/);
    // The extension is the first three letters after the dot, no more and no fewer.
    for (const raw of ['DEVCON~1.JSON', 'DEVCON~1.JS', 'DEVCON~1.DEV']) assert.deepEqual(checkPatchPath(raw), { ok: true, path: raw }, raw);
  });

  it('reads a segment that starts with ":" as the whole name, not as a stream of an empty name', () => {
    // Linux and macOS allow such names, and VS Code opens `:team.code-workspace` as a workspace file.
    assert.match(reasonOf(':team.code-workspace'), /is a \*\.code-workspace file, which Factory never lets/);
  });
});
