import assert from 'node:assert/strict';
import { expandFiles, splitCommand } from '../../../src/core/exec';

const words = (line: string) => {
  const r = splitCommand(line);
  assert.ok(r.ok, `refused ${JSON.stringify(line)}: ${r.ok ? '' : r.reason}`);
  return r.argv;
};
const refusal = (line: string) => {
  const r = splitCommand(line);
  assert.ok(!r.ok, `accepted ${JSON.stringify(line)} as ${JSON.stringify(r.ok && r.argv)}`);
  return r.reason;
};

describe('splitCommand', () => {
  it('splits words as a POSIX shell does: quotes, backslashes, tabs', () => {
    assert.deepEqual(words('npm test'), ['npm', 'test']);
    assert.deepEqual(words('  node  --test\t"test/a b.test.js" \'c d.js\' e\\ f.js '), ['node', '--test', 'test/a b.test.js', 'c d.js', 'e f.js']);
    assert.deepEqual(words('node -e ""'), ['node', '-e', '']);
    assert.deepEqual(words('a"b c"\'d\''), ['ab cd']);
    assert.deepEqual(words('printf "%s\\n" "say \\"hi\\""'), ['printf', '%s\\n', 'say "hi"']);
    assert.deepEqual(words("echo 'it''s'"), ['echo', 'its']);
    assert.deepEqual(words('npx mocha --grep "a|b"'), ['npx', 'mocha', '--grep', 'a|b']);
  });

  it('keeps quoted or escaped special characters as literal text', () => {
    assert.deepEqual(words("node -e 'console.log($HOME, `x`, 1 && 2; a > b)'"), ['node', '-e', 'console.log($HOME, `x`, 1 && 2; a > b)']);
    assert.deepEqual(words('mocha "test/**/*.test.js"'), ['mocha', 'test/**/*.test.js']);
    assert.deepEqual(words('ls a\\*b \\#c "d#e" \'~/f\''), ['ls', 'a*b', '#c', 'd#e', '~/f']);
    assert.deepEqual(words('echo "a\\$b"'), ['echo', 'a$b']);
    assert.deepEqual(words('echo a=b'), ['echo', 'a=b']);
  });

  const refused: Array<[string, RegExp]> = [
    ['npm test | tee log', /`\|` \(a pipe\)/],
    ['npm run build && npm test', /`&&` \(an and-list\)/],
    ['npm test || true', /`\|\|`/],
    ['npm run build; npm test', /`;` \(a command separator\)/],
    ['npm test > out.txt', /`>` \(a redirection\)/],
    ['npm test 2>&1', /`>&` \(a redirection\)/],
    ['node app.js < input', /`<` \(a redirection\)/],
    ['npm start &', /`&` \(a background job\)/],
    ['(cd x && npm test)', /subshell/],
    ['mocha test/*.js', /glob `\*`/],
    ['mocha test/?.js', /glob `\?`/],
    ['mocha test/[ab].js', /glob `\[`/],
    ['echo $HOME', /variable substitution `\$…`/],
    ['echo "${HOME}/x"', /variable substitution/],
    ['echo $(whoami)', /command substitution `\$\(…\)`/],
    ['echo "$(whoami)"', /command substitution/],
    ['echo `whoami`', /backticks/],
    ['echo "`whoami`"', /backticks/],
    ["echo $'a\\nb'", /substitution/],
    ['NODE_ENV=test npm test', /environment assignment/],
    ['node ~/x.js', /`~`/],
    ['npm test # all of them', /comment `#`/],
    ['npm test\nnpm run lint', /line break/],
    ['npm test \\\n --coverage', /line continuation/],
    ['echo {a,b}.js', /brace expansion/],
  ];
  for (const [line, reason] of refused) {
    it(`refuses ${JSON.stringify(line)}, naming what needs a shell`, () => {
      const why = refusal(line);
      assert.match(why, reason);
      assert.match(why, /^run without a shell: .* needs a shell; write one command, or put the pipeline in a script file the task owns$/s);
    });
  }

  it('refuses an unterminated quote and an empty command with their own reasons', () => {
    assert.match(refusal('node -e "console.log(1)'), /unterminated quote: a " is opened and never closed/);
    assert.match(refusal("echo 'x"), /unterminated quote: a ' is opened/);
    assert.match(refusal('   '), /the command is empty/);
    assert.match(refusal(''), /the command is empty/);
  });
});

describe('expandFiles', () => {
  it('turns {files} into one word per file, after splitting, so spaces stay inside one word', () => {
    const split = splitCommand('node --test {files} --test-reporter=spec');
    assert.ok(split.ok);
    assert.deepEqual(expandFiles(split.argv, ['test/a b.test.js', 'test/c.test.js']), ['node', '--test', 'test/a b.test.js', 'test/c.test.js', '--test-reporter=spec']);
  });

  it('file names are never read by a shell: $, ;, * stay literal', () => {
    assert.deepEqual(expandFiles(['mocha', '{files}'], ['t/$(rm -rf x);*.js']), ['mocha', 't/$(rm -rf x);*.js']);
  });

  it('no files: the placeholder disappears; no placeholder: argv unchanged', () => {
    assert.deepEqual(expandFiles(['mocha', '{files}'], []), ['mocha']);
    assert.deepEqual(expandFiles(['npm', 'test'], ['a.js']), ['npm', 'test']);
  });
});
