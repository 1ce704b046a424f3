/**
 * What the engine will run of a twin's verify_plan. Command probes run in the workspace without a
 * shell, like every command (so a shell as the program is refused: `sh -c` would bring one back).
 * HTTP probes go only to the app the engine started, on loopback, on its port: a probe naming any
 * other host, port or URL, or a path that is really an authority (`//host/...`), is refused.
 */
import type { Probe } from '../../protocol';

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'csh', 'tcsh', 'fish', 'ash', 'busybox', 'cmd', 'cmd.exe', 'powershell', 'pwsh']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Why a probe is not run, or undefined when it may be. `appPort`: the started app's port, if any. */
export function refusalOf(probe: Probe, appPort: number | undefined): string | undefined {
  if (probe.kind === 'command') {
    const program = probe.argv[0].split(/[\\/]/).pop() ?? probe.argv[0];
    if (SHELLS.has(program.toLowerCase())) return `commands run without a shell; "${probe.argv[0]}" is one: name the program to run and its words`;
    return undefined;
  }
  const extra = probe as Record<string, unknown>;
  for (const field of ['host', 'hostname']) {
    const v = extra[field];
    if (v !== undefined && !(typeof v === 'string' && LOOPBACK.has(v.toLowerCase()))) return `HTTP probes go only to the app on 127.0.0.1; "${field}": ${JSON.stringify(v)} is elsewhere`;
  }
  if (extra.port !== undefined && extra.port !== appPort) return `HTTP probes go only to the app's port${appPort === undefined ? '' : ` ${appPort}`}; "port": ${JSON.stringify(extra.port)} is another`;
  if (extra.url !== undefined) {
    const why = urlRefusal(extra.url, appPort);
    if (why) return why;
  }
  if (probe.path.startsWith('//')) return `"path" must be a path on the app (starting with a single /); ${JSON.stringify(probe.path)} names another host`;
  if (appPort === undefined) return 'there is no started app with a port to probe (core.commands.start or core.commands.port is not set): use command probes';
  return undefined;
}

function urlRefusal(url: unknown, appPort: number | undefined): string | undefined {
  if (typeof url !== 'string') return `"url" must be on the app at 127.0.0.1; ${JSON.stringify(url)} is not a URL`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"url" must be on the app at 127.0.0.1; ${JSON.stringify(url)} is not a URL`;
  }
  if (!LOOPBACK.has(parsed.hostname.toLowerCase())) return `HTTP probes go only to the app on 127.0.0.1; ${JSON.stringify(url)} is elsewhere`;
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
  if (port !== appPort) return `HTTP probes go only to the app's port${appPort === undefined ? '' : ` ${appPort}`}; ${JSON.stringify(url)} is another`;
  return undefined;
}
