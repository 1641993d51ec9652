import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.ts';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { post } from '../support/http.ts';
import { FULL_NUMBER } from '../support/production.ts';
import { HANGZHOU, HANGZHOU_MATCH, startMatchingService } from '../support/test-service.ts';

const MATCH_QUERY = print(MatchPhoneDocument);
const ADDRESS = '浙江省杭州市西湖区文三路90号';

describe('logs', () => {
  it('carry request and search ids, and no full numbers or addresses', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
    const service = await startMatchingService({ AUDIT_FULL_NUMBERS: 'true' }, {}, logger);
    const response = await post(
      service.graphqlUrl,
      { query: MATCH_QUERY, variables: { input: HANGZHOU } },
      { 'x-request-id': 'req-abc.123' },
    );
    expect(response.headers.get('x-request-id')).toBe('req-abc.123');
    expect((response.json.data?.matchPhone as { matches: Array<{ phone: string }> }).matches[0]?.phone).toBe(
      HANGZHOU_MATCH,
    );
    // An invalid client id is replaced by a generated one.
    const generated = await post(
      service.graphqlUrl,
      { query: '{ __typename }' },
      { 'x-request-id': 'bad id with spaces' },
    );
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // A customer's address as written on an order is personal data too: only the place it resolves to is logged.
    const withAddress = await post(service.graphqlUrl, {
      query: MATCH_QUERY,
      variables: { input: { prefix: HANGZHOU.prefix, suffix: HANGZHOU.suffix, address: ADDRESS } },
    });
    expect(withAddress.json.errors).toBeUndefined();

    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const finished = records.find((r) => r.msg === 'search finished');
    expect(finished).toMatchObject({ requestId: 'req-abc.123', apiKeyId: 'dev' });
    expect(finished?.searchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line).not.toMatch(FULL_NUMBER);
      expect(line).not.toContain('文三路');
    }
  });
});
