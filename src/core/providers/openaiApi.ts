/**
 * Which OpenAI API a model needs. Most models answer on Chat Completions; these are offered only on
 * the Responses API (OpenAI's model pages as of 2025-10-01). Data: a new Responses-only model is one line.
 */
const RESPONSES_ONLY: readonly RegExp[] = [
  /^o1-pro\b/,
  /^o3-pro\b/,
  /^o3-deep-research\b/,
  /^o4-mini-deep-research\b/,
  /^gpt-5(\.\d+)?-pro\b/,
  /^gpt-5(\.\d+)?-codex\b/,
  /^codex-mini\b/,
  /^computer-use-preview\b/,
];

export function needsResponsesApi(model: string): boolean {
  return RESPONSES_ONLY.some((re) => re.test(model));
}
