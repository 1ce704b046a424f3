import assert from 'node:assert/strict';
import { spendOverrides, userBudget, workspaceBudget, workspacePrices } from '../../../src/core/config/spendRules';

// The budget is the user's protection against costs that run away: a workspace (a cloned repository)
// may not price a model, and may set limits.budgetUsd only lower than the user's own budget.
describe('what a workspace may set about spending', () => {
  describe('providers.prices: a workspace may set none', () => {
    it('refuses a price of 0, saying the budget would not count the model', () => {
      assert.deepEqual(workspacePrices({ providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } } }), [
        { setting: 'providers.prices.openai:gpt-5', description: 'would price gpt-5 at $0, so the budget would not count it' },
      ]);
    });

    it('refuses any price, not only 0: each entry is named, keyed by model or by provider and model', () => {
      const found = workspacePrices({
        providers: { prices: { 'gpt-5': { input: 0.01, output: 0.02 }, 'openai-compatible:kimi-k2': { input: 60, output: 250 }, 'anthropic:claude-x': { input: 0, output: 1 } } },
      });
      assert.deepEqual(
        found.map((f) => f.setting),
        ['providers.prices.gpt-5', 'providers.prices.openai-compatible:kimi-k2', 'providers.prices.anthropic:claude-x'],
      );
      assert.match(found[0]?.description ?? '', /^would price gpt-5 at \$0\.01 input, \$0\.02 output per million tokens/);
      assert.match(found[1]?.description ?? '', /^would price kimi-k2 at \$60 input, \$250 output/);
    });

    it('refuses a model name that has a colon of its own, naming the key as written', () => {
      const [found] = workspacePrices({ providers: { prices: { 'qwen2.5-coder:7b': { input: 0, output: 0 } } } });
      assert.equal(found?.setting, 'providers.prices.qwen2.5-coder:7b');
      assert.match(found?.description ?? '', /would price qwen2\.5-coder:7b at \$0/);
    });

    it('refuses prices that are not even an object of prices (the schema would too)', () => {
      assert.deepEqual(
        workspacePrices({ providers: { prices: 'free' } }).map((f) => f.setting),
        ['providers.prices'],
      );
      assert.deepEqual(
        workspacePrices({ providers: { prices: { 'gpt-5': 'free' } } }).map((f) => f.setting),
        ['providers.prices.gpt-5'],
      );
    });

    it('has nothing to say about a workspace that sets no price', () => {
      assert.deepEqual(workspacePrices({}), []);
      assert.deepEqual(workspacePrices({ providers: { idleTimeoutS: 30 } }), []);
      assert.deepEqual(workspacePrices({ providers: { prices: {} } }), [], 'an empty table changes nothing');
      assert.deepEqual(workspacePrices('not an object'), []);
    });
  });

  describe('limits.budgetUsd: a workspace may only lower the budget', () => {
    it('refuses null, which would remove the budget (the default $5 when the user set none)', () => {
      assert.deepEqual(workspaceBudget([], { limits: { budgetUsd: null } }), [
        { setting: 'limits.budgetUsd', description: "would remove your budget of $5, so nothing would stop a run's spending" },
      ]);
      assert.match(workspaceBudget([{ limits: { budgetUsd: 12 } }], { limits: { budgetUsd: null } })[0]?.description ?? '', /would remove your budget of \$12/);
    });

    it('refuses a number above the user budget, saying from what to what', () => {
      assert.deepEqual(workspaceBudget([], { limits: { budgetUsd: 500 } }), [{ setting: 'limits.budgetUsd', description: 'would raise your budget from $5 to $500' }]);
      assert.deepEqual(workspaceBudget([{ limits: { budgetUsd: 2 } }], { limits: { budgetUsd: 3 } }).map((f) => f.description), ['would raise your budget from $2 to $3']);
      assert.equal(workspaceBudget([], { limits: { budgetUsd: 5.01 } }).length, 1, 'a cent above is above');
    });

    it("judges against the user's layers merged: --config over the user file", () => {
      const userFile = { limits: { budgetUsd: 20, repairs: 1 } };
      const given = { limits: { budgetUsd: 2 } };
      assert.equal(workspaceBudget([userFile, given], { limits: { budgetUsd: 10 } }).length, 1);
      assert.equal(workspaceBudget([userFile, { limits: { repairs: 2 } }], { limits: { budgetUsd: 10 } }).length, 0);
    });

    it('allows a lower or equal number', () => {
      assert.deepEqual(workspaceBudget([], { limits: { budgetUsd: 1 } }), []);
      assert.deepEqual(workspaceBudget([], { limits: { budgetUsd: 5 } }), []);
      assert.deepEqual(workspaceBudget([{ limits: { budgetUsd: 50 } }], { limits: { budgetUsd: 10 } }), []);
    });

    it('allows any number when the user has no budget (null): any budget is a tightening', () => {
      assert.deepEqual(workspaceBudget([{ limits: { budgetUsd: null } }], { limits: { budgetUsd: 1000 } }), []);
      assert.deepEqual(workspaceBudget([{ limits: { budgetUsd: null } }], { limits: { budgetUsd: null } }), [], 'no budget to remove');
    });

    it('has nothing to say when the workspace does not set the budget', () => {
      assert.deepEqual(workspaceBudget([{ limits: { budgetUsd: 1 } }], { limits: { repairs: 0 } }), []);
      assert.deepEqual(workspaceBudget([], {}), []);
    });
  });

  it("userBudget: the user's layers' budget, the highest that sets it, else the default 5", () => {
    assert.equal(userBudget([]), 5);
    assert.equal(userBudget([{ limits: { budgetUsd: 9 } }]), 9);
    assert.equal(userBudget([{ limits: { budgetUsd: 9 } }, { limits: { budgetUsd: null } }]), null);
    assert.equal(userBudget([{ limits: { budgetUsd: null } }, { limits: { budgetUsd: 3 } }]), 3);
  });

  it('spendOverrides reports prices and budget together', () => {
    const found = spendOverrides([], { providers: { prices: { 'openai:gpt-5': { input: 0, output: 0 } } }, limits: { budgetUsd: null } });
    assert.deepEqual(
      found.map((f) => f.setting),
      ['providers.prices.openai:gpt-5', 'limits.budgetUsd'],
    );
  });
});
