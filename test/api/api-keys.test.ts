import { print } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  MatchPhoneDocument,
  MatchPhoneEventsDocument,
  type MatchPhoneEventsSubscription,
} from '../../schema/generated/graphql.ts';
import { keyedWsClient, connectionCloseCode } from '../support/clients.ts';
import { post, upgradeStatus } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { ALICE_KEY, BOB_KEY, PRODUCTION, bearer } from '../support/production.ts';
import { HANGZHOU, startMatchingService } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

const MATCH_QUERY = print(MatchPhoneDocument);

describe('API keys', () => {
  it('in production mode refuses HTTP operations without a valid key (401, UNAUTHENTICATED) and runs them with one', async () => {
    const service = await startMatchingService(PRODUCTION);
    const url = service.graphqlUrl;

    const none = await post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const wrong = await post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } }, bearer('not-a-key'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(service.simulator.stats().requests).toBe(0);

    const right = await post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } }, bearer(ALICE_KEY));
    expect(right.status).toBe(200);
    expect((right.json.data?.matchPhone as { status: string }).status).toBe('MATCHED');
    const rows = service.audit!.rows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key_id: 'alice',
      status: 'MATCHED',
      masked_input: '138****1234',
      matches_count: 1,
    });
  });

  it('in production mode refuses WebSocket upgrades without a valid key, and subscriptions run under the key', async () => {
    const service = await startMatchingService(PRODUCTION);
    const url = service.graphqlUrl;
    expect(await upgradeStatus(url, bearer('wrong'))).toBe(401);
    expect(await upgradeStatus(url, bearer(BOB_KEY))).toBe(101);
    // Without a header (browsers cannot send one) the key must come in connection_init, else 4403.
    expect(await connectionCloseCode(url, {})).toBe(4403);
    expect(await connectionCloseCode(url, { authorization: 'Bearer wrong' })).toBe(4403);
    const viaParams = createWsClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ALICE_KEY}` },
      retryAttempts: 0,
    });
    leave(() => viaParams.dispose());
    for await (const result of viaParams.iterate<MatchPhoneEventsSubscription>({
      query: print(MatchPhoneEventsDocument),
      variables: { input: HANGZHOU },
    })) {
      expect(result.errors).toBeUndefined();
    }
    await waitFor(() => service.audit!.rows().some((row) => row.key_id === 'alice'), 'the audit row under alice');
    expect(service.simulator.stats().requests).toBeGreaterThan(0);

    const client = keyedWsClient(url, bearer(BOB_KEY));
    leave(() => client.dispose());
    const events: MatchPhoneEventsSubscription['matchPhoneEvents'][] = [];
    for await (const result of client.iterate<MatchPhoneEventsSubscription>({
      query: print(MatchPhoneEventsDocument),
      variables: { input: HANGZHOU },
    })) {
      expect(result.errors).toBeUndefined();
      if (result.data) events.push(result.data.matchPhoneEvents);
    }
    expect(events.at(-1)?.__typename).toBe('SearchFinished');
    await waitFor(() => service.audit!.rows().some((row) => row.key_id === 'bob'), 'the audit row under bob');
  });

  it('in dev mode needs no key and audits searches as "dev"', async () => {
    const service = await startMatchingService();
    const response = await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    expect(response.errors).toBeUndefined();
    expect(service.audit!.rows()[0]?.key_id).toBe('dev');
  });

  it('/metrics needs a key in production mode; /health and /ready do not', async () => {
    const service = await startMatchingService(PRODUCTION);
    expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${service.url}/metrics`, { headers: bearer(ALICE_KEY) })).status).toBe(200);
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    expect((await fetch(`${service.url}/ready`)).status).toBe(200);
  });
});
