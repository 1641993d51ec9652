import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_REPLY_BYTES } from '../../src/checker/http-client.ts';
import { OrderChecker } from '../../src/checker/order-checker.ts';
describe('an oversized reply', () => {
  it('fails as unreadable instead of being read into memory', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 4 * MAX_REPLY_BYTES && res.write(chunk)) sent += chunk.length;
        if (sent < 4 * MAX_REPLY_BYTES) res.once('drain', pump);
        else res.end('{"total":1}');
      };
      pump();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const checker = new OrderChecker({
      orderService: { urlTemplate: `http://127.0.0.1:${port}/orders?phone={phone}` },
      retry: { maxAttempts: 1 },
    });
    try {
      expect(await checker.check('13800001234')).toMatchObject({ outcome: 'failed', reason: 'unreadable' });
    } finally {
      await checker.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
