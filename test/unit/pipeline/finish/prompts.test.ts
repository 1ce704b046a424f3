/**
 * The finish stages' prompts, rendered with fixed slots and compared with their snapshots in
 * test/fixtures/prompts/ (UPDATE_SNAPSHOTS=1 rewrites them): a change to what models are told is
 * a reviewed change, never an accident.
 */
import assert from 'node:assert/strict';
import { loadPrompt } from '../../../../src/core/prompts/load';
import { matchesSnapshot } from '../../../support/promptSnapshot';
import { slotsOf } from '../../../../src/core/prompts/render';
import { stepPrompt } from '../../../../src/core/pipeline/prompts';

const CASES: Record<string, Record<string, string | number>> = {
  code_qc: { target: 85, files: 'server.js, test/server.test.js', existing: '', learned: 'Traps seen in earlier projects (avoid them):\n- [trap-1a2b3c4d] (billing) totals summed as floats drift by a cent; avoid: integer cents' },
  verify_plan: { request: 'a greeting service', app: 'The app is running (`node server.js`), listening on 127.0.0.1:4310.', command_timeout_s: 300, max_probes: 12, learned: 'Traps seen in earlier projects (avoid them):\n- [trap-1a2b3c4d] (http api) crash on bad JSON; avoid: parse in try' },
  verify_report: { plan: '- P1 http: GET /hello; expect: 200 hello', observations: '### P1\nHTTP 200 after 3 ms.\nBody:\n```\nhello\n```\nThe app was still running afterwards.', target: 90, learned: 'Rules (never break them):\n- [rule-5e6f7a8b] claimed is not verified — show the output' },
  learning: { request: 'a greeting service', decisions: '- runner: node:test (dna)', traps: '- trap T1: tests passed before the implementation', findings: '- code QC [high] server.js:3: no timeout' },
};

describe('finish stage prompts', () => {
  for (const [step, slots] of Object.entries(CASES)) {
    it(`step.${step}.md renders as its snapshot, with exactly its slots`, () => {
      assert.deepEqual(slotsOf(loadPrompt(`step.${step}`)).sort(), Object.keys(slots).sort());
      matchesSnapshot(`step.${step}`, stepPrompt(step, slots));
    });
  }

  it('the twin and QC prompts say no SEARCH/REPLACE blocks; the verify plan keeps HTTP on 127.0.0.1 and commands without a shell', () => {
    for (const step of ['code_qc', 'verify_plan', 'verify_report', 'learning']) assert.match(loadPrompt(`step.${step}`), /no SEARCH\/REPLACE blocks/, step);
    const plan = loadPrompt('step.verify_plan');
    assert.match(plan, /127\.0\.0\.1 \(never another host\)/);
    assert.match(plan, /without a shell/);
  });

  it('the verify plan of a project that starts no app does not speak of an app the engine started', () => {
    // A relay run of a CLI: "No app is started" was followed by "against the one app it started before the first probe".
    const plan = stepPrompt('verify_plan', { ...CASES.verify_plan, app: 'No app is started (core.commands.start is null): probe the project with command probes.' });
    assert.doesNotMatch(plan, /the one app it started|to the started app/);
    assert.match(plan, /what one probe changes, the next one sees/);
  });
});
