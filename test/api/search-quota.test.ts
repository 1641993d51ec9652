import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { post } from '../support/http.ts';
import { ALICE_KEY, BOB_KEY, PRODUCTION, bearer } from '../support/production.ts';
import { HANGZHOU, startMatchingService } from '../support/test-service.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';

const MATCH_QUERY = print(MatchPhoneDocument);

describe('per-key search quota', () => {
  it('refuses searches over SEARCHES_PER_MINUTE_PER_KEY with RATE_LIMITED and a retry time, per key', async () => {
    const service = await startMatchingService({ ...PRODUCTION, SEARCHES_PER_MINUTE_PER_KEY: '2' });
    const url = service.graphqlUrl;
    const search = (key: string) => post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } }, bearer(key));
    expect((await search(ALICE_KEY)).json.errors).toBeUndefined();
    expect((await search(ALICE_KEY)).json.errors).toBeUndefined();
    const requestsBefore = await waitUntilSteady(() => service.simulator.stats().requests, 200);
    const refused = await search(ALICE_KEY);
    expect(refused.json.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = refused.json.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.json.errors?.[0]?.message).toMatch(/retry in \d+ s/);
    expect(service.simulator.stats().requests).toBe(requestsBefore);
    // Another key has its own allowance.
    expect((await search(BOB_KEY)).json.errors).toBeUndefined();
  });

  it('refuses a search over SEARCHES_IN_FLIGHT_PER_KEY with TOO_MANY_SEARCHES, and admits again once one ends', async () => {
    const service = await startMatchingService({ SEARCHES_IN_FLIGHT_PER_KEY: '1' }, { latencyMs: 60_000 });
    const url = service.graphqlUrl;
    const first = new AbortController();
    const slow = post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } }, {}, { signal: first.signal }).catch(
      () => undefined,
    );
    await waitFor(() => service.engine.activeSearches === 1, 'the first search to run');

    const refused = await post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } });
    expect(refused.json.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_SEARCHES', retryAfterSeconds: 1 });
    expect(service.engine.activeSearches).toBe(1);

    first.abort();
    await slow;
    await waitFor(() => service.engine.activeSearches === 0, 'the first search to end');
    // The slot is free again: a candidate plan costs nothing, but a new search is admitted.
    const second = new AbortController();
    const again = post(
      url,
      { query: MATCH_QUERY, variables: { input: HANGZHOU } },
      {},
      { signal: second.signal },
    ).catch(() => undefined);
    await waitFor(() => service.engine.activeSearches === 1, 'the second search to be admitted');
    second.abort();
    await again;
  });
});
