import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.ts';
import { numbers, startChecker, TOKEN } from '../support/checker.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination: stream }) };
}

describe('credentials and numbers stay out of logs and errors', () => {
  it('masks numbers and omits the cookie and bearer token in every log line and failure message', async () => {
    const phones = numbers(6, '138');
    const [hang, reset, html, error, limited] = phones as [string, string, string, string, string, string];
    const { lines, logger } = capture();
    const { checker } = await startChecker(
      {
        faults: {
          retryAfter: '0',
          phoneFaults: new Map([
            [hang, 'hang'],
            [reset, 'reset'],
            [html, 'malformed-html'],
            [error, 'error'],
            [limited, 'rate-limit'],
          ]),
        },
      },
      {
        timeoutMs: 200,
        retry: { maxAttempts: 2 },
        breaker: { consecutiveFailures: 4, cooldownMs: 60_000 },
        orderService: { bearerToken: 'bearer-secret-99', headers: { 'x-api-key': 'key-secret-77' } },
      },
      { logger },
    );
    const results = await Promise.all(phones.map((p) => checker.check(p)));
    const failures = results.filter((r) => r.outcome === 'failed');
    expect(failures.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeGreaterThan(0);

    const texts = [
      ...lines,
      ...failures.flatMap((f) => [f.message, f.error.message, String(f.error.stack), JSON.stringify(f)]),
    ];
    for (const text of texts) {
      for (const secret of [TOKEN, 'bearer-secret-99', 'key-secret-77']) expect(text).not.toContain(secret);
      for (const phone of phones) expect(text).not.toContain(phone);
    }
    expect(lines.join('')).toContain('138****0000');
  });
});
