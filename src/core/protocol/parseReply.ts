/**
 * Reads the one `dac` block of a model reply and validates it against its kind's schema (DAC.md,
 * "Envelope"). Strict by contract: no block, two blocks, invalid JSON or a schema violation means the
 * reply is not acted on; the issues say exactly what to fix. Never throws for any input.
 */
import { outlineReply, type FencedBlock, type ReplyOutline } from './dacBlock';
import type { DacIssue, ReplyProblem } from './issues';
import { DacReplyError } from './issues';
import { DAC_KINDS, DAC_SCHEMAS, isDacKind, type DacKind, type DacMessage, type DacMessageOf } from './schemas';
import { describe, issuesFromZod } from './validationErrors';

export interface DacBlockSpan {
  /** 1-based reply lines of the opening and closing fences. */
  openLine: number;
  closeLine: number;
}

export type ParsedReply<M> = { ok: true; message: M; block: DacBlockSpan } | { ok: false; problem: ReplyProblem; issues: DacIssue[] };

const KINDS = DAC_KINDS.map((k) => `"${k}"`).join(', ');

export function parseReply(text: string): ParsedReply<DacMessage>;
export function parseReply<K extends DacKind>(text: string, expect: K): ParsedReply<DacMessageOf<K>>;
export function parseReply(text: string, expect?: DacKind): ParsedReply<DacMessage> {
  const outline = outlineReply(typeof text === 'string' ? text : '');
  const blocks = outline.dac;
  const want = expect ? `one \`\`\`dac block holding {"dac": 1, "kind": "${expect}", ...}` : 'one ```dac block holding {"dac": 1, "kind": ..., ...}';
  if (blocks.length === 0) return fail('no_block', [{ path: '$', expected: want, got: `no \`\`\`dac block${noBlockHint(outline)}` }]);
  if (blocks.length > 1) {
    const where = blocks.map((b) => b.openLine).join(', ');
    const cut = outline.cutBlocks.length > 0 ? ` (${cutHint(outline.cutBlocks[0])})` : '';
    return fail('several_blocks', [{ path: '$', expected: `exactly ${want}`, got: `${blocks.length} \`\`\`dac blocks (opened at reply lines ${where}); send one${cut}` }]);
  }
  const block = blocks[0];
  if (block.closeLine === 0) {
    const got = block.stoppedBy
      ? `a block opened at reply line ${block.openLine} with no closing fence before the SEARCH/REPLACE block at reply line ${block.stoppedBy}`
      : `a block opened at reply line ${block.openLine} that never closes (the reply may have been cut off)`;
    return fail('unclosed_block', [{ path: '$', expected: 'the ```dac block to end with a closing ``` line', got }]);
  }
  const json = parseJson(block);
  if (!json.ok) return fail('invalid_json', [json.issue]);
  return validate(json.value, block, expect);
}

/** Like parseReply, for callers that treat an invalid reply as exceptional. Throws only DacReplyError. */
export function requireDac<K extends DacKind>(text: string, expect: K): DacMessageOf<K> {
  const r = parseReply(text, expect);
  if (!r.ok) throw new DacReplyError(r.problem, r.issues);
  return r.message;
}

/** Why there is no block: a SEARCH/REPLACE block cut off before its end, DaC JSON in an untagged fence. */
function noBlockHint(outline: ReplyOutline): string {
  const hints: string[] = [];
  const cut = outline.cutBlocks[0];
  if (cut !== undefined) hints.push(cutHint(cut));
  // Only JSON outside SEARCH/REPLACE blocks: inside them it is file content (a blueprint being patched).
  if (/"dac"\s*:/.test(outline.prose)) hints.push('there is DaC-looking JSON, but its fence is not tagged dac: open it with ```dac');
  return hints.length > 0 ? ` (${hints.join('; ')})` : '';
}

function cutHint(searchLine: number): string {
  return `the SEARCH/REPLACE block at reply line ${searchLine} has no \`>>>>>>> REPLACE\` line: the reply may have been cut off there; end that block, then send the \`\`\`dac block`;
}

function fail(problem: ReplyProblem, issues: DacIssue[]): { ok: false; problem: ReplyProblem; issues: DacIssue[] } {
  return { ok: false, problem, issues };
}

function parseJson(block: FencedBlock): { ok: true; value: unknown } | { ok: false; issue: DacIssue } {
  try {
    return { ok: true, value: JSON.parse(block.body) as unknown };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    let where = '';
    if (at) {
      const before = block.body.slice(0, Number(at[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column} of the block (reply line ${block.openLine + line})`;
    }
    return {
      ok: false,
      issue: {
        path: '$',
        expected: 'one JSON object (double-quoted keys and strings, no comments, no trailing commas)',
        got: `invalid JSON${where}: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`,
      },
    };
  }
}

function validate(value: unknown, block: FencedBlock, expect: DacKind | undefined): ParsedReply<DacMessage> {
  const span = { openLine: block.openLine, closeLine: block.closeLine };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail('schema', [{ path: '$', expected: 'a JSON object {"dac": 1, "kind": ...}', got: describe(value) }]);
  }
  const obj = value as Record<string, unknown>;
  if (!isDacKind(obj.kind) || (expect && obj.kind !== expect)) {
    const issues: DacIssue[] = [];
    if (obj.dac !== 1) issues.push({ path: '$.dac', expected: '1 (the DaC protocol version)', got: describe(obj.dac) });
    const wanted = expect ? `"${expect}" (this step accepts only ${expect})` : `one of ${KINDS}`;
    issues.push({ path: '$.kind', expected: wanted, got: describe(obj.kind) });
    return fail('schema', issues);
  }
  const parsed = DAC_SCHEMAS[obj.kind].safeParse(value);
  if (!parsed.success) return fail('schema', issuesFromZod(parsed.error.issues, value));
  return { ok: true, message: parsed.data as DacMessage, block: span };
}
