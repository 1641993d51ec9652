import { print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  CancelSearchDocument,
  SearchDocument,
  StartSearchDocument,
  type MatchPhoneInput,
} from '../../schema/generated/graphql.ts';
import { runOperation, startSearchOn, wsClient } from '../support/clients.ts';
import { startTestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { serverRedis, startPrivateRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

const text = (doc: unknown) => print(doc as DocumentNode);
const INPUT: MatchPhoneInput = { prefix: '1390571', suffix: '12', stopAt: 'ALL' };
const MATCH = `query ($input: MatchPhoneInput!) { matchPhone(input: $input) { status totals { failed } } }`;

describe('fleet: search operations while Redis is away', () => {
  it('answer REDIS_UNAVAILABLE with retryAfterSeconds, and a start that failed leaves no quota slot behind', async () => {
    const redis = await startPrivateRedis();
    leave(() => redis.stop());
    const fleet = await startTestFleet(1, {
      redis: serverRedis(redis.url),
      env: { SEARCHES_IN_FLIGHT_PER_KEY: '1' },
    });
    const service = fleet.instance(0);
    const id = await startSearchOn(service.graphqlUrl, INPUT);
    (await post(service.graphqlUrl, { query: text(CancelSearchDocument), variables: { id } })).json;

    await redis.stop();
    await waitFor(() => !service.fleet!.reachable, 'the instance to see Redis gone');
    const unavailable = { code: 'REDIS_UNAVAILABLE', retryAfterSeconds: 2 };
    // Twice: with the key's one slot leaked by the first, the second would say TOO_MANY_SEARCHES.
    for (let i = 0; i < 2; i++) {
      const refused = (
        await post(service.graphqlUrl, { query: text(StartSearchDocument), variables: { input: INPUT } })
      ).json;
      expect(refused.errors?.[0]?.extensions).toMatchObject(unavailable);
    }
    expect(
      (await post(service.graphqlUrl, { query: text(SearchDocument), variables: { id } })).json.errors?.[0]?.extensions,
    ).toMatchObject(unavailable);
    expect(
      (await post(service.graphqlUrl, { query: text(CancelSearchDocument), variables: { id } })).json.errors?.[0]
        ?.extensions,
    ).toMatchObject(unavailable);
    const client = wsClient(service.graphqlUrl);
    leave(() => client.dispose());
    const watched = await runOperation(client, `subscription { searchEvents(id: "${id}") { __typename } }`);
    expect(watched).toMatchObject({ next: [{ errors: [{ extensions: unavailable }] }] });

    // The slot is free: a one-shot search (which needs no Redis) is admitted on this instance's count.
    const oneShot = (
      await post<{ matchPhone: { status: string; totals: { failed: number } } }>(service.graphqlUrl, {
        query: MATCH,
        variables: {
          input: INPUT,
        },
      })
    ).json;
    expect(oneShot.errors).toBeUndefined();
    expect(oneShot.data?.matchPhone.totals.failed).toBe(0);
  });
});
