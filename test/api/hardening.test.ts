import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { print } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  MatchPhoneDocument,
  MatchPhoneEventsDocument,
  type MatchPhoneEventsSubscription,
} from '../../schema/generated/graphql.ts';
import { hashApiKey } from '../../src/auth/api-keys.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { SimulatorOptions } from '../../src/simulator/server.ts';
import { useOperationalEndpoints } from '../../src/server/plugins/use-operational-endpoints.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';

const HANGZHOU = { prefix: '138', suffix: '1234', city: '杭州' } as const;
const MATCH = candidateAt(HANGZHOU, 'CITY', 5);
const ALICE_KEY = 'alice-key-0123456789abcdef';
const BOB_KEY = 'bob-key-fedcba9876543210';
const PRODUCTION = {
  PHONEMATCH_MODE: 'production',
  API_KEYS: `alice:${hashApiKey(ALICE_KEY)},bob:${hashApiKey(BOB_KEY)}`,
};
const FULL_NUMBER = /(?<!\d)1[3-9]\d{9}(?!\d)/;

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const MATCH_QUERY = print(MatchPhoneDocument);

let running: TestService | undefined;
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  await running?.close();
  running = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(
  env: Record<string, string> = {},
  simulator: SimulatorOptions = {},
  logger?: ReturnType<typeof createLogger>,
) {
  running = await startTestService({
    simulator: { numbers: new Set([MATCH]), ...simulator },
    env,
    ...(logger ? { logger } : {}),
  });
  return running;
}

/** POST a GraphQL document with extra headers; returns status, headers and body. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}, init: RequestInit = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const text = await response.text();
  let json: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  } = {};
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, json, text };
}

function auditRows(service: TestService) {
  return service.service.audit!.rows();
}

/** graphql-ws over a socket whose upgrade carries headers (Node clients can; browsers use cookies or a proxy). */
function keyedWsClient(graphqlUrl: string, headers: Record<string, string>) {
  class KeyedWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: KeyedWebSocket,
    lazy: true,
    retryAttempts: 0,
  });
}

/** How the server closes a graphql-ws connection whose connection_init carries `params`. */
async function connectionCloseCode(graphqlUrl: string, params: Record<string, string>): Promise<number> {
  const client = createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: params,
    retryAttempts: 0,
    lazy: false,
  });
  try {
    return await new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
  } finally {
    await client.dispose();
  }
}

/** The status of a bare WebSocket upgrade. */
function upgradeStatus(graphqlUrl: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

describe('API keys', () => {
  it('in production mode refuses HTTP operations without a valid key (401, UNAUTHENTICATED) and runs them with one', async () => {
    const service = await start(PRODUCTION);
    const url = service.service.graphqlUrl;

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
    const rows = auditRows(service);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key_id: 'alice',
      status: 'MATCHED',
      masked_input: '138****1234',
      matches_count: 1,
    });
  });

  it('in production mode refuses WebSocket upgrades without a valid key, and subscriptions run under the key', async () => {
    const service = await start(PRODUCTION);
    const url = service.service.graphqlUrl;
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
    cleanups.push(() => viaParams.dispose());
    for await (const result of viaParams.iterate<MatchPhoneEventsSubscription>({
      query: print(MatchPhoneEventsDocument),
      variables: { input: HANGZHOU },
    })) {
      expect(result.errors).toBeUndefined();
    }
    await waitFor(() => auditRows(service).some((row) => row.key_id === 'alice'), 'the audit row under alice');
    expect(service.simulator.stats().requests).toBeGreaterThan(0);

    const client = keyedWsClient(url, bearer(BOB_KEY));
    cleanups.push(() => client.dispose());
    const events: MatchPhoneEventsSubscription['matchPhoneEvents'][] = [];
    for await (const result of client.iterate<MatchPhoneEventsSubscription>({
      query: print(MatchPhoneEventsDocument),
      variables: { input: HANGZHOU },
    })) {
      expect(result.errors).toBeUndefined();
      if (result.data) events.push(result.data.matchPhoneEvents);
    }
    expect(events.at(-1)?.__typename).toBe('SearchFinished');
    await waitFor(() => auditRows(service).some((row) => row.key_id === 'bob'), 'the audit row under bob');
  });

  it('in dev mode needs no key and audits searches as "dev"', async () => {
    const service = await start();
    const response = await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    expect(response.errors).toBeUndefined();
    expect(auditRows(service)[0]?.key_id).toBe('dev');
  });

  it('/metrics needs a key in production mode; /health and /ready do not', async () => {
    const service = await start(PRODUCTION);
    expect((await fetch(`${service.service.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${service.service.url}/metrics`, { headers: bearer(ALICE_KEY) })).status).toBe(200);
    expect((await fetch(`${service.service.url}/health`)).status).toBe(200);
    expect((await fetch(`${service.service.url}/ready`)).status).toBe(200);
  });
});

describe('operation limits', () => {
  it('refuses matchPhone aliased 50 times before any check runs', async () => {
    const service = await start();
    const fields = Array.from({ length: 50 }, (_, i) => `m${i}: matchPhone(input: $input) { status }`).join('\n');
    const response = await post(service.service.graphqlUrl, {
      query: `query ($input: MatchPhoneInput!) { ${fields} }`,
      variables: { input: HANGZHOU },
    });
    expect(response.json.data ?? undefined).toBeUndefined();
    expect(response.json.errors?.[0]?.message).toMatch(/aliases/i);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'maxAliases' });
    expect(service.simulator.stats().requests).toBe(0);
    expect(auditRows(service)).toHaveLength(0);
  });

  it('allows a few aliases (default 5)', async () => {
    const service = await start();
    const fields = Array.from({ length: 2 }, (_, i) => `m${i}: candidatePlan(input: $input) { total }`).join('\n');
    const response = await post(service.service.graphqlUrl, {
      query: `query ($input: MatchPhoneInput!) { ${fields} }`,
      variables: { input: HANGZHOU },
    });
    expect(response.json.errors).toBeUndefined();
  });

  it('refuses an operation deeper than MAX_DEPTH, with no upstream request', async () => {
    const service = await start({ MAX_DEPTH: '2' });
    const response = await post(service.service.graphqlUrl, {
      query: 'query ($input: MatchPhoneInput!) { matchPhone(input: $input) { matches { location { city } } } }',
      variables: { input: HANGZHOU },
    });
    expect(response.json.errors?.[0]?.message).toMatch(/depth/i);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'maxDepth' });
    expect(service.simulator.stats().requests).toBe(0);
  });

  it('refuses an operation over MAX_TOKENS', async () => {
    const service = await start({ MAX_TOKENS: '20' });
    const fields = Array.from({ length: 20 }, () => '__typename').join(' ');
    const response = await post(service.service.graphqlUrl, { query: `{ ${fields} }` });
    expect(response.json.errors?.[0]?.message).toMatch(/token/i);
    expect(response.json.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'maxTokens' });
  });

  it('refuses a request body over MAX_BODY_BYTES with 413, with or without Content-Length', async () => {
    const service = await start({ MAX_BODY_BYTES: '4096' });
    const big = { query: '{ __typename }', variables: { padding: 'x'.repeat(5000) } };
    const sized = await post(service.service.graphqlUrl, big);
    expect(sized.status).toBe(413);

    const bytes = new TextEncoder().encode(JSON.stringify(big));
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const streamed = await post(service.service.graphqlUrl, '', {}, { body: chunked, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);

    const small = await post(service.service.graphqlUrl, { query: '{ __typename }' });
    expect(small.status).toBe(200);
  });
});

describe('per-key search quota', () => {
  it('refuses searches over SEARCHES_PER_MINUTE_PER_KEY with RATE_LIMITED and a retry time, per key', async () => {
    const service = await start({ ...PRODUCTION, SEARCHES_PER_MINUTE_PER_KEY: '2' });
    const url = service.service.graphqlUrl;
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
    const service = await start({ SEARCHES_IN_FLIGHT_PER_KEY: '1' }, { latencyMs: 60_000 });
    const url = service.service.graphqlUrl;
    const first = new AbortController();
    const slow = post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } }, {}, { signal: first.signal }).catch(
      () => undefined,
    );
    await waitFor(() => service.service.engine.activeSearches === 1, 'the first search to run');

    const refused = await post(url, { query: MATCH_QUERY, variables: { input: HANGZHOU } });
    expect(refused.json.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_SEARCHES', retryAfterSeconds: 1 });
    expect(service.service.engine.activeSearches).toBe(1);

    first.abort();
    await slow;
    await waitFor(() => service.service.engine.activeSearches === 0, 'the first search to end');
    // The slot is free again: a candidate plan costs nothing, but a new search is admitted.
    const second = new AbortController();
    const again = post(
      url,
      { query: MATCH_QUERY, variables: { input: HANGZHOU } },
      {},
      { signal: second.signal },
    ).catch(() => undefined);
    await waitFor(() => service.service.engine.activeSearches === 1, 'the second search to be admitted');
    second.abort();
    await again;
  });
});

describe('CSRF prevention and error masking', () => {
  it('refuses GETs and simple-content-type POSTs without a preflight-forcing header', async () => {
    const service = await start();
    const url = service.service.graphqlUrl;
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

  it('masks unexpected errors', async () => {
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { boom: String }',
        resolvers: {
          Query: {
            boom: () => {
              throw new Error('secret 13800571234');
            },
          },
        },
      }),
      logging: false,
      maskedErrors: true,
    });
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ boom }' }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toBe('Unexpected error.');
  });

  it('the real service masks an unexpected resolver error', async () => {
    const service = await start();
    // A search whose engine throws: the client sees only "Unexpected error.".
    service.service.engine.search = () => Promise.reject(new Error('internal detail 13800571234'));
    const response = await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    expect(response.errors?.[0]?.message).toBe('Unexpected error.');
    expect(JSON.stringify(response)).not.toContain('internal detail');
  });
});

describe('audit', () => {
  it('writes a masked row per search; UPDATE and DELETE are refused by SQLite', async () => {
    const service = await start({ SEARCHES_PER_MINUTE_PER_KEY: '100' });
    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    await service.graphql(MatchPhoneDocument, {
      input: { prefix: '138', suffix: '1234', city: '杭州', stopAt: 'TIER' },
    });
    const rows = auditRows(service);
    expect(rows).toHaveLength(2);
    const [row] = rows;
    expect(row).toMatchObject({
      key_id: 'dev',
      masked_input: '138****1234',
      city: '杭州',
      province: '浙江',
      stop_at: 'FIRST_MATCH',
      status: 'MATCHED',
      matches_count: 1,
      numbers_full: 0,
    });
    expect(JSON.parse(row!.matched_numbers)).toEqual([`${MATCH.slice(0, 3)}****${MATCH.slice(-4)}`]);
    expect(JSON.parse(row!.tiers_run)).toEqual([
      expect.objectContaining({ tier: 'CITY', outcome: 'STOPPED_AT_MATCH' }),
    ]);
    // Every request the simulator saw was made for one of the two searches (FIRST_MATCH cancels the
    // requests in flight at the match, so the first search may have sent more than it checked).
    const simulated = await waitUntilSteady(() => service.simulator.stats().requests, 200);
    expect(row!.upstream_requests).toBeGreaterThan(0);
    expect(row!.upstream_requests + rows[1]!.upstream_requests).toBeGreaterThanOrEqual(simulated);
    expect(row!.upstream_requests + rows[1]!.upstream_requests).toBeLessThanOrEqual(simulated + 16);
    expect(row!.search_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(row!.time)).toBeGreaterThan(Date.now() - 60_000);
    // The second search hit the cache for everything the first one checked.
    expect(rows[1]!.upstream_requests).toBeLessThan(rows[1]!.checked);

    const path = service.config.audit.path!;
    const db = new Database(path);
    cleanups.push(() => {
      db.close();
    });
    expect(() => db.prepare("UPDATE searches SET status = 'NOT_FOUND'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM searches').run()).toThrow(/append-only/);
    expect((db.prepare('SELECT count(*) AS n FROM searches').get() as { n: number }).n).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');

    // No full number anywhere in the database files.
    for (const file of [path, `${path}-wal`])
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(MATCH))).toBe(false);
  });

  it('writes matched numbers in full only with AUDIT_FULL_NUMBERS=true', async () => {
    const service = await start({ AUDIT_FULL_NUMBERS: 'true' });
    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    const [row] = auditRows(service);
    expect(row).toMatchObject({ numbers_full: 1, masked_input: '138****1234' });
    expect(JSON.parse(row!.matched_numbers)).toEqual([MATCH]);
  });

  it('uses the configured path and keeps rows across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phonematch-audit-test-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'nested', 'audit.sqlite');
    const first = await start({ AUDIT_DB_PATH: path });
    await first.graphql(MatchPhoneDocument, { input: HANGZHOU });
    await first.close();
    running = undefined;
    const second = await start({ AUDIT_DB_PATH: path });
    await second.graphql(MatchPhoneDocument, { input: HANGZHOU });
    expect(auditRows(second)).toHaveLength(2);
  });
});

describe('metrics, health and readiness', () => {
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('exposes the named metrics, and they move after a search', async () => {
    const service = await start();
    const scrape = async () => {
      const response = await fetch(`${service.service.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/plain/);
      return response.text();
    };
    const before = await scrape();
    for (const name of [
      'phonematch_searches_total',
      'phonematch_checks_total',
      'phonematch_upstream_request_duration_seconds',
      'phonematch_upstream_retries_total',
      'phonematch_cache_hits_total',
      'phonematch_checks_in_flight',
      'phonematch_breaker_state',
      'phonematch_searches_in_flight',
      'process_cpu_seconds_total',
    ]) {
      expect(before).toContain(`# TYPE ${name} `);
    }
    expect(value(before, 'phonematch_breaker_state')).toBe(0);
    expect(value(before, 'phonematch_searches_in_flight')).toBe(0);

    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    const after = await scrape();
    expect(value(after, 'phonematch_searches_total{status="MATCHED"}')).toBe(2);
    expect(value(after, 'phonematch_checks_total{outcome="orders",reason=""}')).toBe(1);
    // Every request is observed once it ends (requests cancelled at the match too).
    const observed = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('phonematch_upstream_request_duration_seconds_count{'))
        .reduce((sum, l) => sum + Number(l.split(' ')[1]), 0);
    let latest = '';
    await waitFor(
      async () => observed((latest = await scrape())) === service.service.checker.stats().requests,
      'every request observed',
    );
    expect(value(latest, 'phonematch_upstream_request_duration_seconds_count{outcome="orders"}')).toBe(1);
    expect(value(after, 'phonematch_cache_hits_total')).toBeGreaterThan(0);
  });

  it('/health answers 200; /ready answers 200 when ready and 503 otherwise', async () => {
    const service = await start();
    const health = await fetch(`${service.service.url}/health`);
    expect(health.status).toBe(200);
    expect((await fetch(`${service.service.url}/ready`)).status).toBe(200);

    let ready = true;
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { a: Int }' }),
      logging: false,
      plugins: [useOperationalEndpoints({ apiKeys: { required: false, keys: new Map() }, ready: () => ready })],
    });
    expect((await yoga.fetch('http://localhost/ready')).status).toBe(200);
    ready = false;
    expect((await yoga.fetch('http://localhost/ready')).status).toBe(503);
    expect((await yoga.fetch('http://localhost/health')).status).toBe(200);
  });
});

describe('logs', () => {
  it('carry request and search ids and no full numbers', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
    const service = await start({ AUDIT_FULL_NUMBERS: 'true' }, {}, logger);
    const response = await post(
      service.service.graphqlUrl,
      { query: MATCH_QUERY, variables: { input: HANGZHOU } },
      { 'x-request-id': 'req-abc.123' },
    );
    expect(response.headers.get('x-request-id')).toBe('req-abc.123');
    expect((response.json.data?.matchPhone as { matches: Array<{ phone: string }> }).matches[0]?.phone).toBe(MATCH);
    // An invalid client id is replaced by a generated one.
    const generated = await post(
      service.service.graphqlUrl,
      { query: '{ __typename }' },
      { 'x-request-id': 'bad id with spaces' },
    );
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const finished = records.find((r) => r.msg === 'search finished');
    expect(finished).toMatchObject({ requestId: 'req-abc.123', apiKeyId: 'dev' });
    expect(finished?.searchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).not.toMatch(FULL_NUMBER);
  });
});
