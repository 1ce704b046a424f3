/**
 * Findings as diagnostics (issue 10, item 5): the per-task gates', code QC's and an audit's findings
 * of the last run on a folder, on their file and line in the Problems panel, source "Factory",
 * severity from the finding's (critical/high error, medium warning, low information, info hint).
 * A new run on a folder clears what an earlier run left under it; the run's findings come in as the
 * journal records them. The finding behind each diagnostic is kept for the quick fix.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { FindingLevel, PlacedFinding } from '../core/pipeline/findings/placedFindings';
import type { RunWatch, WatchedRun } from './runWatch';

export const FINDING_SOURCE = 'Factory';

const SEVERITY: Record<FindingLevel, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Notes whose arrival changes what a run's findings are. */
const FINDING_TOPICS = new Set(['task.gate', 'code_qc', 'audit.findings', 'rollback']);

/** A diagnostic's finding and the folder its run worked on (where an UPDATE to fix it runs). */
export interface DiagnosedFinding {
  finding: PlacedFinding;
  folder: vscode.Uri;
}

export class FindingDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('factory');
  private readonly found = new WeakMap<vscode.Diagnostic, DiagnosedFinding>();
  /** Runs followed so far: what a run shows is never overwritten by findings restored from before it. */
  private runsBegun = 0;

  /** Follows one run: a new run clears its folder; the findings are read again from the journal as they come. */
  readonly watch = (run: WatchedRun): RunWatch => {
    this.runsBegun++;
    let runId = run.runId;
    if (runId === undefined) this.clearUnder(run.folder);
    else void this.show(run.folder, runId);
    return {
      journal: (e) => {
        if (e.type === 'run') runId = e.runId;
        else if (e.type === 'note' && FINDING_TOPICS.has(e.topic) && runId !== undefined) void this.show(run.folder, runId);
      },
    };
  };

  /** The finding a diagnostic of this collection shows (the quick fix's request), if it is one. */
  findingOf(uri: vscode.Uri, diagnostic: vscode.Diagnostic): DiagnosedFinding | undefined {
    // The diagnostics a CodeAction request carries are copies: match them to ours by place and text.
    const ours = this.collection.get(uri) ?? [];
    const same = ours.find((d) => d.message === diagnostic.message && d.range.start.line === diagnostic.range.start.line && d.source === diagnostic.source);
    return same ? this.found.get(same) : undefined;
  }

  /**
   * After VS Code starts: the findings of run `runId` of `folder` (its latest), unless a run has
   * begun since activation (it clears and shows its own).
   */
  async restore(folder: vscode.Uri, runId: string): Promise<void> {
    const begun = this.runsBegun;
    await this.show(folder, runId, () => this.runsBegun === begun);
  }

  /**
   * Shows the findings of run `runId` of `folder` (read from its journal), replacing what was shown
   * under the folder; not when `still` says otherwise once they are read.
   */
  async show(folder: vscode.Uri, runId: string, still: () => boolean = () => true): Promise<void> {
    const { readJournal } = await import('../core/pipeline/journal/journal.js');
    const { RunFolder } = await import('../core/pipeline/journal/runFolder.js');
    const { placedFindings } = await import('../core/pipeline/findings/placedFindings.js');
    const run = new RunFolder(folder.fsPath, runId);
    let findings: PlacedFinding[];
    try {
      findings = placedFindings(readJournal(run.journalFile));
    } catch {
      // A journal that cannot be read shows nothing; the run's own messages say why.
      return;
    }
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings) {
      const abs = join(folder.fsPath, ...finding.file.split('/'));
      if (!existsSync(abs)) continue;
      const uri = vscode.Uri.file(abs).toString();
      const d = diagnosticOf(finding, vscode.Uri.file(run.reportFile));
      this.found.set(d, { finding, folder });
      byFile.set(uri, [...(byFile.get(uri) ?? []), d]);
    }
    if (!still()) return;
    this.clearUnder(folder);
    for (const [uri, list] of byFile) this.collection.set(vscode.Uri.parse(uri), list);
  }

  clearUnder(folder: vscode.Uri): void {
    const prefix = folder.toString().replace(/\/?$/, '/');
    this.collection.forEach((uri) => {
      if (uri.toString().startsWith(prefix)) this.collection.delete(uri);
    });
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function diagnosticOf(f: PlacedFinding, report: vscode.Uri): vscode.Diagnostic {
  const line = (f.line ?? 1) - 1;
  // The end is clamped by the editor to the line's end: the whole line is marked without reading the file.
  const range = new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER);
  const d = new vscode.Diagnostic(range, `${f.issue}${f.fix ? ` — fix: ${f.fix}` : ''} [${f.severity}]`, SEVERITY[f.level]);
  d.source = FINDING_SOURCE;
  d.code = { value: f.by, target: report };
  return d;
}
