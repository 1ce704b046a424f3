/** Keys from the environment: the CLI's KeysPort (and the tests'). */
import type { KeyRequest, KeysPort } from '../ports';

export function envKeys(env: Readonly<Record<string, string | undefined>>): KeysPort {
  return {
    findKey: (request: KeyRequest) => Promise.resolve(request.envVars.map((name) => env[name]?.trim()).find((v) => v)),
    howToSet: (request: KeyRequest) => {
      const [first, ...others] = request.envVars;
      if (!first) return `${request.label} takes no key from the environment`;
      const also = others.length ? ` (or ${others.join(', ')})` : '';
      return `set the environment variable ${first}${also}, or name another variable with "apiKeyEnv" in the role's settings (--api-key-env for factory chat)`;
    },
  };
}
