/**
 * How alike two findings' issues are, in their words: a cosine over the sets of the words each uses,
 * weighted so that what names the subject counts most. Code names (`baseUrl`, `limits.budgetUsd`,
 * `selfReviewProblems`) weigh most, and also count by their parts (`self`, `review`), so "the
 * self-review guard" meets `selfReviewProblems`; words any finding may use ("missing", "test",
 * "error") weigh little; words that carry no subject not at all. 0: nothing in common; 1: the same words.
 */

/** Words that carry no subject. */
const STOP = new Set(
  'the and for that this with from are was were its not but can has have had any all one two when then than into onto out via per each every some only also just does did line lines file files code should would could will may must more most less there their them they what which who whose how why where here very such other another own same much many like been being about over under upon while whether'.split(' '),
);

/** Words any finding may use, whatever it is about: they count, but little. */
const GENERIC = new Set(
  'missing test tests tested error errors case cases handle handled check checks checked function functions value values return returns call calls use uses used using make makes new add adds never always instead because since before after first last still even both way thing place wrong bad issue problem data type string number list run runs part set get name names silently nothing something without'.split(' ').map(stem),
);

const CODE_NAME_WEIGHT = 2;
const WORD_WEIGHT = 1;
const GENERIC_WEIGHT = 0.3;

/** A light stemmer: enough for "compares", "compared" and "compare" to meet. */
function stem(word: string): string {
  const bare = word.replace(/(?:ing|ed|es|(?<!s)s)$/, '');
  const base = bare.length >= 3 ? bare : word;
  return base.replace(/e$/, '').replace(/y$/, 'i');
}

/** A name written as code: camelCase, snake_case, dotted or with `$`. */
function isCodeName(token: string): boolean {
  return /[a-z][A-Z]|_|\.|\$/.test(token);
}

/** The weighted words of an issue text. */
export function issueTerms(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  const put = (term: string, weight: number): void => {
    if (weight > (terms.get(term) ?? 0)) terms.set(term, weight);
  };
  const word = (w: string): void => {
    const lower = w.toLowerCase();
    if (lower.length < 3 || STOP.has(lower) || /^\d+$/.test(lower)) return;
    const s = stem(lower);
    put(s, GENERIC.has(s) ? GENERIC_WEIGHT : WORD_WEIGHT);
  };
  for (const token of text.match(/[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g) ?? []) {
    if (isCodeName(token)) {
      put(`#${token.toLowerCase()}`, CODE_NAME_WEIGHT);
      for (const part of token.split(/[._$]+|(?<=[a-z0-9])(?=[A-Z])/)) word(part);
    } else word(token);
  }
  return terms;
}

/** The weighted cosine of the two issues' word sets. */
export function issueSimilarity(a: string, b: string): number {
  return similarityOf(issueTerms(a), issueTerms(b));
}

export function similarityOf(x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): number {
  let both = 0;
  let nx = 0;
  let ny = 0;
  for (const [t, w] of x) {
    nx += w * w;
    const v = y.get(t);
    if (v !== undefined) both += w * v;
  }
  for (const w of y.values()) ny += w * w;
  return nx === 0 || ny === 0 ? 0 : both / Math.sqrt(nx * ny);
}
