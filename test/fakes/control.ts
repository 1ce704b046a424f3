// HTTP control under /__fake/, so a test can drive a fake that runs in another process (the CLI's).
//   POST /__fake/script   one reply or an array, appended to the queue
//   POST /__fake/route    one route or an array
//   GET  /__fake/requests the recorded requests, oldest first
//   POST /__fake/reset    forget script, routes and requests; free held connections
//   POST /__fake/release  free held (hung, stalled) connections only
import type { ServerResponse } from 'node:http';
import { sendJson } from './http';
import type { JsonValue } from './json';
import type { RecordedRequest } from './requestLog';
import { ScriptError, type ReplyLike, type Route } from './script';
import { parseReplies, parseRoutes } from './scriptJson';

export const CONTROL_PREFIX = '/__fake/';

export interface ControlTarget {
  script(...replies: ReplyLike[]): unknown;
  route(...routes: Route[]): unknown;
  requests(): readonly RecordedRequest[];
  reset(): void;
  release(): void;
}

export function handleControl(target: ControlTarget, method: string, path: string, body: JsonValue, res: ServerResponse): void {
  const action = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  try {
    switch (action) {
      case 'POST script':
        target.script(...parseReplies(body));
        break;
      case 'POST route':
        target.route(...parseRoutes(body));
        break;
      case 'GET requests':
        return sendJson(res, 200, target.requests());
      case 'POST reset':
        target.reset();
        break;
      case 'POST release':
        target.release();
        break;
      default:
        return sendJson(res, 404, { error: `fake-llm: no control endpoint ${action}` });
    }
    sendJson(res, 200, { ok: true });
  } catch (err) {
    // Script mistakes are the caller's (400); anything else is a bug in the fake (500).
    const status = err instanceof ScriptError ? 400 : 500;
    sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
  }
}
