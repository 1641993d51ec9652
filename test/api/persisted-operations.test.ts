import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  MatchPhoneDocument,
  MatchPhoneEventsDocument,
  type MatchPhoneEventsSubscription,
  RegionsDocument,
} from '../../schema/generated/graphql.ts';
import { ConfigProblems, loadConfig } from '../../src/config/config.ts';
import { PERSISTED_DOCUMENTS_URL } from '../../src/server/persisted-operations.ts';
import { wsClient } from '../support/clients.ts';
import { post } from '../support/http.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';

const INPUT = { prefix: '1380571', suffix: '1', city: '杭州' } as const;
const MATCH = candidateAt(INPUT, 'CITY', 3);
const hashOf = (document: unknown) => (document as { __meta__: { hash: string } }).__meta__.hash;

/** The running test's service (startTestService closes it after the test). */
let running: TestService | undefined;
async function start(env: Record<string, string> = {}) {
  running = await startTestService({ simulator: { numbers: new Set([MATCH]) }, env });
  return running.graphqlUrl;
}

/** POSTs as a plain JSON client (accept: application/json). */
const postJson = (url: string, body: unknown) =>
  post<{ matchPhone?: { status: string } }>(url, body, { accept: 'application/json' });

/** Every event of a graphql-ws subscription, or the first error's extensions. */
async function overWebSocket(url: string, payload: Record<string, unknown>) {
  const client = wsClient(url);
  const events: string[] = [];
  try {
    for await (const result of client.iterate<MatchPhoneEventsSubscription>(payload as unknown as { query: string })) {
      if (result.errors) return { error: result.errors[0] as { message: string; extensions?: { code?: string } } };
      if (result.data) events.push(result.data.matchPhoneEvents.__typename);
    }
  } catch (error) {
    // graphql-ws rejects with the `error` message's GraphQL errors when the operation is refused.
    if (Array.isArray(error)) return { error: error[0] as { message: string; extensions?: { code?: string } } };
    throw error;
  } finally {
    await client.dispose();
  }
  return { events };
}

describe('schema/generated/persisted-documents.json', () => {
  it('holds every typed document under the sha256 of its text', () => {
    const manifest = JSON.parse(readFileSync(PERSISTED_DOCUMENTS_URL, 'utf8')) as Record<string, string>;
    for (const document of [MatchPhoneDocument, MatchPhoneEventsDocument, RegionsDocument]) {
      const text = manifest[hashOf(document)];
      expect(text).toBeDefined();
      expect(createHash('sha256').update(text!).digest('hex')).toBe(hashOf(document));
    }
  });
});

describe('persisted operations (PERSISTED_OPERATIONS=allow, the default)', () => {
  it('runs a request that carries only the documentId, over POST and GET, and any document too', async () => {
    const url = await start();
    const byId = await postJson(url, { documentId: hashOf(MatchPhoneDocument), variables: { input: INPUT } });
    expect(byId.json.errors).toBeUndefined();
    expect(byId.json.data?.matchPhone?.status).toBe('MATCHED');

    const get = await fetch(`${url}?documentId=${hashOf(RegionsDocument)}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { regions: unknown[] } }).data.regions.length).toBeGreaterThan(30);

    const apq = await postJson(url, {
      variables: { input: INPUT },
      extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(MatchPhoneDocument) } },
    });
    expect(apq.json.data?.matchPhone?.status).toBe('MATCHED');

    const document = await postJson(url, { query: print(MatchPhoneDocument), variables: { input: INPUT } });
    expect(document.json.data?.matchPhone?.status).toBe('MATCHED');
  });

  it('refuses an unknown id and an empty request with what to send', async () => {
    const url = await start();
    const unknown = await postJson(url, { documentId: 'f'.repeat(64), variables: { input: INPUT } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATION_NOT_FOUND');
    expect(unknown.json.errors?.[0]?.message).toContain('persisted-documents.json');
    const empty = await postJson(url, { variables: { input: INPUT } });
    expect(empty.status).toBe(400);
    expect(empty.json.errors?.[0]?.extensions?.code).toBe('DOCUMENT_REQUIRED');
    expect(running!.simulator.stats().requests).toBe(0);
  });

  it('streams a subscription named by its id over graphql-ws (query "" plus documentId)', async () => {
    const url = await start();
    const result = await overWebSocket(url, {
      query: '',
      documentId: hashOf(MatchPhoneEventsDocument),
      variables: { input: INPUT },
    });
    expect(result.events?.[0]).toBe('SearchStarted');
    expect(result.events?.at(-1)).toBe('SearchFinished');
  });
});

describe('PERSISTED_OPERATIONS=only', () => {
  it('runs persisted ids and refuses any other document before it runs, over HTTP', async () => {
    const url = await start({ PERSISTED_OPERATIONS: 'only' });
    const byId = await postJson(url, { documentId: hashOf(MatchPhoneDocument), variables: { input: INPUT } });
    expect(byId.json.data?.matchPhone?.status).toBe('MATCHED');
    const searches = running!.audit!.rows().length;

    for (const query of [print(MatchPhoneDocument), '{ __schema { types { name } } }']) {
      const refused = await postJson(url, { query, variables: { input: INPUT } });
      expect(refused.status).toBe(403);
      expect(refused.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_OPERATIONS_ONLY');
      expect(refused.json.errors?.[0]?.message).toContain("send the operation's documentId");
    }
    expect(running!.audit!.rows().length).toBe(searches);
  });

  it('refuses a document over graphql-ws as an error of that operation, and runs an id', async () => {
    const url = await start({ PERSISTED_OPERATIONS: 'only' });
    const refused = await overWebSocket(url, {
      query: print(MatchPhoneEventsDocument),
      variables: { input: INPUT },
    });
    expect(refused.error?.extensions?.code).toBe('PERSISTED_OPERATIONS_ONLY');
    const byId = await overWebSocket(url, {
      query: '',
      documentId: hashOf(MatchPhoneEventsDocument),
      variables: { input: INPUT },
    });
    expect(byId.events?.at(-1)).toBe('SearchFinished');
  });

  it('turns GraphiQL off by default and refuses GRAPHIQL=true with it', () => {
    const config = loadConfig([], { PERSISTED_OPERATIONS: 'only', AUDIT_DB_PATH: 'off' });
    expect(config !== 'help' && config.graphiql).toBe(false);
    expect(() => loadConfig([], { PERSISTED_OPERATIONS: 'only', GRAPHIQL: 'true', AUDIT_DB_PATH: 'off' })).toThrow(
      ConfigProblems,
    );
  });
});
