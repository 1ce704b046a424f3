import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { LogEntry } from '../../src/core/log/entry';
import type { Journalled } from '../../src/core/pipeline/journal/events';
import { journalLog } from '../../src/core/pipeline/report/journalLog';
import { projectRun } from '../../src/core/pipeline/report/projectRun';
import type { RunPicture } from '../../src/core/pipeline/report/runPicture';
import { DASHBOARD_PROTOCOL, IDLE_STATE, type DashboardState, type HostToWebview, type WebviewToHost } from '../../src/shared/messages';
import { createStoryMidRun, createStoryShipped, JournalStory } from '../support/journalStory';
import { serveDashboard } from './pageServer';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const REPO = join(__dirname, '..', '..', '..');
/** Screenshots for people to look at (gitignored). */
const ARTIFACTS = join(REPO, 'test-artifacts', 'webview');
/** The width of VS Code's sidebar as most people leave it. */
const SIDEBAR = { width: 300, height: 1400 };

// Stands in for what VS Code gives a webview: acquireVsCodeApi() with postMessage/getState/setState.
// Messages the page posts to the host are collected in window.__sent.
// State saved with setState survives a reload, as VS Code keeps it for a hidden-then-shown view.
const VSCODE_API_STANDIN = `
  window.__sent = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__sent.push(JSON.parse(JSON.stringify(m))),
    getState: () => JSON.parse(sessionStorage.getItem('vscode-state') ?? 'null') ?? undefined,
    setState: (s) => sessionStorage.setItem('vscode-state', JSON.stringify(s)),
  });
`;

/** The page's globals, as the callbacks that run inside the page see them. */
interface PageGlobals {
  __sent: WebviewToHost[];
  __violations: string[];
  __inlineRan?: boolean;
  __xss?: boolean;
  postMessage(message: unknown, targetOrigin: string): void;
}

/**
 * A function that runs in the page, written as text: this project compiles without the DOM's types,
 * and the page's CSP refuses string predicates (eval), not functions handed over by the browser driver.
 */
const inPage = <A, R>(body: string): ((arg: A) => R) => new Function('arg', body) as (arg: A) => R;
/** An element's computed colours. */
const coloursOf = inPage<string, { bg: string; fg: string }>('const s = getComputedStyle(document.querySelector(arg)); return { bg: s.backgroundColor, fg: s.color };');
/** How long the page takes to handle one message from the host (ms). */
const handleTime = inPage<unknown, number>("const t = performance.now(); window.dispatchEvent(new MessageEvent('message', { data: arg })); return performance.now() - t;");
/** True once the text of the first element `arg[0]` matches starts with `arg[1]`. */
const startsWith = inPage<string[], boolean>("return (document.querySelector(arg[0])?.textContent ?? '').startsWith(arg[1]);");

const picture = (events: readonly Journalled[], live: boolean): RunPicture => {
  const p = projectRun(events, { live, budgetUsd: 0.25 });
  assert.ok(p);
  return p;
};

describe('dashboard webview (headless Chromium)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDashboard>>;
  let page: Page;
  let problems: string[];
  /** Console errors a test expects (the CSP refusing a script): not counted as problems. */
  let expected: RegExp | undefined;

  const sent = (): Promise<WebviewToHost[]> => page.evaluate(() => (globalThis as unknown as PageGlobals).__sent);
  const send = (msg: HostToWebview): Promise<void> => page.evaluate((m) => (globalThis as unknown as PageGlobals).postMessage(m, '*'), msg);
  const sentCount = (n: number): Promise<unknown> => page.waitForFunction((k) => (globalThis as unknown as PageGlobals).__sent.length >= k, n);
  const state = (s: Partial<DashboardState>): Promise<void> => send({ type: 'state', state: { ...IDLE_STATE, ...s } });
  const entry = (message: string, level: LogEntry['level'] = 'info', detail?: string): LogEntry => ({ time: Date.UTC(2026, 0, 1, 12), level, source: 'review', message, ...(detail !== undefined && { detail }) });
  const texts = (selector: string): Promise<string[]> => page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
  const open = async (query = ''): Promise<void> => {
    await page.goto(`${server.url}${query}`);
    await sentCount(1);
  };
  /** The run of journalStory.ts as the host would send it: its picture, and the log from its journal. */
  const showRun = async (events: readonly Journalled[], s: Partial<DashboardState>, live: boolean): Promise<void> => {
    const run = picture(events, live);
    await state({ request: run.request, run, ...s });
    await send({ type: 'log', entries: journalLog(events), replace: true });
  };

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
    page = await browser.newPage({ viewport: SIDEBAR });
    problems = [];
    expected = undefined;
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !expected?.test(m.text())) problems.push(`console error: ${m.text()}`);
    });
    await page.addInitScript(VSCODE_API_STANDIN);
    await open();
  });
  afterEach(async () => {
    await page.close();
    // Our own script and stylesheet must load under the page's strict CSP, with no error at all.
    assert.deepEqual(problems, []);
  });

  it('announces itself with a ready handshake; with no run it says what Factory does and that models come first, with links to set them up', async () => {
    assert.deepEqual(await sent(), [{ type: 'ready', protocol: DASHBOARD_PROTOCOL }]);
    assert.equal(await page.textContent('#phase'), 'Idle');
    assert.equal(await page.isVisible('#empty'), true);
    const words = (await page.textContent('#empty')) ?? '';
    assert.match(words, /Factory builds software from one request/);
    assert.match(words, /Set up the models first/);
    await page.click('#empty button[data-command="welcome"]');
    await page.click('#empty button[data-command="configureRoles"]');
    assert.deepEqual((await sent()).slice(1), [
      { type: 'run', command: 'welcome' },
      { type: 'run', command: 'configureRoles' },
    ]);
    assert.equal(await page.isVisible('#picture'), false, 'no run, no run picture');
    assert.equal(await page.isVisible('#btn-cancel'), false, 'no Cancel with nothing to cancel');
  });

  it('in an untrusted workspace says why nothing runs and offers no run buttons, only the way to trust', async () => {
    await state({ trusted: false });
    assert.equal(await page.isVisible('#untrusted'), true);
    assert.match((await page.textContent('#untrusted')) ?? '', /not trusted/);
    assert.equal(await page.isDisabled('#btn-build'), true);
    assert.equal(await page.isDisabled('#btn-audit'), true);
    await page.click('#untrusted button');
    assert.deepEqual((await sent()).slice(1), [{ type: 'run', command: 'manageTrust' }]);
  });

  it('mid-run: the stage timeline with live state, review scores per reviewer and round against the target, the gate verdict with reasons', async () => {
    await showRun(createStoryMidRun().events, { phase: 'running', stage: 'waves (wave 2 of 2: T3)' }, true);
    assert.equal(await page.isVisible('#empty'), false);
    assert.deepEqual(await page.$$eval('#stages li', (lis) => lis.map((li) => `${li.getAttribute('data-stage')}:${li.getAttribute('data-status')}`)), [
      'blueprint:done',
      'review:done',
      'gate:done',
      'waves:active',
      'code_qc:waiting',
      'verify:waiting',
      'learn:waiting',
    ]);
    assert.match((await page.textContent('#stages li[data-stage="waves"]')) ?? '', /wave 2 of 2: T3/);
    assert.match((await page.textContent('#review caption')) ?? '', /target 95/);
    assert.deepEqual(await texts('#review thead th'), ['round', 'qc', 'architect']);
    assert.deepEqual(await texts('#review tbody tr > *'), ['1', '88 ✕', '96 ✓', '2', '97 ✓', '96 ✓']);
    assert.deepEqual(await page.$$eval('#review tbody td', (tds) => tds.map((td) => td.className)), ['fail', 'pass', 'pass', 'pass']);
    assert.match((await page.textContent('#gate')) ?? '', /The twin: ACCEPT.*builds what was asked/);
    assert.equal(await page.isVisible('#gate-actions'), false, 'the twin decided: nothing for a person to answer');
    assert.equal(await page.isEnabled('#btn-cancel'), true);
    assert.equal(await page.isVisible('#btn-blueprint'), true);
    assert.equal(await page.isVisible('#btn-report'), false, 'no report before the run ends');
    assert.equal(await page.isDisabled('#btn-build'), true, 'no second run while one is running');
  });

  it("the task board: each task's TDD state, TRAPs, its evidence and its diff a click away", async () => {
    await showRun(createStoryMidRun().events, { phase: 'running' }, true);
    const chips = (id: string): Promise<string[]> => page.$$eval(`li.task[data-task="${id}"] .chip`, (els) => els.map((e) => `${e.className.replace('chip ', '')}:${(e.textContent ?? '').trim()}`));
    assert.deepEqual(await texts('#board h3'), ['Wave 1', 'Wave 2']);
    assert.deepEqual(await chips('T1'), ['on:✓ tests', 'on:✓ RED', 'on:✓ GREEN', 'on:✓ refactor', 'on:✓ gates']);
    assert.deepEqual(await chips('T2'), ['on:✓ tests', 'on:✓ RED', 'on:✓ GREEN', 'on:✓ refactor', 'on:✓ gates', 'bad:TRAP ×1']);
    assert.deepEqual(await chips('T3'), ['on:✓ tests', 'on:✓ RED', 'off:○ GREEN', 'off:○ refactor', 'off:○ gates']);
    assert.match((await page.textContent('li.task[data-task="T3"] .now')) ?? '', /writing the code/);
    assert.match((await page.textContent('li.task[data-task="T3"] .task-head')) ?? '', /T3.*junior.*working/);
    await page.click('li.task[data-task="T2"] button[data-evidence]');
    await page.click('li.task[data-task="T3"] button[data-diff]');
    const runId = '20261127-120000-ab12';
    assert.deepEqual((await sent()).slice(1), [
      { type: 'evidence', runId, taskId: 'T2' },
      { type: 'taskDiff', runId, taskId: 'T3' },
    ]);
  });

  it('tokens and cost per role against the budget', async () => {
    await showRun(createStoryMidRun().events, { phase: 'running' }, true);
    assert.deepEqual(await texts('#cost tbody th'), ['architect', 'ceo', 'junior', 'qc', 'twin']);
    assert.deepEqual(await texts('#cost tr[data-role="ceo"] td'), ['8', '16k / 3.2k', '$0.0224']);
    assert.match((await page.textContent('#budget-text')) ?? '', /^\$0\.0560 of the \$0\.2500 budget \(22%\)$/);
    assert.equal(await page.getAttribute('#budget-fill', 'style'), 'width: 22.4%;');
  });

  it('a role on a coding CLI by subscription shows "subscription" as its cost, not $0', async () => {
    const s = createStoryMidRun();
    const done = (key: string, usd: number, costSource: string) =>
      s.add({ type: 'effect.start', key, kind: 'call', detail: { role: 'assistant' } }).add({ type: 'effect.done', key, kind: 'call', result: { text: 'x', provider: 'claude-code', model: 'sonnet', usage: { input: 1000, output: 100, cached: 0 }, usageReported: true, usd, costSource } });
    done('call:sub1', 0, 'subscription');
    done('call:sub2', 0, 'subscription');
    await showRun(s.events, { phase: 'running' }, true);
    assert.deepEqual(await texts('#cost tr[data-role="assistant"] td'), ['2', '2.0k / 200', 'subscription']);
    assert.deepEqual(await texts('#cost tr[data-role="ceo"] td'), ['8', '16k / 3.2k', '$0.0224']);
  });

  it('a human gate waiting: Approve and Reject answer it with the run id', async () => {
    const s = new JournalStory();
    s.add({ type: 'run', runId: 'r-human', mode: 'create', request: 'x', version: '0', dir: '/p' }).stage('gate', 'your decision');
    s.add({ type: 'effect.start', key: 'answer:gate:g1', kind: 'answer' });
    await showRun(s.events, { phase: 'running' }, true);
    assert.match((await page.textContent('#gate')) ?? '', /Waiting for your decision/);
    assert.equal(await page.isVisible('#gate-actions'), true);
    await page.click('#btn-approve');
    await page.click('#btn-reject');
    assert.deepEqual((await sent()).slice(1), [
      { type: 'gate', runId: 'r-human', verdict: 'ACCEPT' },
      { type: 'gate', runId: 'r-human', verdict: 'REJECT' },
    ]);
  });

  it('at the end: every stage done, code QC and verify against their targets, Open Report and Open Blueprint post their run', async () => {
    await showRun(createStoryShipped().events, { phase: 'done', notice: 'Run 20261127-120000-ab12 shipped' }, false);
    assert.deepEqual(await page.$$eval('#stages li', (lis) => lis.map((li) => li.getAttribute('data-status'))), Array(7).fill('done'));
    assert.deepEqual(await texts('#checks li'), ['code QC 93 / 85 ✓ passed', 'verify 95 / 90 ✓ passed']);
    assert.equal(await page.isVisible('#btn-cancel'), false);
    assert.equal(await page.isVisible('#btn-resume'), false, 'a shipped run has nothing to resume');
    await page.click('#btn-report');
    await page.click('#btn-blueprint');
    assert.deepEqual((await sent()).slice(1), [
      { type: 'open', file: 'report', runId: '20261127-120000-ab12' },
      { type: 'open', file: 'blueprint', runId: '20261127-120000-ab12' },
    ]);
  });

  it('a stopped run offers Resume', async () => {
    const s = createStoryMidRun();
    s.add({ type: 'end', state: 'stopped', reason: 'cancelled' });
    await showRun(s.events, { phase: 'stopped' }, false);
    assert.equal(await page.isVisible('#btn-resume'), true);
    await page.click('#btn-resume');
    assert.deepEqual((await sent()).slice(1), [{ type: 'run', command: 'resume' }]);
    assert.equal(await page.getAttribute('#stages li[data-stage="waves"]', 'data-status'), 'stopped');
  });

  it('log lines of every kind: model text and command output fold under their line; markup in them stays text', async () => {
    const evil = '<img src=x onerror="window.__xss=true">';
    await send({ type: 'log', entries: [entry('round 1: qc 80'), entry(evil, 'error'), entry('$ node --test → exit 1', 'warn', `not ok 1\n${evil}`)], replace: false });
    await send({ type: 'log', entries: [entry('round 2: qc 96', 'debug')], replace: false });
    assert.deepEqual(await texts('#log li .message'), ['round 1: qc 80', evil, '$ node --test → exit 1', 'round 2: qc 96']);
    assert.deepEqual(await page.$$eval('#log li', (els) => els.map((e) => e.className)), ['entry info', 'entry error', 'entry warn', 'entry debug']);
    assert.equal(await page.isVisible('#log li details pre'), false, 'output starts folded');
    await page.click('#log li details summary');
    assert.equal(await page.textContent('#log li details pre'), `not ok 1\n${evil}`);
    assert.equal(await page.$$eval('#log img', (els) => els.length), 0);
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss), undefined);
    assert.equal(await page.isVisible('#log-empty'), false);
    await send({ type: 'log', entries: [entry('fresh')], replace: true });
    assert.deepEqual(await texts('#log li .message'), ['fresh']);
  });

  it("a model's streamed text grows under its call's line while it answers, stays text, and goes when the call ends (its answer has a line of its own)", async () => {
    const evil = '<img src=x onerror="window.__xss=true">';
    const call = 'call:T3:implementation:a1';
    await showRun(createStoryMidRun().events, { phase: 'running' }, true);
    const asked = '#log li.entry:has(pre.live)';
    // The log is drawn in batches: wait for its newest line (a loaded machine draws it later).
    const newest = '#log ol.block:last-child li.entry:last-child .message';
    // A function, not a string: the page's policy forbids evaluating strings (a string here is a page error).
    await page.waitForFunction(startsWith, [newest, 'asked: implementation T3'], { timeout: 10_000 }).catch(() => undefined);
    assert.equal((await texts(newest))[0], 'asked: implementation T3');
    const liveText = (): Promise<string[]> => page.$$eval('#log pre.live', (els) => els.map((e) => e.textContent ?? ''));
    await send({ type: 'callText', parts: [{ call, text: 'Here is the code: ' }] });
    assert.deepEqual(await liveText(), ['Here is the code: ']);
    assert.deepEqual(await texts(`${asked} .message`), ['asked: implementation T3'], "under its call's line");
    assert.equal(await page.isVisible(`${asked} pre.live`), true, 'shown open, not folded');
    await send({ type: 'callText', parts: [{ call, text: `${evil}\nexport function slugify(s) {` }, { call: 'call:not-in-the-log', text: 'ignored' }] });
    assert.deepEqual(await liveText(), [`Here is the code: ${evil}\nexport function slugify(s) {`]);
    assert.equal(await page.$$eval('#log img', (els) => els.length), 0);
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__xss), undefined);
    await send({ type: 'ping', nonce: 'live' });
    await sentCount(2);
    assert.equal(((await sent())[1] as Extract<WebviewToHost, { type: 'pong' }>).shown.live, `Here is the code: ${evil}\nexport function slugify(s) {`);
    // A retry that answers differently starts over; a long answer shows its newest text.
    await send({ type: 'callText', parts: [{ call, text: 'x'.repeat(20000) + 'THE END', reset: true }] });
    const [long] = await liveText();
    assert.ok(long?.endsWith('THE END') && long.length <= 8000 && long.startsWith('…'), `a long answer shows its tail (${long?.length} characters)`);
    // Lines after it do not move the text away from its call's line.
    await send({ type: 'log', entries: [entry('$ node --test → exit 0')], replace: false });
    await send({ type: 'callText', parts: [{ call, text: ' more' }] });
    assert.deepEqual(await texts(`${asked} .message`), ['asked: implementation T3']);
    assert.ok((await liveText())[0]?.endsWith('THE END more'));
    await send({ type: 'callText', parts: [{ call, text: '', end: true }] });
    assert.deepEqual(await liveText(), []);
  });

  it('the CSP blocks an inline script (one without our nonce)', async () => {
    expected = /inline script violates the following Content Security Policy directive/;
    await page.evaluate(inPage<void, void>('sessionStorage.clear();'));
    await open('?inline');
    assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__inlineRan), undefined, 'the inline script did not run');
    assert.ok((await page.evaluate(() => (globalThis as unknown as PageGlobals).__violations)).some((d) => d.startsWith('script-src')), 'a script-src violation was reported');
    assert.equal(await page.textContent('#phase'), 'Idle', 'our own script still ran');
  });

  it('20,000 log events: all kept, a window of them drawn, the newest shown; the time is measured and printed', async () => {
    const n = 20000;
    const entries = Array.from({ length: n }, (_, i) => entry(`event ${i}: qc asked to review round ${i % 3} of the blueprint, answer folded below`, i % 7 === 0 ? 'warn' : 'info', i % 5 === 0 ? `output line 1 of ${i}\nline 2` : undefined));
    const started = Date.now();
    // As a long run sends them: in batches of 500. The page's own time: the handler of each message, measured in the page.
    let pageMs = 0;
    let maxBatch = 0;
    for (let i = 0; i < n; i += 500) {
      const ms = await page.evaluate(handleTime, { type: 'log', entries: entries.slice(i, i + 500), replace: false });
      pageMs += ms;
      maxBatch = Math.max(maxBatch, ms);
    }
    await page.waitForFunction(startsWith, ['#log ol.block:last-child li.entry:last-child .message', 'event 19999:']);
    const appendMs = Date.now() - started;
    const drawn = await page.$$eval('#log li.entry', (els) => els.length);
    const t1 = Date.now();
    await page.$eval('#log', (el) => {
      el.scrollTop = 0;
    });
    await page.waitForFunction(startsWith, ['#log li .message', 'event 0:']);
    const scrollMs = Date.now() - t1;
    const t2 = Date.now();
    await send({ type: 'ping', nonce: 'n20k' });
    await sentCount(2);
    const pingMs = Date.now() - t2;
    process.stdout.write(`      20,000 log events: the page handled them in ${Math.round(pageMs)} ms (40 batches of 500, at most ${Math.round(maxBatch)} ms for one); with the browser driver's round trips, the newest shown after ${appendMs} ms; ${drawn} rows in the DOM; scrolled to the first in ${scrollMs} ms; a ping answered in ${pingMs} ms\n`);
    assert.deepEqual((await sent())[1], { type: 'pong', nonce: 'n20k', shown: { phase: 'idle', logLines: n, picture: '', live: '' } });
    assert.ok(drawn < 1000, `only a window of rows is drawn (${drawn})`);
  });

  it('reads in a 300-px sidebar: time and source take little room, messages wrap between words, never inside one', async () => {
    const message = 'qc reviewed the blueprint: the tasks are well cut, but slugify has no acceptance criterion for an input with no letters or digits at all';
    const token = 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a089f86d081884c7d659a2f';
    await send({ type: 'log', entries: [entry(message), entry(token)], replace: false });
    const layout = await page.evaluate(
      inPage<string, { split: string[]; rowWidth: number; widest: number; firstLeft: number; lines: number }>(`
        const el = document.querySelector(arg);
        const row = el.closest('li').getBoundingClientRect();
        const text = el.firstChild;
        const split = [];
        for (const m of text.data.matchAll(/\\S+/g)) {
          const r = document.createRange();
          r.setStart(text, m.index);
          r.setEnd(text, m.index + m[0].length);
          // A word on two lines has boxes at two heights.
          if (new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top))).size > 1) split.push(m[0]);
        }
        const lines = Array.from(el.getClientRects());
        return { split, rowWidth: row.width, widest: Math.max(...lines.map((b) => b.width)), firstLeft: lines[0].left - row.left, lines: lines.length };`),
      '#log li .message',
    );
    assert.deepEqual(layout.split, [], 'no word is broken across lines');
    assert.ok(layout.lines > 1, 'the message wraps');
    assert.ok(layout.widest >= layout.rowWidth * 0.9, `wrapped lines use the whole width (${layout.widest} of ${layout.rowWidth} px)`);
    assert.ok(layout.firstLeft <= layout.rowWidth * 0.4, `time and source take at most 40% of the first line (${layout.firstLeft} px)`);
    const overflow = await page.$eval('#log li:nth-child(2)', (li) => li.scrollWidth - li.clientWidth);
    assert.equal(overflow, 0, 'a long unbroken token breaks rather than overflow the sidebar');
  });

  it('light theme: a hovered secondary button keeps its own colours (not the primary hover: grey on blue)', async () => {
    await open('?theme=light');
    await state({ phase: 'running' });
    await page.hover('#btn-cancel');
    const colours = await page.evaluate(coloursOf, '#btn-cancel');
    assert.deepEqual(colours, { bg: 'rgb(204, 204, 204)', fg: 'rgb(59, 59, 59)' }, 'secondaryHoverBackground and secondaryForeground');
    await state({});
    await page.hover('#btn-build');
    assert.equal((await page.evaluate(coloursOf, '#btn-build')).bg, 'rgb(2, 88, 168)', 'the primary keeps its hover');
  });

  it('answers a ping with what it shows', async () => {
    await state({ phase: 'failed', notice: 'review: qc stayed under 95 after 3 rounds' });
    await send({ type: 'log', entries: [entry('a'), entry('b')], replace: false });
    await send({ type: 'ping', nonce: 'n1' });
    await sentCount(2);
    assert.deepEqual((await sent())[1], { type: 'pong', nonce: 'n1', shown: { phase: 'failed', logLines: 2, picture: '', live: '' } });
    assert.equal(await page.textContent('#notice'), 'review: qc stayed under 95 after 3 rounds');
    await showRun(createStoryMidRun().events, { phase: 'running' }, true);
    await send({ type: 'ping', nonce: 'n2' });
    await sentCount(3);
    assert.equal(
      ((await sent())[2] as Extract<WebviewToHost, { type: 'pong' }>).shown.picture,
      '20261127-120000-ab12 | blueprint:done review:done gate:done waves:active code_qc:waiting verify:waiting learn:waiting | T1:done T2:done T3:working',
    );
  });

  it('turns the run buttons into commands for the host', async () => {
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

  it('paints the last state at once when the view is shown again, before the host says anything', async () => {
    await showRun(createStoryMidRun().events, { phase: 'running', stage: 'waves (wave 2 of 2: T3)' }, true);
    await page.reload();
    await sentCount(1); // the new page's ready
    assert.equal(await page.textContent('#phase'), 'Running');
    assert.equal(await page.textContent('#stage'), ' — waves (wave 2 of 2: T3)');
    assert.deepEqual(await texts('#review tbody tr > *'), ['1', '88 ✕', '96 ✓', '2', '97 ✓', '96 ✓']);
    await showRun(createStoryShipped().events, { phase: 'done', stage: 'learn' }, false);
    await page.reload();
    await sentCount(1);
    assert.equal(await page.textContent('#phase'), 'Done');
    assert.equal(await page.textContent('#stage'), '', 'an ended run shows how it ended, not its last stage');
    assert.deepEqual(await texts('#checks li'), ['code QC 93 / 85 ✓ passed', 'verify 95 / 90 ✓ passed']);
  });

  it('screenshots for people: mid-run and at the end, light and dark (test-artifacts/webview/)', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const shots: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await open(`?theme=${theme}`);
      await showRun(createStoryMidRun().events, { phase: 'running', stage: 'waves (wave 2 of 2: T3) — T3: writing the code' }, true);
      await send({ type: 'callText', parts: [{ call: 'call:T3:implementation:a1', text: 'The entry point re-exports slugify and deburr.\n\n<<<<<<< SEARCH\n=======\nexport { slugify } from ' }] });
      shots.push(join(ARTIFACTS, `dashboard-mid-run-${theme}.png`));
      await page.screenshot({ path: shots[shots.length - 1], fullPage: true });
      await showRun(createStoryShipped().events, { phase: 'done', stage: 'learn', notice: 'Run 20261127-120000-ab12 shipped: all 3 tasks built test-first, code QC 93, verify 95' }, false);
      shots.push(join(ARTIFACTS, `dashboard-end-${theme}.png`));
      await page.screenshot({ path: shots[shots.length - 1], fullPage: true });
    }
    // A folder with no run yet: nothing saved by the pages above.
    await page.evaluate(inPage<void, void>('sessionStorage.clear();'));
    await open('?theme=dark');
    assert.equal(await page.isVisible('#empty'), true);
    shots.push(join(ARTIFACTS, 'dashboard-empty-dark.png'));
    await page.screenshot({ path: shots[shots.length - 1], fullPage: true });
    process.stdout.write(`      screenshots: ${shots.join(', ')}\n`);
  });
});
