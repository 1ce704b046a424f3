/**
 * Opening a TCP connection to the app: straight to 127.0.0.1 when the app runs on the host's
 * loopback, through the sandbox bridge (sandbox/bridgeMain.ts) when it runs in a network namespace
 * of its own. Either way the result is a connected socket or why there is none.
 */
import { connect, type Socket } from 'node:net';

export type Dialed = { socket: Socket } | { refused: string };
export type Dial = (port: number) => Promise<Dialed>;

export const dialLoopback: Dial = (port) =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve({ socket });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve({ refused: e.code ?? e.message });
    });
  });

/** Connections through the bridge listening on `socketPath` (a Unix socket bound into the app's sandbox). */
export function dialBridge(socketPath: string): Dial {
  return (port) =>
    new Promise((resolve) => {
      const socket = connect(socketPath);
      const fail = (why: string) => {
        socket.destroy();
        resolve({ refused: why });
      };
      const onError = (e: NodeJS.ErrnoException) => fail(e.code ?? e.message);
      const onEnd = () => fail('ECONNREFUSED');
      socket.once('error', onError);
      socket.once('end', onEnd);
      socket.once('connect', () => socket.write(`${JSON.stringify({ op: 'tcp', port })}\n`));
      socket.once('readable', function first() {
        const head = socket.read(1) as Buffer | null;
        if (head === null) {
          socket.once('readable', first);
          return;
        }
        if (head.toString('latin1') !== '+') {
          const rest = socket.read() as Buffer | null;
          fail(rest?.toString('utf8') || 'ECONNREFUSED');
          return;
        }
        socket.off('error', onError);
        socket.off('end', onEnd);
        resolve({ socket });
      });
    });
}
