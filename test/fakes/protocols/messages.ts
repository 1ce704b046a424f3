// Finding the first user message's text in the request shapes the SDKs send.
import { asString, isObject, type JsonValue } from '../json';

/** A content string, or the `text` of every part of a content array (text blocks, input_text, Gemini parts). */
export function contentText(content: JsonValue | undefined): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const texts = content.map((p) => (typeof p === 'string' ? p : isObject(p) ? asString(p['text']) : undefined));
  const found = texts.filter((t): t is string => t !== undefined);
  return found.length > 0 ? found.join('\n') : null;
}

/**
 * The first item of `items` said by the user, and its text under `contentKey`.
 * `roleOptional`: Gemini lets a content omit its role, meaning user.
 */
export function firstUserText(items: JsonValue | undefined, contentKey: string, roleOptional = false): string | null {
  if (!Array.isArray(items)) return null;
  const first = items.find((m) => isObject(m) && (m['role'] === 'user' || (roleOptional && m['role'] === undefined)));
  return isObject(first) ? contentText(first[contentKey]) : null;
}
