import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { leave } from './leftovers.ts';

export interface CuttableProxy {
  /** http://127.0.0.1:<port>: the service, as the browser reaches it through the proxy. */
  readonly url: string;
  /** Drops every connection and refuses new ones, as a lost network would, until `restore()`. */
  cut(): void;
  restore(): void;
}

/**
 * A TCP proxy in front of the service, to lose the network between a browser and the service while
 * both stay up: the service's searches run on, and the browser sees its WebSocket drop and its
 * reconnections fail until the line is restored. Closed after the test.
 */
export async function startCuttableProxy(target: string): Promise<CuttableProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let isCut = false;
  const server: Server = createServer((client) => {
    if (isCut) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        open.delete(a);
        b.destroy();
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  leave(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      isCut = true;
      for (const socket of open) socket.destroy();
    },
    restore() {
      isCut = false;
    },
  };
}
