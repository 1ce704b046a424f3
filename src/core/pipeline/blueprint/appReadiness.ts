/**
 * How the engine knows a started app is ready, from the blueprint: `core.commands.port` (a port on
 * 127.0.0.1 that accepts a connection), else one port named in `core.contracts` as
 * `127.0.0.1:<port>` / `localhost:<port>` / `port <n>` (blueprints written before the port field),
 * and/or `core.commands.ready` (a text the app prints when ready). HTTP probes need a port.
 */
import type { Blueprint } from '../../protocol';

export type Readiness =
  | { ok: true; port?: number; readyText?: string; from: string }
  | { ok: false; why: string };

const CONTRACT_PORT = [/\b(?:127\.0\.0\.1|localhost|0\.0\.0\.0):(\d{2,5})\b/gi, /\bport\s+(\d{2,5})\b/gi];

export function appReadiness(bp: Blueprint): Readiness {
  const { port, ready } = bp.core.commands;
  const readyText = ready ?? undefined;
  if (typeof port === 'number') return { ok: true, port, readyText, from: 'core.commands.port' };
  const named = new Set<number>();
  for (const contract of bp.core.contracts) {
    for (const re of CONTRACT_PORT) for (const m of contract.matchAll(re)) named.add(Number(m[1]));
  }
  const ports = [...named].filter((p) => p >= 1 && p <= 65535);
  if (ports.length === 1) return { ok: true, port: ports[0], readyText, from: 'core.contracts' };
  if (readyText !== undefined) return { ok: true, readyText, from: 'core.commands.ready' };
  return {
    ok: false,
    why:
      ports.length > 1
        ? `core.contracts name ${ports.length} ports (${ports.join(', ')}) and core.commands.port is not set: set it to the one the app listens on`
        : 'core.commands.start is set but neither core.commands.port (the port it listens on at 127.0.0.1) nor core.commands.ready (the text it prints when ready) is',
  };
}

/** The ready text as the exact-text pattern the app's output is matched with. */
export function readyPattern(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
