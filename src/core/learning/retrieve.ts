/**
 * Retrieval: which stored learnings a request gets, ranked by relevance with a full-text index
 * (minisearch) and cut to a token budget. Traps are domain knowledge: a trap goes in only when the
 * request matches it or its domain is one the request was found to be in. DNA and rules are the
 * owner's general preferences: the ones that match come first, the rest follow while the budget lasts
 * (DNA confirmed most often first, then rules in their stored order).
 */
import MiniSearch from 'minisearch';
import { domainWords, nameDomains } from './domains';
import type { DnaEntry, RuleEntry, StoredLearnings, TrapEntry } from './entries';
import { dnaLine, ruleLine, tokensOf, trapLine } from './entryText';
import { normalizeKey } from './normalize';

/**
 * Tokens of learnings one prompt carries. A constant, not a setting: about 1,200 tokens keeps the
 * learnings a small part of a blueprint request (whose own text is several thousand) while leaving
 * room for a few dozen entries; more would crowd out the request and the blueprint.
 */
export const LEARNINGS_TOKEN_BUDGET = 1200;

export interface Selection {
  domains: string[];
  dna: DnaEntry[];
  traps: TrapEntry[];
  rules: RuleEntry[];
  /** Estimated tokens of the chosen entries' lines. */
  tokens: number;
  budget: number;
  /** Stored entries left out (not relevant, or over the budget). */
  leftOut: number;
}

type Candidate = { kind: 'dna'; entry: DnaEntry } | { kind: 'trap'; entry: TrapEntry } | { kind: 'rule'; entry: RuleEntry };

// Words that say nothing about a request's subject; without them "a ... with ..." would match everything.
const STOP = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'with', 'by', 'at', 'as', 'is', 'it', 'be', 'that', 'this', 'from', 'into', 'not', 'no', 'never', 'must', 'should', 'use', 'using', 'make', 'build', 'app', 'new', 'its', 'their', 'our', 'we', 'you', 'i']);

function lineOf(c: Candidate): string {
  return c.kind === 'dna' ? dnaLine(c.entry) : c.kind === 'trap' ? trapLine(c.entry) : ruleLine(c.entry);
}

export function selectLearnings(store: StoredLearnings, request: string, budget = LEARNINGS_TOKEN_BUDGET): Selection {
  const domains = nameDomains(request, store.traps.map((t) => t.domain));
  const candidates: Candidate[] = [
    ...store.dna.map((entry): Candidate => ({ kind: 'dna', entry })),
    ...store.traps.map((entry): Candidate => ({ kind: 'trap', entry })),
    ...store.rules.map((entry): Candidate => ({ kind: 'rule', entry })),
  ];
  const index = new MiniSearch<{ id: string; subject: string; body: string }>({
    fields: ['subject', 'body'],
    storeFields: [],
    processTerm: (term) => {
      const t = term.toLowerCase();
      return t.length < 2 || STOP.has(t) ? null : t;
    },
  });
  index.addAll(
    candidates.map((c) => ({
      id: c.entry.id,
      subject: c.kind === 'dna' ? c.entry.topic : c.kind === 'trap' ? `${c.entry.domain} ${c.entry.trap}` : c.entry.rule,
      body: c.kind === 'dna' ? `${c.entry.choice} ${c.entry.why}` : c.kind === 'trap' ? c.entry.avoid : c.entry.why,
    })),
  );
  const options = { boost: { subject: 2 }, prefix: (t: string) => t.length >= 4, fuzzy: (t: string) => (t.length >= 5 ? 0.2 : false), combineWith: 'OR' } as const;
  const scores = new Map<string, number>();
  const add = (query: string, weight: number): void => {
    for (const hit of index.search(query, options)) scores.set(String(hit.id), (scores.get(String(hit.id)) ?? 0) + weight * hit.score);
  };
  // The request's own words count most; the vocabulary of its domains ("money" for billing) half as much.
  add(request, 1);
  if (domains.length) add(domainWords(domains).join(' '), 0.5);
  // A trap of a named domain is relevant even when no word of the request is in it.
  const inDomain = (t: TrapEntry): boolean => domains.includes(normalizeKey(t.domain));
  const top = Math.max(0, ...scores.values());
  const scoreOf = (c: Candidate): number => (scores.get(c.entry.id) ?? 0) + (c.kind === 'trap' && inDomain(c.entry) ? top + 1 : 0);
  const relevant = candidates.filter((c) => scoreOf(c) > 0).sort((a, b) => scoreOf(b) - scoreOf(a));
  const general = candidates
    .filter((c) => scoreOf(c) === 0 && c.kind !== 'trap')
    .sort((a, b) => (a.kind === 'dna' ? 0 : 1) - (b.kind === 'dna' ? 0 : 1) || (b.kind === 'dna' && a.kind === 'dna' ? b.entry.confirmed - a.entry.confirmed : 0));
  const chosen = new Set<string>();
  let tokens = 0;
  for (const c of [...relevant, ...general]) {
    const cost = tokensOf(lineOf(c));
    if (tokens + cost > budget) continue;
    tokens += cost;
    chosen.add(c.entry.id);
  }
  const order = [...relevant, ...general];
  const kept = order.filter((c) => chosen.has(c.entry.id));
  const dna = kept.flatMap((c) => (c.kind === 'dna' ? [c.entry] : []));
  const traps = kept.flatMap((c) => (c.kind === 'trap' ? [c.entry] : []));
  const rules = kept.flatMap((c) => (c.kind === 'rule' ? [c.entry] : []));
  return { domains, dna, traps, rules, tokens, budget, leftOut: candidates.length - chosen.size };
}
