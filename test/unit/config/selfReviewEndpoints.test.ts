// "Never let a model review its own work" must see one model however its endpoint is written: a
// trailing slash, a host in capitals, the default port spelt out, an unset baseUrl against the
// provider's own endpoint written out, or another loopback name for the same local server.
import assert from 'node:assert/strict';
import { resolveConfig } from '../../../src/core/config/resolve';

type Entry = { provider: string; model: string; baseUrl?: string };

/** ceo writes the model one way, qc (its reviewer) the other; the other reviewers are models of their own. */
function pair(ceo: Entry, qc: Entry) {
  return resolveConfig({ roles: { ceo, qc, architect: { provider: 'openai-compatible', model: 'architect-only', baseUrl: 'https://architect.example/v1' } } });
}

function refused(ceo: Entry, qc: Entry): void {
  const r = pair(ceo, qc);
  assert.ok(!r.ok, `${JSON.stringify(ceo)} and ${JSON.stringify(qc)} are one model: qc would review its own work`);
  assert.deepEqual(
    r.problems.map((p) => p.path),
    ['roles.qc'],
  );
  assert.match(r.problems[0]?.message ?? '', /qc reviews the work of ceo but both use .*a model must not review its own work/);
}

function accepted(ceo: Entry, qc: Entry): void {
  const r = pair(ceo, qc);
  assert.ok(r.ok, JSON.stringify(r));
}

describe('the self-review check compares endpoints, not how they are written', () => {
  const compat = (baseUrl: string, model = 'llama-70b'): Entry => ({ provider: 'openai-compatible', model, baseUrl });

  it('a trailing slash, capitals in scheme or host, or the default port spelt out is the same endpoint', () => {
    refused(compat('http://llm.example/v1'), compat('http://llm.example/v1/'));
    refused(compat('http://llm.example/v1'), compat('HTTP://LLM.Example/v1'));
    refused(compat('http://llm.example/v1'), compat('http://llm.example:80/v1'));
    refused(compat('https://llm.example/v1'), compat('https://llm.example:443/v1//'));
  });

  it('an unset baseUrl is the provider\'s own endpoint, however that is written', () => {
    refused({ provider: 'openai', model: 'gpt-5' }, { provider: 'openai', model: 'gpt-5', baseUrl: 'https://api.openai.com/v1' });
    refused({ provider: 'openai', model: 'gpt-5', baseUrl: 'https://API.openai.com:443/v1/' }, { provider: 'openai', model: 'gpt-5' });
    refused({ provider: 'anthropic', model: 'claude-sonnet-4-6' }, { provider: 'anthropic', model: 'claude-sonnet-4-6', baseUrl: 'https://api.anthropic.com/' });
    refused({ provider: 'google', model: 'gemini-2.5-pro' }, { provider: 'google', model: 'gemini-2.5-pro', baseUrl: 'https://generativelanguage.googleapis.com' });
    refused({ provider: 'ollama', model: 'llama3' }, { provider: 'ollama', model: 'llama3', baseUrl: 'http://127.0.0.1:11434/' });
  });

  it('one local server under another loopback name is the same endpoint', () => {
    refused({ provider: 'ollama', model: 'llama3' }, { provider: 'ollama', model: 'llama3', baseUrl: 'http://localhost:11434' });
    refused(compat('http://localhost:1234/v1'), compat('http://127.0.0.1:1234/v1'));
    refused(compat('http://[::1]:8000/v1'), compat('http://localhost:8000/v1/'));
  });

  it('one model under another name of it at the same endpoint: a default tag, a dated snapshot, capitals', () => {
    refused({ provider: 'ollama', model: 'llama3' }, { provider: 'ollama', model: 'llama3:latest' });
    refused({ provider: 'openai', model: 'gpt-5' }, { provider: 'openai', model: 'gpt-5-2025-08-07' });
    refused({ provider: 'anthropic', model: 'claude-sonnet-4-5' }, { provider: 'anthropic', model: 'claude-sonnet-4-5-20250929' });
    refused(compat('http://llm.example/v1', 'Llama-70B'), compat('http://llm.example/v1', 'llama-70b'));
  });

  it('the same service reached through another provider id is the same model', () => {
    // OpenAI's own endpoint through the OpenAI-compatible adapter, and a local Ollama through its OpenAI-compatible path.
    refused({ provider: 'openai', model: 'gpt-5' }, compat('https://api.openai.com/v1', 'gpt-5'));
    refused({ provider: 'ollama', model: 'llama3' }, compat('http://127.0.0.1:11434/v1', 'llama3'));
  });

  it('refuses the pair through a fallback written another way too', () => {
    const r = resolveConfig({
      roles: {
        ceo: { provider: 'anthropic', model: 'claude-sonnet-4-6' },
        qc: { provider: 'openai', model: 'gpt-5', fallbacks: [{ provider: 'anthropic', model: 'claude-sonnet-4-6', baseUrl: 'https://api.anthropic.com/' }] },
      },
    });
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => p.path), ['roles.qc.fallbacks.0']);
  });

  it('still tells apart what is really different: another host or port, another model, another provider\'s endpoint', () => {
    accepted(compat('http://127.0.0.1:1234/v1'), compat('http://127.0.0.1:8000/v1'));
    accepted(compat('http://llm.example/v1'), compat('http://other.example/v1'));
    accepted({ provider: 'openai', model: 'gpt-5' }, { provider: 'openai', model: 'gpt-5', baseUrl: 'https://proxy.example/v1' });
    accepted({ provider: 'openai', model: 'gpt-5' }, { provider: 'openai', model: 'gpt-5-mini' });
    accepted({ provider: 'ollama', model: 'qwen2.5-coder:7b' }, { provider: 'ollama', model: 'qwen2.5-coder:14b' });
    accepted({ provider: 'anthropic', model: 'claude-sonnet-4-6' }, { provider: 'openai', model: 'claude-sonnet-4-6' });
  });

  it('allowSelfReview still allows any of them', () => {
    const r = resolveConfig({ allowSelfReview: true, roles: { ceo: compat('http://llm.example/v1'), qc: compat('http://llm.example/v1/') } });
    assert.ok(r.ok);
  });
});
