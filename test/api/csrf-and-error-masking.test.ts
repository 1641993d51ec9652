import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { post } from '../support/http.ts';
import { HANGZHOU, startMatchingService } from '../support/test-service.ts';

describe('CSRF prevention and error masking', () => {
  it('refuses GETs and simple-content-type POSTs without a preflight-forcing header', async () => {
    const service = await startMatchingService();
    const url = service.graphqlUrl;
    const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(403);
    const form = await post(url, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' });
    expect(form.status).toBe(403);
    expect(form.json.errors?.[0]?.message).toMatch(/CSRF/);
    const urlencoded = await post(url, `query=${encodeURIComponent('{ __typename }')}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(urlencoded.status).toBe(403);

    const withHeader = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(withHeader.status).toBe(200);
    expect(service.simulator.stats().requests).toBe(0);
  });

  it('the real service masks an unexpected resolver error', async () => {
    const service = await startMatchingService();
    // A search whose engine throws: the client sees only "Unexpected error.".
    service.engine.search = () => Promise.reject(new Error('internal detail 13800571234'));
    const response = await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    expect(response.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(response)).not.toContain('internal detail');
  });
});
