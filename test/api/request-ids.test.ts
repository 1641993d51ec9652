import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.ts';
import { post } from '../support/http.ts';
import { FULL_NUMBER } from '../support/production.ts';
import { startTestService } from '../support/test-service.ts';

describe('client request ids', () => {
  it('are echoed and logged when sane, replaced when they carry a phone number', async () => {
    const lines: string[] = [];
    const service = await startTestService({
      logger: createLogger({ level: 'info', destination: { write: (line: string) => lines.push(line) } }),
    });
    const idOf = async (requestId: string) => {
      const { headers } = await post(
        service.graphqlUrl,
        { query: '{ matchPhone(input: { prefix: "138057112", suffix: "1" }) { status } }' },
        { 'x-request-id': requestId },
      );
      return headers.get('x-request-id');
    };
    expect(await idOf('order-4711.retry-2')).toBe('order-4711.retry-2');
    for (const carriesNumber of ['13812345678', 'order-13812345678', 'cust:8613812345678']) {
      const id = await idOf(carriesNumber);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(lines.some((line) => line.includes('order-4711.retry-2'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(FULL_NUMBER);
  });
});
