import assert from 'node:assert/strict';
import { dashboardHtml } from '../../../src/shared/dashboardHtml';
import { parseWebviewMessage } from '../../../src/shared/messages';

describe('dashboard messages', () => {
  it('accepts the messages the page sends', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', protocol: 1 }), { type: 'ready', protocol: 1 });
    assert.deepEqual(parseWebviewMessage({ type: 'run', command: 'cancel' }), { type: 'run', command: 'cancel' });
    assert.deepEqual(parseWebviewMessage({ type: 'pong', nonce: 'n', shown: { phase: 'idle', logLines: 3, extra: 1 } }), {
      type: 'pong',
      nonce: 'n',
      shown: { phase: 'idle', logLines: 3, picture: '', live: '' },
    });
    assert.deepEqual(parseWebviewMessage({ type: 'pong', nonce: 'n', shown: { phase: 'running', logLines: 3, picture: 'p', live: 'half an ans' } }), {
      type: 'pong',
      nonce: 'n',
      shown: { phase: 'running', logLines: 3, picture: 'p', live: 'half an ans' },
    });
    assert.deepEqual(parseWebviewMessage({ type: 'run', command: 'configureRoles' }), { type: 'run', command: 'configureRoles' });
    assert.deepEqual(parseWebviewMessage({ type: 'open', file: 'report', runId: '20261127-120000-ab12' }), { type: 'open', file: 'report', runId: '20261127-120000-ab12' });
    assert.deepEqual(parseWebviewMessage({ type: 'gate', runId: 'r1', verdict: 'ACCEPT', extra: 1 }), { type: 'gate', runId: 'r1', verdict: 'ACCEPT' });
    assert.deepEqual(parseWebviewMessage({ type: 'taskDiff', runId: 'r1', taskId: 'T2' }), { type: 'taskDiff', runId: 'r1', taskId: 'T2' });
    assert.deepEqual(parseWebviewMessage({ type: 'evidence', runId: 'r1', taskId: 'T2' }), { type: 'evidence', runId: 'r1', taskId: 'T2' });
  });

  it('drops anything else, so a page cannot make the host run an arbitrary command', () => {
    for (const bad of [null, 'ready', 7, {}, { type: 'run', command: 'workbench.action.terminal.new' }, { type: 'ready' }, { type: 'pong', nonce: 1, shown: {} },
      { type: 'open', file: '../../etc/passwd', runId: 'r1' },
      { type: 'open', file: 'report', runId: '../other' },
      { type: 'gate', runId: 'r1', verdict: 'CHANGE' },
      { type: 'gate', runId: 'r1' },
      { type: 'taskDiff', runId: 'r1', taskId: 'T1/../../x' },
      { type: 'taskDiff', runId: 'r1' },
      { type: 'evidence', runId: 'r1', taskId: 'x'.repeat(200) },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('dashboardHtml', () => {
  const html = dashboardHtml({ cspSource: 'https://x.test', nonce: 'abc123', scriptUri: 'https://x.test/w.js', styleUri: 'https://x.test/d.css' });

  it('allows only our nonce-tagged script and our own styles', () => {
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(html, /<script nonce="abc123" src="https:\/\/x.test\/w.js"><\/script>/);
  });

  it('escapes what it puts in attributes', () => {
    const evil = dashboardHtml({ cspSource: 'a', nonce: '"><script>alert(1)</script>', scriptUri: 'b', styleUri: 'c' });
    assert.doesNotMatch(evil, /<script>alert/);
  });
});
