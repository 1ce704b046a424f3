/**
 * "Factory: Configure Roles": role → provider → model in quick picks, the key checked as you go (Set
 * API Key offered when one is missing), written to the User setting `factory.roles.<role>` (the
 * role's fallbacks kept). Models of VS Code's own providers (`vscode-lm`) are listed from vscode.lm.
 */
import * as vscode from 'vscode';
import { ROLES, type Role } from '../core/config/roles';
import { keyNeed } from '../core/providers/keys';
import { storedAccounts } from './apiKeys';
import { secretName } from './secretKeys';
import type { Asker, Choice } from './asker';
import type { CommandOutcome } from './outcome';
import { defaultModelFor, MODEL_SUGGESTIONS, PROVIDER_CHOICES, ROLE_WORDS, type ProviderChoice } from './roleChoices';

const TITLE = 'Factory: Configure Roles';
const COMMAND = 'factory.configureRoles';
export const SET_KEY_NOW = 'Set the API key now';
export const KEY_LATER = 'Later';

type RoleItem = Choice & { role: Role };
type ProviderItem = Choice & { choice: ProviderChoice };
type ModelItem = Choice & { model: string };

/** The role's current model as settings give it (any scope), or its default. */
function currentOf(role: Role): string {
  const v = vscode.workspace.getConfiguration('factory').inspect<unknown>(`roles.${role}`);
  const set = [v?.workspaceFolderValue, v?.workspaceValue, v?.globalValue].find((x) => x !== undefined && x !== null) as { provider?: unknown; model?: unknown } | undefined;
  const shown = set ?? (v?.defaultValue as { provider?: unknown; model?: unknown } | undefined);
  return shown && typeof shown.provider === 'string' ? `${shown.provider}:${String(shown.model)}${set ? '' : ' (default)'}` : '';
}

async function vscodeModels(): Promise<ModelItem[]> {
  try {
    const models = await vscode.lm.selectChatModels();
    return models.map((m) => ({ label: m.id, description: `${m.name} · ${m.vendor}, family ${m.family}`, model: m.id }));
  } catch {
    return [];
  }
}

async function askModel(ask: Asker, role: Role, choice: ProviderChoice): Promise<string | undefined> {
  const listed: ModelItem[] =
    choice.provider === 'vscode-lm' ? await vscodeModels() : (MODEL_SUGGESTIONS[choice.catalog] ?? []).map((m) => ({ label: m, ...(defaultModelFor(role, choice.provider) === m && { description: 'default for this role' }), model: m }));
  const none = choice.provider === 'vscode-lm' && listed.length === 0 ? ' (no extension offers a model here; type an id or family)' : '';
  const pick = await ask.pick<ModelItem>({
    title: `${TITLE}: ${role} · ${choice.label}`,
    placeHolder: `Which model? Pick one or type its name${none}`,
    items: listed,
    typed: (value) => ({ label: value, description: 'the name typed', model: value }),
    matchOnDescription: true,
  });
  return pick?.model;
}

/** Runs the flow; `setKey` is "Factory: Set API Key" for one account. */
export async function configureRoles(
  ask: Asker,
  secrets: vscode.SecretStorage,
  setKey: (account: string) => Promise<unknown>,
  given?: unknown,
): Promise<CommandOutcome> {
  const cancelled = (what: string): CommandOutcome => ({ command: COMMAND, status: 'cancelled', detail: `No ${what} was chosen; no setting was changed.` });
  let role = typeof given === 'string' && (ROLES as readonly string[]).includes(given) ? (given as Role) : undefined;
  if (!role) {
    const items: RoleItem[] = ROLES.map((r) => ({ label: `${ROLE_WORDS[r].name} (${r})`, description: currentOf(r), detail: ROLE_WORDS[r].does, role: r }));
    role = (await ask.pick({ title: TITLE, placeHolder: 'Which role? Each is one model; reviewers should differ from the writer.', items, matchOnDetail: true }))?.role;
    if (!role) return cancelled('role');
  }
  const stored = await storedAccounts(secrets);
  const providers: ProviderItem[] = PROVIDER_CHOICES.map((c) => {
    const need = keyNeed({ provider: c.provider, model: '', ...(c.baseUrl !== undefined && { baseUrl: c.baseUrl }) });
    const keyState = c.askUrl ? 'asks for its base URL' : !need.required ? 'no key needed' : stored.has(need.account) ? '$(check) key stored' : 'needs a key (none stored yet)';
    return { label: c.label, description: [c.baseUrl, keyState].filter(Boolean).join(' · '), choice: c };
  });
  const chosen = (await ask.pick({ title: `${TITLE}: ${role}`, placeHolder: `Which provider for the ${ROLE_WORDS[role].name.toLowerCase()}?`, items: providers, matchOnDescription: true }))?.choice;
  if (!chosen) return cancelled('provider');
  let baseUrl = chosen.baseUrl;
  if (chosen.askUrl) {
    baseUrl = (
      await ask.input({
        title: `${TITLE}: ${role}`,
        prompt: 'The base URL of the OpenAI-compatible service',
        placeHolder: 'https://example.com/v1',
        validate: (v) => (URL.canParse(v.trim()) ? undefined : 'a URL such as https://example.com/v1'),
      })
    )?.trim();
    if (!baseUrl) return cancelled('base URL');
  }
  const model = (await askModel(ask, role, chosen))?.trim();
  if (!model) return cancelled('model');

  const value = { provider: chosen.provider, model, ...(baseUrl !== undefined && { baseUrl }) };
  const need = keyNeed(value);
  let keyNote = '';
  const hasKey = async (): Promise<boolean> => Boolean((await secrets.get(secretName(need.account)))?.trim());
  if (need.required && !(await hasKey())) {
    const now = await ask.pick({
      title: `${TITLE}: ${role}`,
      placeHolder: `No API key for ${need.label} is stored; a run needs it. Set it now?`,
      items: [{ label: SET_KEY_NOW }, { label: KEY_LATER, description: 'with "Factory: Set API Key"' }],
    });
    if (now?.label === SET_KEY_NOW) await setKey(need.account);
    keyNote = (await hasKey()) ? '' : ` No API key for ${need.label} is stored yet: run "Factory: Set API Key" before a build.`;
  }
  // The role's fallbacks, if the User setting has some, stay.
  const cfg = vscode.workspace.getConfiguration('factory');
  const user = cfg.inspect<unknown>(`roles.${role}`)?.globalValue;
  const fallbacks = typeof user === 'object' && user !== null && Array.isArray((user as { fallbacks?: unknown }).fallbacks) ? { fallbacks: (user as { fallbacks: unknown[] }).fallbacks } : {};
  await cfg.update(`roles.${role}`, { ...value, ...fallbacks }, vscode.ConfigurationTarget.Global);
  const overridden = [cfg.inspect<unknown>(`roles.${role}`)?.workspaceValue, cfg.inspect<unknown>(`roles.${role}`)?.workspaceFolderValue].some((v) => v !== undefined);
  const where = overridden ? ' Workspace settings set this role too, and win in this workspace.' : '';
  const { readSettings } = await import('./settings.js');
  const checked = readSettings();
  const clash = checked.ok ? [] : checked.problems.filter((p) => p.path.startsWith(`roles.${role}`) || p.message.includes(` ${role} `));
  const warn = clash.length ? ` But: ${clash.map((p) => p.message).join(' ')}` : '';
  return {
    command: COMMAND,
    status: 'done',
    detail: `The ${ROLE_WORDS[role].name.toLowerCase()} (${role}) now uses ${chosen.provider}:${model}${baseUrl ? ` at ${baseUrl}` : ''} (User settings).${where}${keyNote}${warn}`,
    target: `factory.roles.${role}`,
  };
}
