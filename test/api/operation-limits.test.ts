import { describe, expect, it } from 'vitest';
import { post } from '../support/http.ts';
import { HANGZHOU, startMatchingService } from '../support/test-service.ts';

describe('operation limits', () => {
  it('refuses matchPhone aliased 50 times before any check runs', async () => {
    const service = await startMatchingService();
    const fields = Array.from({ length: 50 }, (_, i) => `m${i}: matchPhone(input: $input) { status }`).join('\n');
    const response = await post(service.graphqlUrl, {
      query: `query ($input: MatchPhoneInput!) { ${fields} }`,
      variables: { input: HANGZHOU },
    });
    expect(response.json.data ?? undefined).toBeUndefined();
    expect(response.json.errors?.[0]?.message).toMatch(/aliases/i);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'maxAliases' });
    expect(service.simulator.stats().requests).toBe(0);
    expect(service.audit!.rows()).toHaveLength(0);
  });

  it('allows a few aliases (default 5)', async () => {
    const service = await startMatchingService();
    const fields = Array.from({ length: 2 }, (_, i) => `m${i}: candidatePlan(input: $input) { total }`).join('\n');
    const response = await post(service.graphqlUrl, {
      query: `query ($input: MatchPhoneInput!) { ${fields} }`,
      variables: { input: HANGZHOU },
    });
    expect(response.json.errors).toBeUndefined();
  });

  it('refuses an operation deeper than MAX_DEPTH, with no upstream request', async () => {
    const service = await startMatchingService({ MAX_DEPTH: '2' });
    const response = await post(service.graphqlUrl, {
      query: 'query ($input: MatchPhoneInput!) { matchPhone(input: $input) { matches { location { city } } } }',
      variables: { input: HANGZHOU },
    });
    expect(response.json.errors?.[0]?.message).toMatch(/depth/i);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'maxDepth' });
    expect(service.simulator.stats().requests).toBe(0);
  });

  it('refuses an operation over MAX_TOKENS', async () => {
    const service = await startMatchingService({ MAX_TOKENS: '20' });
    const fields = Array.from({ length: 20 }, () => '__typename').join(' ');
    const response = await post(service.graphqlUrl, { query: `{ ${fields} }` });
    expect(response.json.errors?.[0]?.message).toMatch(/token/i);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'maxTokens' });
  });

  it('refuses a request body over MAX_BODY_BYTES with 413, with or without Content-Length', async () => {
    const service = await startMatchingService({ MAX_BODY_BYTES: '4096' });
    const big = { query: '{ __typename }', variables: { padding: 'x'.repeat(5000) } };
    const sized = await post(service.graphqlUrl, big);
    expect(sized.status).toBe(413);

    const bytes = new TextEncoder().encode(JSON.stringify(big));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const streamed = await post(service.graphqlUrl, '', {}, { body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);

    const small = await post(service.graphqlUrl, { query: '{ __typename }' });
    expect(small.status).toBe(200);
  });
});
