/**
 * The CLI's configuration: the layers of configLayers.ts, checked one by one (so a mistake names its
 * file), the workspace's refused where it would choose where a key goes, then merged and resolved.
 * Every problem is a UsageError (exit 2) found before any request.
 */
import { mergeLayers } from '../core/config/layers';
import { formatProblems, layerProblems, resolveConfig, resolveProviders, type ConfigProblem, type FactoryConfig } from '../core/config/resolve';
import type { ProviderSettings } from '../core/config/schema';
import { keyRoutes } from '../core/providers/keyRoutes';
import { readConfigLayers, userConfigFile, type ConfigLayer, type ConfigSources } from './configLayers';
import { UsageError } from './io';

export type { ConfigSources } from './configLayers';

/** A workspace may not choose where a key goes (DESIGN.md, "Where keys go"): refused, naming each setting. */
function refuseKeyRoutes(layers: readonly ConfigLayer[], sources: ConfigSources): void {
  for (const layer of layers.filter((l) => l.owner === 'workspace')) {
    const routes = keyRoutes(layer.raw);
    if (routes.length === 0) continue;
    const userFile = userConfigFile(sources.env) ?? '~/.factory/config.json';
    throw new UsageError(
      `${layer.file} sets where your API keys are sent, which only your own configuration may do:\n` +
        routes.map((r) => `  ${r.setting}: ${r.description}`).join('\n') +
        `\nMove these settings to your user configuration, ${userFile} (or a file you pass with --config). ` +
        'A workspace may set baseUrl only for a keyless server on this machine (Ollama, LM Studio, vLLM). Nothing was sent.',
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

async function checkedLayers(sources: ConfigSources, problemsOf: (raw: unknown) => ConfigProblem[]): Promise<ConfigLayer[]> {
  const layers = await readConfigLayers(sources);
  refuseKeyRoutes(layers, sources);
  checkEach(layers, problemsOf);
  return layers;
}

/** The whole configuration, for the commands that run roles. */
export async function loadCliConfig(sources: ConfigSources): Promise<FactoryConfig> {
  const layers = await checkedLayers(sources, layerProblems);
  const result = resolveConfig(mergeLayers(layers.map((l) => l.raw)));
  if (!result.ok) throw new UsageError(`${originOf(layers)} has problems:\n${formatProblems(result.problems)}`);
  return result.config;
}

/**
 * Only the provider settings (prices, watchdog, concurrency), for `factory chat`: its model comes
 * from its flags, so a role problem elsewhere does not stop it. A workspace that routes a key is
 * refused all the same: that file is not to be trusted with anything.
 */
export async function loadChatProviders(sources: ConfigSources): Promise<ProviderSettings> {
  const problemsOf = (raw: unknown): ConfigProblem[] => {
    const r = resolveProviders(raw);
    return r.ok ? [] : r.problems;
  };
  const layers = await checkedLayers(sources, problemsOf);
  const result = resolveProviders(mergeLayers(layers.map((l) => l.raw)));
  if (!result.ok) throw new UsageError(`${originOf(layers)} has problems:\n${formatProblems(result.problems)}`);
  return result.providers;
}
