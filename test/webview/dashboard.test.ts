import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LogEntry } from '../../src/core/log/entry';
import { IDLE_STATE, type DashboardState, type HostToWebview, type WebviewToHost } from '../../src/shared/messages';
import { serveDashboard } from './pageServer';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Stands in for what VS Code gives a webview: acquireVsCodeApi() with postMessage/getState/setState.
// Messages the page posts to the host are collected in window.__sent.
// State saved with setState survives a reload, as VS Code keeps it for a hidden-then-shown view.
const VSCODE_API_STANDIN = `
  window.__sent = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__sent.push(JSON.parse(JSON.stringify(m))),
    getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') ?? undefined,
    setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
  });
`;

/** The page's globals, as the callbacks that run inside the page see them. */
interface PageGlobals {
  __sent: WebviewToHost[];
  postMessage(message: unknown, targetOrigin: string): void;
}

describe('dashboard webview (headless Chromium)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDashboard>>;
  let page: Page;
  let problems: string[];

  const sent = (): Promise<WebviewToHost[]> => page.evaluate(() => (globalThis as unknown as PageGlobals).__sent);
  const send = (msg: HostToWebview): Promise<void> => page.evaluate((m) => (globalThis as unknown as PageGlobals).postMessage(m, '*'), msg);
  const sentCount = (n: number): Promise<unknown> => page.waitForFunction((k) => (globalThis as unknown as PageGlobals).__sent.length >= k, n);
  const state = (s: Partial<DashboardState>): Promise<void> => send({ type: 'state', state: { ...IDLE_STATE, ...s } });
  const entry = (message: string, level: LogEntry['level'] = 'info'): LogEntry => ({ time: Date.UTC(2026, 0, 1, 12), level, source: 'review', message });

  before(async () => {
    server = await serveDashboard();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    await page.addInitScript(VSCODE_API_STANDIN);
    await page.goto(server.url);
    await sentCount(1);
  });
  afterEach(async () => {
    await page.close();
    // Our own script and stylesheet must load under the page's strict CSP, with no error at all.
    assert.deepEqual(problems, []);
  });

  it('announces itself with a ready handshake and shows the idle state', async () => {
    assert.deepEqual(await sent(), [{ type: 'ready', protocol: 1 }]);
    assert.equal(await page.textContent('#phase'), 'Idle');
    assert.equal(await page.isVisible('#log-empty'), true);
    assert.equal(await page.isDisabled('#btn-cancel'), true);
  });

  it('renders the run state it is sent: phase, stage, request, scores against targets', async () => {
    await state({
      phase: 'running',
      stage: 'review round 2',
      request: 'Build a slugify library',
      scores: [
        { name: 'qc', value: 96, target: 95 },
        { name: 'architect', value: 88, target: 95 },
      ],
    });
    assert.equal(await page.textContent('#phase'), 'Running');
    assert.equal(await page.getAttribute('#phase', 'data-phase'), 'running');
    assert.equal(await page.textContent('#stage'), ' — review round 2');
    assert.equal(await page.textContent('#request'), 'Build a slugify library');
    assert.deepEqual(await page.$$eval('#scores li', (lis) => lis.map((li) => `${li.className} ${li.textContent}`)), [
      'pass qc: 96 / 95',
      'fail architect: 88 / 95',
    ]);
    assert.equal(await page.isDisabled('#btn-build'), true, 'no second run while one is running');
    assert.equal(await page.isEnabled('#btn-cancel'), true);
  });

  it('appends log entries as text (never as HTML), and a replace starts over', async () => {
    await send({ type: 'log', entries: [entry('round 1: qc 80'), entry('<img src=x onerror=alert(1)>', 'error')], replace: false });
    await send({ type: 'log', entries: [entry('round 2: qc 96', 'warn')], replace: false });
    assert.deepEqual(await page.$$eval('#log li .message', (els) => els.map((e) => e.textContent)), [
      'round 1: qc 80',
      '<img src=x onerror=alert(1)>',
      'round 2: qc 96',
    ]);
    assert.equal(await page.$$eval('#log img', (els) => els.length), 0);
    assert.deepEqual(await page.$$eval('#log li', (els) => els.map((e) => e.className)), ['entry info', 'entry error', 'entry warn']);
    assert.equal(await page.isVisible('#log-empty'), false);
    await send({ type: 'log', entries: [entry('fresh')], replace: true });
    assert.deepEqual(await page.$$eval('#log li .message', (els) => els.map((e) => e.textContent)), ['fresh']);
  });

  it('keeps at most 1000 log rows so a long run does not slow the page down', async () => {
    const entries = Array.from({ length: 1200 }, (_, i) => entry(`line ${i}`));
    await send({ type: 'log', entries, replace: false });
    assert.equal(await page.$$eval('#log li', (els) => els.length), 1000);
    assert.equal(await page.textContent('#log li:first-child .message'), 'line 200');
  });

  it('answers a ping with what it shows', async () => {
    await state({ phase: 'failed', notice: 'review: qc stayed under 95 after 3 rounds' });
    await send({ type: 'log', entries: [entry('a'), entry('b')], replace: false });
    await send({ type: 'ping', nonce: 'n1' });
    await sentCount(2);
    assert.deepEqual((await sent())[1], { type: 'pong', nonce: 'n1', shown: { phase: 'failed', logLines: 2 } });
    assert.equal(await page.textContent('#notice'), 'review: qc stayed under 95 after 3 rounds');
  });

  it('turns button presses into commands for the host', async () => {
    await page.click('#btn-build');
    await page.click('#btn-audit');
    await state({ phase: 'running' });
    await page.click('#btn-cancel');
    assert.deepEqual((await sent()).slice(1), [
      { type: 'run', command: 'build' },
      { type: 'run', command: 'audit' },
      { type: 'run', command: 'cancel' },
    ]);
  });

  it('in an untrusted workspace says why nothing runs and offers no run buttons', async () => {
    await state({ trusted: false });
    assert.match((await page.textContent('#notice')) ?? '', /not trusted/);
    assert.equal(await page.isVisible('#notice'), true);
    assert.equal(await page.isDisabled('#btn-build'), true);
    assert.equal(await page.isDisabled('#btn-audit'), true);
  });

  it('paints the last state at once when the view is shown again, before the host says anything', async () => {
    await state({ phase: 'done', stage: 'verify 93' });
    await page.reload();
    await sentCount(1); // the new page's ready
    assert.equal(await page.textContent('#phase'), 'Done');
    assert.equal(await page.textContent('#stage'), ' — verify 93');
  });
});
