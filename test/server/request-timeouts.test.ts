import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { eventsOverSse, eventsOverWebSocket, finalResult } from '../support/clients.ts';
import { leave } from '../support/leftovers.ts';
import { ALICE_KEY, PRODUCTION, bearer } from '../support/production.ts';
import { startTestService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

/**
 * A client that sends its request a few bytes at a time, every 100 ms, and never finishes it: the
 * request head (all at once, or trickled too), then a body shorter than its Content-Length.
 */
function trickler(
  url: string,
  options: { headers?: Record<string, string>; contentLength?: number; trickleHead?: boolean } = {},
) {
  const { hostname, port } = new URL(url);
  const head =
    `POST /graphql HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${options.contentLength ?? 1000}\r\n${Object.entries(options.headers ?? {})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`;
  const socket = connect(Number(port), hostname);
  let received = '';
  let closed = false;
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  socket.on('error', () => {}); // the server may reset a connection it gave up on
  socket.on('close', () => (closed = true));
  const pending = options.trickleHead ? [...head] : [head];
  const timer = setInterval(() => {
    if (closed) return clearInterval(timer);
    socket.write(pending.shift() ?? ' ');
  }, 100);
  const client = {
    received: () => received,
    closed: () => closed,
    stop() {
      clearInterval(timer);
      socket.destroy();
    },
  };
  leave(() => client.stop());
  return client;
}

describe('request timeouts', () => {
  it('closes a request whose body is not complete within REQUEST_TIMEOUT_MS, with 408', async () => {
    const running = await startTestService({ env: { REQUEST_TIMEOUT_MS: '1000' } });
    const client = trickler(running.graphqlUrl);
    await waitFor(client.closed, 'the server to close the connection');
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a request whose head is not complete within REQUEST_TIMEOUT_MS', async () => {
    const running = await startTestService({ env: { REQUEST_TIMEOUT_MS: '1000' } });
    const client = trickler(running.graphqlUrl, { trickleHead: true });
    await waitFor(client.closed, 'the server to close the connection');
  });

  it('closes the connection of a request refused before its body arrived (401 without a key, 413)', async () => {
    // The default bound (30 s) is far off: the connections close because the requests were refused.
    const running = await startTestService({ env: PRODUCTION });
    const withoutKey = trickler(running.graphqlUrl);
    await waitFor(withoutKey.closed, 'the server to close the refused connection', 10_000);
    expect(withoutKey.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(withoutKey.received()).toMatch(/\r\nconnection: close\r\n/i);

    const tooLarge = trickler(running.graphqlUrl, {
      headers: bearer(ALICE_KEY),
      contentLength: 10_000_000,
    });
    await waitFor(tooLarge.closed, 'the server to close the refused connection', 10_000);
    expect(tooLarge.received()).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('leaves SSE and WebSocket streams alone: a search that outlasts the bound streams to its end', async () => {
    // Two searches of 100 candidates, 4 requests at a time at 60 ms: about 3 s, three times the bound.
    const running = await startTestService({
      simulator: { latencyMs: 60 },
      env: { REQUEST_TIMEOUT_MS: '1000', CHECK_CONCURRENCY: '4' },
    });
    const [sse, ws] = await Promise.all([
      eventsOverSse(running.graphqlUrl, { prefix: '13805711', suffix: '1' }),
      eventsOverWebSocket(running.graphqlUrl, { prefix: '13805711', suffix: '2' }),
    ]);
    expect(finalResult(sse).status).toBe('NOT_FOUND');
    expect(finalResult(ws).status).toBe('NOT_FOUND');
    expect(Math.min(finalResult(sse).elapsedMs, finalResult(ws).elapsedMs)).toBeGreaterThan(2000);
  });
});
