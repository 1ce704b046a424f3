// The layers of src/, linted both ways (DESIGN.md, "Layout"). Each layer imports only layers below it:
//   webview → shared                      (browser code: no vscode, no Node; of core only the types of log/entry and pipeline/report/runPicture)
//   vscode  → core, shared                cli → core
//   core: protocol → patch → blocks, ports → log;  protocol → config, prompts;  providers → config, ports, exec;  exec → nothing
// Type-only imports count (a cycle through types is still a cycle). `npm run lint` runs this, and
// test/unit/layers.test.ts plants an upward import to see it refused.
/** A rule that `folder` (under src/core) may import nothing in core beyond `allowed`. */
function coreLayer(folder, allowed, why) {
  const ok = [folder, ...allowed].map((f) => (f.endsWith('.ts') ? `src/core/${f.replace('.', '\\.')}$` : `src/core/${f}/`));
  return {
    name: `core-${folder.replace('.ts', '')}-layer`,
    comment: why,
    severity: 'error',
    from: { path: `^src/core/${folder.endsWith('.ts') ? folder.replace('.', '\\.') + '$' : folder + '/'}` },
    to: { path: '^src/core/', pathNot: `^(${ok.join('|')})` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle between files makes both one unit: give the shared concept one owner below both.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-stays-core',
      comment: 'core runs under plain Node for the extension, the CLI and tests: it never imports its hosts or the page.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(cli|vscode|shared|webview)/' },
    },
    {
      name: 'only-vscode-imports-vscode',
      comment: "Only src/vscode/ may import 'vscode' (the ESLint rule says the same for single files).",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/vscode/' },
      to: { path: '^vscode$' },
    },
    {
      name: 'page-code-is-plain',
      comment: 'shared and webview run in the dashboard page too: no Node built-ins.',
      severity: 'error',
      from: { path: '^src/(shared|webview)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'page-code-stays-out-of-hosts',
      comment: 'shared and webview run in the dashboard page too: no host code, and of core only the log line shape and the run picture (types, no code).',
      severity: 'error',
      from: { path: '^src/(shared|webview)/' },
      to: { path: '^src/(core|cli|vscode)/', pathNot: '^src/core/(log/entry|pipeline/report/runPicture)\\.ts$' },
    },
    {
      name: 'shared-below-webview',
      comment: 'shared holds message types for both sides; the page imports it, never the reverse.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/webview/' },
    },
    {
      name: 'hosts-are-separate',
      comment: 'The CLI and the extension are two hosts over the same core; neither imports the other.',
      severity: 'error',
      from: { path: '^src/(cli|vscode)/' },
      to: { path: '^src/(cli|vscode|webview)/', pathNot: '^src/$1/' },
    },
    coreLayer('log', [], 'The run log is at the bottom: everything may log.'),
    coreLayer('version.ts', [], 'The version is a leaf.'),
    coreLayer('blocks', [], 'The SEARCH/REPLACE grammar and path rules are shared by patch and protocol, so they import neither.'),
    coreLayer('ports.ts', ['log'], 'The host contract names only shapes; engines implement against it.'),
    coreLayer('config', ['log'], 'Settings are read by every engine part; they import none of them.'),
    coreLayer('prompts', ['log'], 'Prompt loading knows nothing of the engine that renders them.'),
    coreLayer('patch', ['blocks', 'ports.ts', 'log'], 'The patch engine applies blocks; it does not know the protocol or the providers.'),
    coreLayer('exec', [], 'Running commands with limits (no shell, process groups, safe env) knows nothing of the engine that asks for them.'),
    coreLayer('providers', ['config', 'ports.ts', 'log', 'exec'], 'Providers carry text; they do not parse it or patch files. The coding CLIs run as processes under exec\'s rules (safe env, process groups).'),
    coreLayer('codemap', ['log'], 'Recon and the code map read files and parse them; they know nothing of the engine that shows them to models.'),
    coreLayer('learning', ['protocol', 'config', 'log'], 'The learning store keeps and ranks what runs learned; it does not call models or run stages.'),
    coreLayer('protocol', ['blocks', 'patch', 'config', 'prompts', 'ports.ts', 'log'], 'The protocol reads replies and writes follow-ups; it does not call models.'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
