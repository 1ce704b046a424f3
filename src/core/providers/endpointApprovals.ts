/**
 * VS Code's half of "Where keys go" (DESIGN.md), in plain Node: a keyed `baseUrl` that only the
 * workspace's settings chose is used once the user allows that host for that provider, asked once
 * in a modal; the answer is kept per workspace. Until then the call is refused and nothing is sent.
 * The extension supplies the memory (workspaceState) and the question (a modal); tests supply both.
 */
import type { Role } from '../config/roles';
import type { ModelRef, RoleSettings } from '../config/schema';
import { keyRoutes, originOf, type KeyRoute } from './keyRoutes';
import type { CallRole, ModelTarget } from './types';

/** A provider and host that workspace settings send a key to, and the settings that do. */
export interface WorkspaceEndpoint {
  readonly provider: string;
  readonly origin: string;
  /** `Anthropic key`: what would be sent. */
  readonly keyName: string;
  readonly settings: readonly string[];
}

export type EndpointAnswer = 'allow' | 'deny';

/** Where answers are kept; VS Code's Memento (context.workspaceState) fits. */
export interface AnswerMemory {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** The question to the user; undefined when they dismissed it without answering. */
export type AskEndpoint = (endpoint: WorkspaceEndpoint) => Promise<EndpointAnswer | undefined>;

const MEMORY_KEY = 'factory.endpointAnswers';

const keyOf = (provider: string, origin: string): string => `${provider} ${origin}`;

function chain(roles: Readonly<Record<Role, RoleSettings>>): ModelRef[] {
  return Object.values(roles).flatMap((r) => [r, ...r.fallbacks]);
}

export interface EndpointSources {
  /** The user's own layers (VS Code user settings), raw. */
  readonly user: readonly unknown[];
  /** The workspace's layers (workspace and folder settings), raw. */
  readonly workspace: readonly unknown[];
  /** The roles after merging, i.e. what calls will use. */
  readonly roles: Readonly<Record<Role, RoleSettings>>;
  /** Put before each setting's path in messages, e.g. `factory.`. */
  readonly settingPrefix: string;
}

/**
 * The keyed endpoints in use that only workspace layers chose: not one the user's own layers already
 * send that provider's key to, and not one a higher layer replaced.
 */
export function workspaceEndpoints(s: EndpointSources): WorkspaceEndpoint[] {
  const baseUrls = (layers: readonly unknown[]): KeyRoute[] => layers.flatMap(keyRoutes).filter((r) => r.kind === 'baseUrl');
  const usersOwn = new Set(baseUrls(s.user).map((r) => keyOf(r.provider ?? '', r.origin ?? '')));
  const inUse = new Set(chain(s.roles).flatMap((m) => (m.baseUrl ? [keyOf(m.provider, originOf(m.baseUrl))] : [])));
  const found = new Map<string, { provider: string; origin: string; keyName: string; settings: string[] }>();
  for (const r of baseUrls(s.workspace)) {
    const key = keyOf(r.provider ?? '', r.origin ?? '');
    if (usersOwn.has(key) || !inUse.has(key)) continue;
    const entry = found.get(key) ?? { provider: r.provider ?? '', origin: r.origin ?? '', keyName: r.keyName, settings: [] };
    const setting = `${s.settingPrefix}${r.setting}`;
    if (!entry.settings.includes(setting)) entry.settings.push(setting);
    found.set(key, entry);
  }
  return [...found.values()];
}

export class EndpointApprovals {
  /** Questions on screen: calls that need the same answer wait for the one question. */
  private readonly asking = new Map<string, Promise<EndpointAnswer | undefined>>();

  constructor(
    private readonly memory: AnswerMemory,
    private ask: AskEndpoint,
  ) {}

  /** Replaces the question (the extension's integration tests answer it in place of a person). */
  setAsk(ask: AskEndpoint): void {
    this.ask = ask;
  }

  /** Forgets every answer given in this workspace. */
  async forget(): Promise<void> {
    await this.memory.update(MEMORY_KEY, undefined);
  }

  private answers(): Record<string, EndpointAnswer> {
    const kept = this.memory.get(MEMORY_KEY);
    return typeof kept === 'object' && kept !== null ? (kept as Record<string, EndpointAnswer>) : {};
  }

  private async decide(e: WorkspaceEndpoint): Promise<EndpointAnswer | undefined> {
    const key = keyOf(e.provider, e.origin);
    const kept = this.answers()[key];
    if (kept === 'allow' || kept === 'deny') return kept;
    let question = this.asking.get(key);
    if (!question) {
      question = this.ask(e).then(async (answer) => {
        // A dismissed question is not an answer: it is asked again next time.
        if (answer) await this.memory.update(MEMORY_KEY, { ...this.answers(), [key]: answer });
        return answer;
      });
      this.asking.set(key, question);
      void question.finally(() => this.asking.delete(key)).catch(() => undefined);
    }
    return question;
  }

  /** Why the endpoint may not be used, or undefined when the user allowed it (asking if not yet asked). */
  async refusal(e: WorkspaceEndpoint): Promise<string | undefined> {
    const answer = await this.decide(e);
    if (answer === 'allow') return undefined;
    const why = answer === 'deny' ? 'you declined it for this workspace' : 'it was not allowed (the question was dismissed; it is asked again next time)';
    return (
      `${e.settings.join(', ')} in the workspace settings would send your ${e.keyName} to ${e.origin}, and ${why}. Nothing was sent. ` +
      `To use that endpoint, set the baseUrl in your user settings; or remove it from the workspace settings.`
    );
  }

  /** One refusal per endpoint that is not allowed; each undecided endpoint is asked about once. */
  async refusals(endpoints: readonly WorkspaceEndpoint[]): Promise<string[]> {
    const out: string[] = [];
    // One modal at a time: a person answers questions in order.
    for (const e of endpoints) {
      const r = await this.refusal(e);
      if (r) out.push(r);
    }
    return out;
  }

  /** For GatewayOptions.endpointGuard: refuses a call to a workspace endpoint that is not allowed. */
  guard(endpoints: readonly WorkspaceEndpoint[]): (target: ModelTarget, role: CallRole) => Promise<string | undefined> {
    const byKey = new Map(endpoints.map((e) => [keyOf(e.provider, e.origin), e]));
    return async (target) => {
      const e = target.baseUrl === undefined ? undefined : byKey.get(keyOf(target.provider, originOf(target.baseUrl)));
      return e ? this.refusal(e) : undefined;
    };
  }
}
