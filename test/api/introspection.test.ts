import type { GraphQLFormattedError } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { describe, expect, it } from 'vitest';
import { INTROSPECTION_DISABLED } from '../../src/server/plugins/use-introspection-policy.ts';
import { keyedWsClient, runOperation, wsClient } from '../support/clients.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { ALICE_KEY, PRODUCTION, bearer } from '../support/production.ts';
import { startTestService } from '../support/test-service.ts';

const SCHEMA_QUERY = '{ __schema { queryType { name } types { name fields { name } } } }';
const TYPE_QUERY = '{ __type(name: "Query") { name } }';
/** A field of an introspection type deep inside a fragment is still introspection. */
const HIDDEN_QUERY = 'query Hidden { ...F } fragment F on Query { regions { name } __schema { directives { name } } }';

function expectRefused(errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined) {
  expect(errors).toHaveLength(1);
  expect(errors![0]!.extensions?.code).toBe(INTROSPECTION_DISABLED);
  expect(errors![0]!.extensions).not.toHaveProperty('http');
  expect(errors![0]!.message).toMatch(/^Introspection is off on this server: "__(schema|type)" cannot be queried/);
  expect(errors![0]!.message).toContain('INTROSPECTION=on');
}

describe('introspection in production (INTROSPECTION unset: off, as GraphiQL is off)', () => {
  it('is refused over POST, GET, SSE and graphql-ws with INTROSPECTION_DISABLED; __typename works; the socket goes on', async () => {
    const service = await startTestService({ env: PRODUCTION });
    const url = service.graphqlUrl;
    expect(service.config.introspection).toBe(false);
    const key = bearer(ALICE_KEY);

    for (const query of [SCHEMA_QUERY, TYPE_QUERY, HIDDEN_QUERY]) {
      const refused = await post(url, { query }, key);
      expect(refused.status, query).toBe(400);
      expect(refused.json.data, query).toBeUndefined();
      expectRefused(refused.json.errors);
    }
    const typename = await post(url, { query: '{ __typename regions { __typename name } }' }, key);
    expect(typename.json.errors).toBeUndefined();
    expect(typename.json.data?.__typename).toBe('Query');

    const get = await fetch(`${url}?query=${encodeURIComponent(TYPE_QUERY)}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1', ...key },
    });
    expectRefused(((await get.json()) as { errors?: GraphQLFormattedError[] }).errors);

    const sse = createSseClient({ url, headers: key, retryAttempts: 0 });
    leave(() => sse.dispose());
    const sseErrors: unknown[] = [];
    for await (const result of sse.iterate({ query: SCHEMA_QUERY })) sseErrors.push(...(result.errors ?? []));
    expectRefused(sseErrors as GraphQLFormattedError[]);

    const client = keyedWsClient(url, key);
    leave(() => client.dispose());
    let closed: unknown;
    client.on('closed', (event) => (closed = event));
    for (const query of [SCHEMA_QUERY, TYPE_QUERY]) {
      const outcome = await runOperation(client, query);
      expectRefused(outcome.errors);
    }
    expect(await runOperation(client, '{ __typename }')).toEqual({ next: [{ data: { __typename: 'Query' } }] });
    expect(closed).toBeUndefined();
  });

  it('is served with INTROSPECTION=on, over HTTP and graphql-ws', async () => {
    const service = await startTestService({ env: { ...PRODUCTION, INTROSPECTION: 'on' } });
    const key = bearer(ALICE_KEY);
    const answered = await post(service.graphqlUrl, { query: TYPE_QUERY }, key);
    expect(answered.json).toEqual({ data: { __type: { name: 'Query' } } });

    const client = keyedWsClient(service.graphqlUrl, key);
    leave(() => client.dispose());
    const outcome = await runOperation(client, SCHEMA_QUERY);
    expect(outcome.errors).toBeUndefined();
    expect(outcome.next).toMatchObject([{ data: { __schema: { queryType: { name: 'Query' } } } }]);
  });

  it('is served with GRAPHIQL=true, whose docs explorer needs it', async () => {
    const service = await startTestService({ env: { ...PRODUCTION, GRAPHIQL: 'true' } });
    const answered = await post(service.graphqlUrl, { query: TYPE_QUERY }, bearer(ALICE_KEY));
    expect(answered.json).toEqual({ data: { __type: { name: 'Query' } } });
  });
});

describe('introspection in dev mode', () => {
  it('is served by default, over HTTP and graphql-ws', async () => {
    const service = await startTestService();
    expect(service.config.mode).toBe('dev');
    const answered = await post(service.graphqlUrl, { query: TYPE_QUERY });
    expect(answered.json).toEqual({ data: { __type: { name: 'Query' } } });

    const client = wsClient(service.graphqlUrl);
    leave(() => client.dispose());
    const outcome = await runOperation(client, TYPE_QUERY);
    expect(outcome.next).toEqual([{ data: { __type: { name: 'Query' } } }]);
  });
});
