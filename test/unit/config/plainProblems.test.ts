import assert from 'node:assert/strict';
import { resolveConfig, type ConfigProblem } from '../../../src/core/config/resolve';

const problemsOf = (input: unknown): ConfigProblem[] => {
  const r = resolveConfig(input);
  assert.ok(!r.ok, 'refused');
  return r.problems;
};
/** The validator's own words, which a person should never have to read. */
const RAW = /Invalid (input|option)|expected (string|number|int|object|one of)|received|Too (big|small)|<=|>=|Unrecognized key/;

// Configuration mistakes reach a person (a VS Code notification, the CLI's error): each says in plain
// words what is wrong with which setting and what to write instead.
describe('configuration problems in plain words', () => {
  it('an empty role ({} — what "Edit in settings.json" used to insert) is one problem naming what a role needs, with an example that works', () => {
    const [p, ...rest] = problemsOf({ roles: { ceo: {} } });
    assert.deepEqual(rest, []);
    assert.equal(p?.path, 'roles.ceo');
    assert.match(p?.message ?? '', /needs a provider and a model/);
    assert.match(p?.message ?? '', /\{ "provider": "anthropic", "model": "claude-sonnet-4-6" \}/);
    assert.match(p?.message ?? '', /null/, 'says how to go back to the default');
    assert.doesNotMatch(p?.message ?? '', RAW);
  });

  it('a missing or misspelt choice lists the choices', () => {
    const [missing] = problemsOf({ roles: { qc: { model: 'gpt-5' } } });
    assert.equal(missing?.path, 'roles.qc.provider');
    assert.match(missing?.message ?? '', /missing/);
    assert.match(missing?.message ?? '', /anthropic, openai, openai-compatible, google, ollama, vscode-lm/);
    const [typo] = problemsOf({ roles: { qc: { provider: 'antropic', model: 'gpt-5' } } });
    assert.match(typo?.message ?? '', /^"antropic" is not one of: anthropic, openai/);
    for (const p of [missing, typo]) assert.doesNotMatch(p?.message ?? '', RAW);
  });

  it('numbers out of range, of the wrong kind, or text where a number goes say the allowed range', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ thresholds: { review: 101 } }, 'thresholds.review', /^must be at most 100; it is 101/],
      [{ thresholds: { review: 'high' } }, 'thresholds.review', /^must be a number, not the text "high"/],
      [{ limits: { parallelTasks: 2.5 } }, 'limits.parallelTasks', /^must be a whole number, not 2\.5/],
      [{ limits: { budgetUsd: -1 } }, 'limits.budgetUsd', /^must be more than 0; it is -1/],
      [{ limits: { reviewRounds: 0 } }, 'limits.reviewRounds', /^must be at least 1; it is 0/],
      [{ allowSelfReview: 'yes' }, 'allowSelfReview', /^must be true or false, not the text "yes"/],
    ];
    for (const [input, path, message] of cases) {
      const [p] = problemsOf(input);
      assert.equal(p?.path, path);
      assert.match(p?.message ?? '', message);
      assert.doesNotMatch(p?.message ?? '', RAW);
    }
  });

  it('a role written as text, a bad URL and an unknown key say what is expected instead', () => {
    const [text] = problemsOf({ roles: { ceo: 'openai:gpt-5' } });
    assert.match(text?.message ?? '', /must be an object such as \{ "provider": "anthropic", "model": "claude-sonnet-4-6" \}, not the text "openai:gpt-5"/);
    const [url] = problemsOf({ roles: { ceo: { provider: 'openai', model: 'x', baseUrl: 'not a url' } } });
    assert.match(url?.message ?? '', /must be a URL such as https:\/\/example\.com\/v1/);
    const [typo] = problemsOf({ rolez: {} });
    assert.match(typo?.message ?? '', /"rolez" is not a setting here \(a typo\?\)/);
    for (const p of [text, url, typo]) assert.doesNotMatch(p?.message ?? '', RAW);
  });
});
