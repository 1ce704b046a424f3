/** The human part of a provider's error body, whatever its nesting: `{ error: { message } }`, `{ message }`, a string. */
export function errorMessage(body: unknown, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  if (typeof body === 'string') {
    const text = body.trim();
    if (text.startsWith('{')) {
      try {
        return errorMessage(JSON.parse(text) as unknown, depth + 1) ?? text;
      } catch {
        return text;
      }
    }
    return text || undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  if ('message' in body && typeof body.message === 'string' && body.message) return body.message;
  if ('error' in body) return errorMessage(body.error, depth + 1);
  return undefined;
}

/** The underlying cause of a connection error, for the message. */
export function causeText(err: unknown): string | undefined {
  const cause = err instanceof Error ? err.cause : undefined;
  if (!(cause instanceof Error)) return err instanceof Error ? err.message : undefined;
  const code = 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
  return `${cause.message}${code}`;
}
