/**
 * An HTTP probe from the twin's verify_plan, sent only to the app Factory started: loopback, the
 * app's port, nothing else. Whatever happens (refused, reset, timed out, a 500) is an observation
 * to send back to the twin, never an exception.
 */
import { request } from 'node:http';
import { dialLoopback, type Dial } from './dial';

export interface HttpProbe {
  method: string;
  /** A path on the app ("/api/items?x=1"); an absolute URL is accepted only for 127.0.0.1/localhost at the app's port. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** `ok`: a response arrived (any status: a 500 is an observation too); `error` says why not. */
export interface HttpObservation {
  ok: boolean;
  status?: number;
  headers?: Record<string, string>;
  body: string;
  bodyTruncated: boolean;
  error?: string;
  durationMs: number;
}

export const DEFAULT_PROBE_BODY_CAP = 64 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
const METHOD = /^[A-Z]{1,16}$/;

/** The path to request, or why the probe is refused. */
function target(port: number, path: string): { path: string } | { refused: string } {
  if (path.startsWith('/') && !path.startsWith('//')) return { path };
  let url: URL;
  try {
    url = new URL(path);
  } catch {
    return { refused: `probe refused: ${JSON.stringify(path)} is not a path on the app (start it with "/")` };
  }
  if (url.protocol !== 'http:') return { refused: `probe refused: only http:// to the app, not ${url.protocol}` };
  if (!LOOPBACK.has(url.hostname)) return { refused: `probe refused: host ${url.hostname} is not the app; probes go only to 127.0.0.1 or localhost` };
  const urlPort = Number(url.port || 80);
  if (urlPort !== port) return { refused: `probe refused: port ${urlPort} is not the app's port ${port}` };
  if (url.username || url.password) return { refused: 'probe refused: credentials in the URL' };
  return { path: `${url.pathname}${url.search}` };
}

/** `dial` opens the connection: to the host's loopback, or into the app's sandbox. */
export function httpProbe(port: number, probe: HttpProbe, timeoutMs: number, signal?: AbortSignal, bodyCapBytes = DEFAULT_PROBE_BODY_CAP, dial: Dial = dialLoopback): Promise<HttpObservation> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: string): HttpObservation => ({ ok: false, body: '', bodyTruncated: false, error, durationMs: elapsed() });
  if (!Number.isInteger(port) || port < 1 || port > 65535) return Promise.resolve(fail(`probe refused: ${port} is not a port`));
  const method = probe.method.toUpperCase();
  if (!METHOD.test(method)) return Promise.resolve(fail(`probe refused: ${JSON.stringify(probe.method)} is not an HTTP method`));
  const where = target(port, probe.path);
  if ('refused' in where) return Promise.resolve(fail(where.refused));
  if (signal?.aborted) return Promise.resolve(fail('cancelled'));

  return new Promise((resolve) => {
    let settled = false;
    const finish = (o: HttpObservation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      resolve(o);
    };
    const headers: Record<string, string> = { ...(probe.headers ?? {}) };
    // The connection goes to 127.0.0.1 whatever a Host header says; keep the header honest too.
    for (const h of Object.keys(headers)) if (h.toLowerCase() === 'host') delete headers[h];
    if (probe.body !== undefined) headers['content-length'] = String(Buffer.byteLength(probe.body));
    const createConnection = (_: unknown, made: (err: Error | null, socket: import('node:net').Socket) => void): undefined => {
      void dial(port).then((d) => ('socket' in d ? made(null, d.socket) : made(Object.assign(new Error(d.refused), { code: d.refused }), undefined as never)));
      return undefined;
    };
    const req = request({ host: '127.0.0.1', port, method, path: where.path, headers, ...(dial === dialLoopback ? { agent: false } : { createConnection }) }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      const respond = (error?: string) =>
        finish({
          ok: true,
          status: res.statusCode,
          headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')])),
          body: Buffer.concat(chunks).toString('utf8'),
          bodyTruncated: truncated,
          ...(error ? { error } : {}),
          durationMs: elapsed(),
        });
      res.on('data', (chunk: Buffer) => {
        const room = bodyCapBytes - kept;
        if (chunk.length > room) truncated = true;
        if (room > 0) {
          chunks.push(chunk.subarray(0, room));
          kept += Math.min(room, chunk.length);
        }
        if (truncated) respond(); // enough seen; the rest is not read
      });
      res.on('end', () => respond());
      res.on('error', (e) => respond(`the response broke off: ${e.message}`));
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ECONNREFUSED' ? `connection refused on 127.0.0.1:${port} (is the app still running?)` : e.code === 'ECONNRESET' ? 'the app closed the connection without answering' : e.message;
      finish(fail(why));
    });
    const timer = setTimeout(() => finish(fail(`no complete answer within ${timeoutMs} ms`)), Math.max(0, timeoutMs));
    const onAbort = () => finish(fail('cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(probe.body);
  });
}
