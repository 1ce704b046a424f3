/**
 * The environment commands get. Commands run code the models wrote, so nothing that could be a
 * credential goes along: provider keys, cloud and registry credentials, and any variable whose
 * name says it holds a secret. Factory's own settings stay out too. Runners are asked for plain
 * output, which keeps captured logs readable and digests small.
 */

/** Names dropped wherever they occur in a variable's name (case-insensitive). */
const SECRET_WORDS = ['KEY', 'TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASSPHRASE', 'CREDENTIAL', 'AUTH', 'COOKIE', 'SESSION'];

/** Prefixes of families that carry credentials or point at them (model providers, cloud SDKs, CI tokens, Factory itself). */
const SECRET_PREFIXES = [
  'ANTHROPIC_', 'OPENAI_', 'GEMINI_', 'MOONSHOT_', 'DEEPSEEK_', 'DASHSCOPE_', 'OPENROUTER_', 'MISTRAL_', 'GROQ_', 'XAI_', 'COHERE_', 'TOGETHER_',
  'AWS_', 'AZURE_', 'ARM_', 'GCP_', 'GCLOUD_', 'GOOGLE_', 'CLOUDSDK_', 'GH_', 'GITHUB_', 'GITLAB_', 'FACTORY_'];

/** Exact names that carry credentials without saying so. */
const SECRET_NAMES = new Set(['DATABASE_URL', 'REDIS_URL', 'MONGODB_URI', 'MONGO_URL', 'SSH_AUTH_SOCK', 'NETRC', 'PGPASSFILE', 'KUBECONFIG']);

/** Set for every command: plain, non-interactive output. */
const PLAIN_OUTPUT: Record<string, string> = { CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' };

/** Whether a variable may carry a secret, judged by its name alone. */
export function looksSecret(name: string): boolean {
  const upper = name.toUpperCase();
  if (SECRET_NAMES.has(upper)) return true;
  if (SECRET_PREFIXES.some((p) => upper.startsWith(p))) return true;
  return SECRET_WORDS.some((w) => upper.includes(w));
}

/**
 * The base env minus provider keys and anything that looks like a secret, plus plain-output settings.
 * `alsoDrop` names variables the user configured as key holders (a role's apiKeyEnv), whatever they are called.
 */
export function safeEnv(base: Readonly<Record<string, string | undefined>>, alsoDrop: readonly string[] = []): Record<string, string> {
  const extra = new Set(alsoDrop.map((n) => n.toUpperCase()));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || looksSecret(name) || extra.has(name.toUpperCase())) continue;
    env[name] = value;
  }
  return { ...env, ...PLAIN_OUTPUT };
}
