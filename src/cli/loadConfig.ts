/**
 * The CLI's configuration: the layers of configLayers.ts, checked one by one (so a mistake names its
 * file), the workspace's refused where it would choose where a key goes or loosen the budget, then
 * merged and resolved. Every problem is a UsageError (exit 2) found before any request.
 */
import { mergeLayers } from '../core/config/layers';
import { formatProblems, layerProblems, resolveConfig, resolveProviders, type ConfigProblem, type FactoryConfig } from '../core/config/resolve';
import type { ProviderSettings } from '../core/config/schema';
import { workspaceExecutables } from '../core/config/executableRules';
import { workspaceSafetyOverrides } from '../core/config/safetyRules';
import { dollars, spendOverrides, userBudget, workspacePrices } from '../core/config/spendRules';
import { keyRoutes } from '../core/providers/keyRoutes';
import { readConfigLayers, userConfigFile, type ConfigLayer, type ConfigSources } from './configLayers';
import { UsageError } from './io';

export type { ConfigSources } from './configLayers';

/** Which workspace rules a command needs: `chat` has no budget, so of spending only prices concern it. */
type Rules = 'run' | 'chat';

interface Overreach {
  readonly setting: string;
  readonly description: string;
}

const listed = (found: readonly Overreach[]): string => found.map((f) => `  ${f.setting}: ${f.description}`).join('\n');

/**
 * A workspace may not choose where a key goes (DESIGN.md, "Where keys go"), price a model, loosen
 * the user's budget, name an executable to run (providers.cliPaths) or switch off a safety rule (docs/configuration.md, "What a workspace may set"):
 * refused, naming each setting, all of one file at once. `chat` has no budget and no reviews.
 */
function refuseWorkspaceOverreach(layers: readonly ConfigLayer[], sources: ConfigSources, rules: Rules): void {
  const user = layers.filter((l) => l.owner === 'user').map((l) => l.raw);
  for (const layer of layers.filter((l) => l.owner === 'workspace')) {
    const routes = keyRoutes(layer.raw);
    const spend = rules === 'run' ? spendOverrides(user, layer.raw) : workspacePrices(layer.raw);
    const safety = rules === 'run' ? workspaceSafetyOverrides(user, layer.raw) : [];
    const executables = workspaceExecutables(layer.raw);
    if (routes.length === 0 && spend.length === 0 && safety.length === 0 && executables.length === 0) continue;
    const userFile = userConfigFile(sources.env) ?? '~/.factory/config.json';
    const budget = userBudget(user);
    const what: string[] = [];
    const allowed: string[] = [];
    if (routes.length) {
      what.push(`${layer.file} sets where your API keys are sent, which only your own configuration may do:\n${listed(routes)}`);
      allowed.push('A workspace may set baseUrl only for a keyless server on this machine (Ollama, LM Studio, vLLM).');
    }
    if (spend.length) {
      what.push(`${layer.file} would loosen your run budget, which only your own configuration may do:\n${listed(spend)}`);
      allowed.push(`A workspace may not set providers.prices, and may set limits.budgetUsd only lower than your own budget (${budget === null ? 'you have none' : dollars(budget)}).`);
    }
    if (safety.length) {
      what.push(`${layer.file} would switch off a safety rule, which only your own configuration may do:\n${listed(safety)}`);
      allowed.push('A workspace may choose models, thresholds and limits, but not allowSelfReview: true, and may set exec only tighter than your own.');
    }
    if (executables.length) {
      what.push(`${layer.file} names executables for Factory to run, which only your own configuration may do:\n${listed(executables)}`);
      allowed.push('A workspace may give a role the provider claude-code, codex or gemini-cli; the executable is found on your PATH or in your own providers.cliPaths.');
    }
    throw new UsageError(
      `${what.join('\n')}\nMove these settings to your user configuration, ${userFile} (or a file you pass with --config). ${allowed.join(' ')} Nothing was sent.`,
    );
  }
}

function checkEach(layers: readonly ConfigLayer[], problemsOf: (raw: unknown) => ConfigProblem[]): void {
  for (const layer of layers) {
    const problems = problemsOf(layer.raw);
    if (problems.length) throw new UsageError(`${layer.file} has problems:\n${formatProblems(problems)}`);
  }
}

/** Names the files a merged result came from, for a problem no single file has (a reviewer across files). */
function originOf(layers: readonly ConfigLayer[]): string {
  if (layers.length === 0) return 'the default configuration';
  if (layers.length === 1) return (layers[0] as ConfigLayer).file;
  return `the configuration merged from ${layers.map((l) => l.file).join(', ')}`;
}

async function checkedLayers(sources: ConfigSources, problemsOf: (raw: unknown) => ConfigProblem[], rules: Rules): Promise<ConfigLayer[]> {
  const layers = await readConfigLayers(sources);
  refuseWorkspaceOverreach(layers, sources, rules);
  checkEach(layers, problemsOf);
  return layers;
}

/** The whole configuration, for the commands that run roles. */
export async function loadCliConfig(sources: ConfigSources): Promise<FactoryConfig> {
  const layers = await checkedLayers(sources, layerProblems, 'run');
  const result = resolveConfig(mergeLayers(layers.map((l) => l.raw)));
  if (!result.ok) throw new UsageError(`${originOf(layers)} has problems:\n${formatProblems(result.problems)}`);
  return result.config;
}

/**
 * Only the provider settings (prices, watchdog, concurrency), for `factory chat`: its model comes
 * from its flags, so a role problem elsewhere does not stop it. A workspace that routes a key or sets
 * a price (chat reports what the call cost) is refused all the same: that file is not to be trusted
 * with anything. Its budget is not read: chat has none.
 */
export async function loadChatProviders(sources: ConfigSources): Promise<ProviderSettings> {
  const problemsOf = (raw: unknown): ConfigProblem[] => {
    const r = resolveProviders(raw);
    return r.ok ? [] : r.problems;
  };
  const layers = await checkedLayers(sources, problemsOf, 'chat');
  const result = resolveProviders(mergeLayers(layers.map((l) => l.raw)));
  if (!result.ok) throw new UsageError(`${originOf(layers)} has problems:\n${formatProblems(result.problems)}`);
  return result.providers;
}
