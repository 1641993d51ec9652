import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';

/**
 * A small round-robin load balancer for trying the fleet by hand: plain HTTP (GraphQL, SSE) is
 * proxied with node:http, WebSocket upgrades are piped as raw TCP to the chosen instance. No health
 * checks or retries: it is a demo, not production (use nginx, HAProxy or the platform's balancer).
 */
export function startBalancer(targets: readonly URL[], port: number, host = '127.0.0.1'): Promise<Server> {
  let next = 0;
  const pick = () => targets[next++ % targets.length]!;
  const server = createServer((req, res) => {
    const target = pick();
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, { ...reply.headers, 'x-phonematch-instance': target.port });
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502).end('instance unavailable\n');
      else res.destroy();
    });
    req.pipe(upstream);
    res.on('close', () => upstream.destroy());
  });
  server.on('upgrade', (req, socket, head) => {
    const target = pick();
    const upstream = connect(Number(target.port), target.hostname, () => {
      const headers = Object.entries(req.headers).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}`),
      );
      upstream.write([`${req.method} ${req.url} HTTP/1.1`, ...headers, '', ''].join('\r\n'));
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
