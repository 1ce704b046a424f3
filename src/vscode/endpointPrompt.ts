import * as vscode from 'vscode';
import type { EndpointAnswer, WorkspaceEndpoint } from '../core/providers/endpointApprovals';

const ALLOW = 'Allow';
const DENY = "Don't Allow";

/**
 * The question before a key goes where only workspace settings point: modal, so it is answered
 * before anything is sent. Closing it answers nothing (it is asked again next time).
 */
export async function askEndpointModal(e: WorkspaceEndpoint): Promise<EndpointAnswer | undefined> {
  const pick = await vscode.window.showWarningMessage(
    `Send your ${e.keyName} to ${e.origin}?`,
    {
      modal: true,
      detail:
        `This workspace's settings (${e.settings.join(', ')}) point Factory there. A key is sent only where you choose; ` +
        'your answer is kept for this workspace. An endpoint set in your user settings is used without asking.',
    },
    ALLOW,
    DENY,
  );
  return pick === ALLOW ? 'allow' : pick === DENY ? 'deny' : undefined;
}
