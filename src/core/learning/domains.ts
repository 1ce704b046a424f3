/**
 * Naming a request's domains before the blueprint ("domain research"): computed, not asked of a
 * model, from a small lexicon of common domains and the domains of the traps already stored. A
 * domain is named when a word of the request begins with one of its keywords (so "payments" names
 * billing) or, for a stored trap's domain, is one of the domain's own words.
 */
import { normalizeKey } from './normalize';

const LEXICON: Readonly<Record<string, readonly string[]>> = {
  billing: ['billing', 'invoice', 'payment', 'pay', 'price', 'pricing', 'money', 'currency', 'checkout', 'subscription', 'refund', 'tax', 'cart', 'wallet', 'ledger', 'stripe'],
  auth: ['auth', 'login', 'logout', 'password', 'signup', 'sign-in', 'session', 'token', 'oauth', 'jwt', 'permission'],
  'real-time': ['realtime', 'real-time', 'websocket', 'socket', 'live', 'chat', 'push', 'stream', 'sse', 'presence', 'multiplayer'],
  'http api': ['api', 'rest', 'http', 'endpoint', 'route', 'server', 'webhook', 'graphql'],
  storage: ['database', 'sql', 'sqlite', 'postgres', 'mysql', 'mongo', 'persist', 'storage', 'migration', 'cache', 'redis'],
  text: ['text', 'string', 'slug', 'unicode', 'markdown', 'parser', 'regex', 'template'],
  files: ['upload', 'download', 'csv', 'pdf', 'image', 'filesystem'],
  time: ['date', 'time', 'timezone', 'calendar', 'schedule', 'cron', 'booking', 'appointment', 'reminder'],
  email: ['email', 'mail', 'smtp', 'newsletter', 'notification'],
  search: ['search', 'full-text', 'ranking', 'autocomplete'],
  cli: ['cli', 'terminal', 'shell'],
  concurrency: ['queue', 'worker', 'job', 'concurrent', 'parallel', 'lock', 'retry'],
};

function wordsOf(text: string): string[] {
  return normalizeKey(text).split(/[^\p{L}\p{N}-]+/u).filter(Boolean);
}

/** The domains of `request`, lexicon ones first, then stored ones, without repeats. */
export function nameDomains(request: string, storedDomains: readonly string[]): string[] {
  const words = wordsOf(request);
  const found: string[] = [];
  const add = (d: string): void => {
    if (!found.includes(d)) found.push(d);
  };
  const begins = (key: string): boolean => words.some((w) => (key.length < 4 ? w === key : w.startsWith(key)));
  for (const [domain, keys] of Object.entries(LEXICON)) if (begins(domain) || keys.some(begins)) add(domain);
  for (const stored of storedDomains) {
    const d = normalizeKey(stored);
    if (found.includes(d)) continue;
    const own = wordsOf(d).filter((w) => w.length >= 3);
    if (own.length && own.some((w) => words.includes(w) || words.some((x) => x.length >= 4 && (x.startsWith(w) || w.startsWith(x))))) add(d);
  }
  return found;
}

/** The lexicon's words for `domains` (a stored domain outside the lexicon stands for itself). */
export function domainWords(domains: readonly string[]): string[] {
  return domains.flatMap((d) => [d, ...(LEXICON[d] ?? [])]);
}
