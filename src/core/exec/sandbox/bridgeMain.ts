/**
 * The bridge into an app's sandbox (built alone as dist/sandboxBridge.js; plain Node, no imports
 * from the project). The app under verification runs in a network namespace of its own, so the
 * engine's HTTP probes and the twin's command probes reach it through this bridge, over a Unix
 * socket in a folder bound into the sandbox:
 *
 *   serve <socket> -- <app argv…>   inside the sandbox: starts the app, then per connection either
 *                                   forwards TCP to 127.0.0.1:<port> there ({"op":"tcp"}), or runs a
 *                                   command there and streams its output and exit ({"op":"run"}).
 *   run <socket> <request json>     outside: one command probe through the bridge; prints its output
 *                                   and ends as it ended, so the engine runs it like any command.
 *
 * Each connection starts with one JSON line. A tcp answer is one byte, "+" (then raw bytes) or "-"
 * (then why). A run answer is frames: a type byte ("o" output, "x" exit as JSON), a 4-byte length, data.
 */
import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';

interface RunRequest {
  op: 'run';
  argv: string[];
  cwd: string;
  stdin?: string;
}
interface TcpRequest {
  op: 'tcp';
  port: number;
}
type Request = RunRequest | TcpRequest;

/** The exit frame's content. */
interface BridgeExit {
  code: number | null;
  signal: string | null;
  error?: string;
}

function frame(type: 'o' | 'x', data: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(data.length, 1);
  return Buffer.concat([head, data]);
}

/** Reads the first line of a connection, then hands over the socket with the rest unread. */
function firstLine(socket: Socket, then: (line: string) => void): void {
  let got = Buffer.alloc(0);
  const onData = (chunk: Buffer) => {
    got = Buffer.concat([got, chunk]);
    const nl = got.indexOf(10);
    if (nl < 0) {
      if (got.length > 1 << 20) socket.destroy();
      return;
    }
    socket.off('data', onData);
    socket.pause();
    const rest = got.subarray(nl + 1);
    if (rest.length) socket.unshift(rest);
    then(got.subarray(0, nl).toString('utf8'));
  };
  socket.on('data', onData);
}

/** The environment the app and the probes get: the bridge's own, without what made Electron act as Node. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

function forward(socket: Socket, port: number): void {
  const upstream = connect({ host: '127.0.0.1', port });
  upstream.once('connect', () => {
    socket.write('+');
    socket.pipe(upstream);
    upstream.pipe(socket);
    socket.resume();
  });
  upstream.once('error', (e: NodeJS.ErrnoException) => {
    if (upstream.connecting || !socket.writable) socket.end(`-${e.code ?? e.message}`);
    else socket.destroy();
  });
  socket.on('error', () => upstream.destroy());
  socket.on('close', () => upstream.destroy());
}

function runHere(socket: Socket, req: RunRequest): void {
  const [program, ...args] = req.argv;
  if (!program) {
    socket.end(frame('x', Buffer.from(JSON.stringify({ code: null, signal: null, error: 'empty command' }))));
    return;
  }
  const child = spawn(program, args, { cwd: req.cwd, env: childEnv(), detached: true, stdio: [req.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(req.stdin ?? '');
  const out = (chunk: Buffer) => socket.write(frame('o', chunk));
  child.stdout?.on('data', out);
  child.stderr?.on('data', out);
  let ended = false;
  const end = (exit: BridgeExit) => {
    if (ended) return;
    ended = true;
    killGroup(); // what it left in the background goes with it, as outside the sandbox
    socket.end(frame('x', Buffer.from(JSON.stringify(exit))));
  };
  child.on('error', (e: NodeJS.ErrnoException) => end({ code: null, signal: null, error: `${e.code ?? 'error'}: ${e.message}` }));
  child.on('close', (code, signal) => end({ code, signal }));
  // The engine stopped the probe (timeout, cancel): the connection closes, the probe's group goes.
  socket.on('close', killGroup);
  socket.on('error', killGroup);
}

function serve(socketPath: string, argv: string[]): void {
  const [program, ...args] = argv;
  if (!program) {
    process.stderr.write('sandbox bridge: no app to start\n');
    process.exit(2);
  }
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    firstLine(socket, (line) => {
      let req: Request;
      try {
        req = JSON.parse(line) as Request;
      } catch {
        socket.destroy();
        return;
      }
      if (req.op === 'tcp') forward(socket, req.port);
      else if (req.op === 'run') runHere(socket, req);
      else socket.destroy();
    });
  });
  server.listen(socketPath);
  const app = spawn(program, args, { env: childEnv(), stdio: ['ignore', 'inherit', 'inherit'] });
  app.on('error', (e: NodeJS.ErrnoException) => {
    process.stderr.write(e.code === 'ENOENT' ? `command not found: ${program} (ENOENT): install it or fix core.commands\n` : `could not start ${program}: ${e.message}\n`);
    process.exit(127);
  });
  app.on('exit', (code, signal) => {
    server.close();
    if (signal) process.kill(process.pid, signal);
    process.exit(code ?? 1);
  });
  for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(s, () => app.kill(s));
}

function runThrough(socketPath: string, json: string): void {
  const socket = connect(socketPath);
  let buf = Buffer.alloc(0);
  let exited = false;
  socket.on('connect', () => socket.write(`${json}\n`));
  socket.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    while (buf.length >= 5) {
      const len = buf.readUInt32BE(1);
      if (buf.length < 5 + len) break;
      const type = buf.toString('latin1', 0, 1);
      const data = buf.subarray(5, 5 + len);
      buf = buf.subarray(5 + len);
      if (type === 'o') process.stdout.write(data);
      else if (type === 'x') {
        exited = true;
        const exit = JSON.parse(data.toString('utf8')) as BridgeExit;
        if (exit.error) process.stderr.write(`${exit.error}\n`);
        if (exit.signal) {
          process.stdout.write('', () => process.kill(process.pid, exit.signal as NodeJS.Signals));
          return;
        }
        process.stdout.write('', () => process.exit(exit.code ?? 127));
      }
    }
  });
  socket.on('error', (e) => {
    process.stderr.write(`the app's sandbox is gone (${e.message}): the probe did not run\n`);
    process.exit(125);
  });
  socket.on('close', () => {
    if (!exited) {
      process.stderr.write("the app's sandbox closed before the probe ended\n");
      process.exit(125);
    }
  });
}

function main(): void {
  const [mode, socketPath, ...rest] = process.argv.slice(2);
  if (mode === 'serve' && socketPath && rest[0] === '--') serve(socketPath, rest.slice(1));
  else if (mode === 'run' && socketPath && rest[0] !== undefined) runThrough(socketPath, rest[0]);
  else {
    process.stderr.write('usage: sandboxBridge serve <socket> -- <argv…> | run <socket> <request>\n');
    process.exit(2);
  }
}

if (require.main === module) main();
