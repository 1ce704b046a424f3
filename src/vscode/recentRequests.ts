/** The requests "Factory: Build" was given, newest first, offered again next time (kept in globalState). */
import type * as vscode from 'vscode';

export const RECENT_MAX = 10;
const KEY = 'factory.recentRequests';

/** `list` with `request` at the front: once, trimmed, at most RECENT_MAX. */
export function remember(list: readonly string[], request: string, max = RECENT_MAX): string[] {
  const r = request.trim();
  if (!r) return [...list];
  return [r, ...list.filter((x) => x !== r)].slice(0, max);
}

export function recentRequests(state: vscode.Memento): { list(): string[]; add(request: string): Thenable<void> } {
  const list = (): string[] => {
    const v = state.get<unknown>(KEY);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  };
  return { list, add: (request) => state.update(KEY, remember(list(), request)) };
}
