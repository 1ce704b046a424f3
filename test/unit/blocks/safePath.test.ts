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
