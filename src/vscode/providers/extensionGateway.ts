/** The gateway as the extension builds it: keys from SecretStorage, and VS Code's own language models. */
import type * as vscode from 'vscode';
import type { FactoryConfig } from '../../core/config/resolve';
import type { LogPort } from '../../core/ports';
import type { EndpointApprovals, WorkspaceEndpoint } from '../../core/providers/endpointApprovals';
import { Gateway, type GatewayEvent } from '../../core/providers/gateway';
import { CORE_ADAPTERS } from '../../core/providers/registry';
import type { UsageLedger } from '../../core/providers/usage';
import { secretKeys } from '../secretKeys';
import { vscodeLmAdapter } from './vscodeLm';

export interface ExtensionGatewayDeps {
  readonly secrets: vscode.SecretStorage;
  /** From readSettings(): roles, limits.budgetUsd, providers. */
  readonly config: FactoryConfig;
  readonly log?: LogPort;
  /** The run's journal. */
  readonly onEvent?: (event: GatewayEvent) => void;
  /** A resumed run passes the ledger it had. */
  readonly ledger?: UsageLedger;
  /** The keyed endpoints only workspace settings chose (readSettings), and who allows them. */
  readonly workspaceEndpoints?: readonly WorkspaceEndpoint[];
  readonly approvals?: EndpointApprovals;
}

export function createExtensionGateway(deps: ExtensionGatewayDeps): Gateway {
  const { config, approvals } = deps;
  const endpoints = deps.workspaceEndpoints ?? [];
  if (endpoints.length > 0 && !approvals) throw new Error('workspace endpoints need an EndpointApprovals to ask the user');
  return new Gateway({
    roles: config.roles,
    keys: secretKeys(deps.secrets),
    providers: config.providers,
    budgetUsd: config.limits.budgetUsd,
    adapters: { ...CORE_ADAPTERS, 'vscode-lm': vscodeLmAdapter },
    ...(deps.log && { log: deps.log }),
    ...(deps.onEvent && { onEvent: deps.onEvent }),
    ...(deps.ledger && { ledger: deps.ledger }),
    ...(approvals && { endpointGuard: approvals.guard(endpoints) }),
  });
}
