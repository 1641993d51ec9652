import { describe, expect, it } from 'vitest';
import { wsClient } from '../support/clients.ts';
import { post } from '../support/http.ts';
import { type GraphQLResponse, type TestService, startTestService } from '../support/test-service.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';

/** One slot per key, so a search that outlives its operation shows as the next search being refused. */
const CONCURRENCY = 8;
const ONE_SEARCH_AT_A_TIME = { SEARCHES_IN_FLIGHT_PER_KEY: '1', CHECK_CONCURRENCY: String(CONCURRENCY) };
/** Ten candidates: a search that ends on its own at once. */
const SHORT_SEARCH = '{ matchPhone(input: { prefix: "138057112", suffix: "1" }) { status } }';
const isShortSearchNumber = (phone: string) => phone.startsWith('138057112');

function start() {
  return startTestService({ simulator: { latencyMs: 20 }, env: ONE_SEARCH_AT_A_TIME });
}

type Transport = (url: string, query: string) => Promise<GraphQLResponse<Record<string, unknown>>>;

const overHttp: Transport = async (url, query) => (await post(url, { query })).json;

/** Yoga's SSE for a query: one `next` event with the result (whatever the HTTP status), then `complete`. */
const overSse: Transport = async (url, query) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const data = /^event: next\ndata: (.*)$/m.exec(text)?.[1];
  if (!data) throw new Error(`no next event in ${text}`);
  return JSON.parse(data) as GraphQLResponse<Record<string, unknown>>;
};

const overWebSocket: Transport = async (url, query) => {
  const client = wsClient(url);
  try {
    for await (const result of client.iterate({ query })) return result as GraphQLResponse<Record<string, unknown>>;
    throw new Error('no result');
  } finally {
    await client.dispose();
  }
};

/**
 * The operation's one search (138****1234) was cancelled when its answer was sent: it ends CANCELLED,
 * and at most the checks already on their way when it answered reach the order service after it.
 */
async function expectCancelledAtAnswer(service: TestService, requestsAtAnswer: number) {
  await waitFor(() => service.engine.activeSearches === 0, 'the search to be cancelled');
  await waitFor(() => service.audit!.rows().length === 1, 'the audit row of the search');
  expect(service.audit!.rows()[0]).toMatchObject({ masked_input: '138****1234', status: 'CANCELLED' });
  expect(await waitUntilSteady(() => service.simulator.stats().requests, 200)).toBeLessThanOrEqual(
    requestsAtAnswer + CONCURRENCY,
  );
  expect(service.simulator.stats().inFlight).toBe(0);
}

describe('searches of an operation whose response is settled', () => {
  it('are not started when any search input of the operation is bad: every bad input is reported', async () => {
    const service = await start();
    const { simulator } = service;
    const response = await overHttp(
      service.graphqlUrl,
      `{
        a: matchPhone(input: { prefix: "139", suffix: "4321" }) { status }
        b: matchPhone(input: { prefix: "139", suffix: "x" }) { status }
        c: matchPhone(input: { prefix: "139", suffix: "4321", city: "Atlantis" }) { status }
      }`,
    );
    expect(response.data).toBeNull();
    expect(
      response.errors?.map((e) => [(e as { path?: unknown }).path, e.extensions?.code, e.extensions?.field]),
    ).toEqual([
      [['b'], 'BAD_USER_INPUT', 'suffix'],
      [['c'], 'BAD_USER_INPUT', 'city'],
    ]);
    // Search a never started: the next search is admitted (one slot per key) and is the only one upstream.
    expect(await overHttp(service.graphqlUrl, SHORT_SEARCH)).toEqual({ data: { matchPhone: { status: 'NOT_FOUND' } } });
    expect(simulator.requestLog.filter((entry) => !isShortSearchNumber(entry.phone))).toEqual([]);
    expect(service.audit?.rows().map((row) => row.masked_input)).toEqual(['138****12*1']);
  });

  it('run when every input is good (the validated requests are the ones searched)', async () => {
    const service = await start();
    const response = await overHttp(
      service.graphqlUrl,
      `query Q($skip: Boolean! = true) {
        ...Searches
        skipped: matchPhone(input: { prefix: "139", suffix: "x" }) @skip(if: $skip) { status }
      }
      fragment Searches on Query { a: matchPhone(input: { prefix: "138057112", suffix: "1" }) { status query } }`,
    );
    expect(response).toEqual({ data: { a: { status: 'NOT_FOUND', query: '138057112*1' } } });
  });

  describe.each([
    ['HTTP', overHttp],
    ['SSE', overSse],
    ['graphql-ws', overWebSocket],
  ] as const)('over %s', (_name, transport) => {
    it('are cancelled once the operation can no longer change: upstream traffic stops and the quota slot is free', async () => {
      const service = await start();
      const { simulator } = service;
      // `a` is admitted and starts a slow nationwide search; `b` is refused by the per-key quota, and
      // since matchPhone is non-null, `data` is null at once: nobody will ever read a's result.
      const response = await transport(
        service.graphqlUrl,
        `{
          a: matchPhone(input: { mask: "138****1234" }) { status }
          b: matchPhone(input: { prefix: "139", suffix: "4321" }) { status }
        }`,
      );
      const requestsAtAnswer = simulator.stats().requests;
      expect(response.data).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_SEARCHES']);

      await expectCancelledAtAnswer(service, requestsAtAnswer);
      // The slot is free again.
      expect(await overHttp(service.graphqlUrl, SHORT_SEARCH)).toEqual({
        data: { matchPhone: { status: 'NOT_FOUND' } },
      });
    });
  });

  it('are cancelled when a root field that starts no search makes `data` null (a candidatePlan with bad input)', async () => {
    const service = await start();
    const { simulator } = service;
    const nationwide = 10_000; // 138****1234's candidates: the search would take a while at 8 checks of 20 ms
    const response = await overHttp(
      service.graphqlUrl,
      `{
        a: matchPhone(input: { mask: "138****1234" }) { status }
        plan: candidatePlan(input: { prefix: "139", suffix: "x" }) { total }
      }`,
    );
    const requestsAtAnswer = simulator.stats().requests;
    expect(response.data).toBeNull();
    expect(response.errors?.map((e) => [(e as { path?: unknown }).path, e.extensions?.code])).toEqual([
      [['plan'], 'BAD_USER_INPUT'],
    ]);
    // The operation answered long before the search could have ended, and the search ended with it.
    expect(requestsAtAnswer).toBeLessThan(nationwide / 10);
    await expectCancelledAtAnswer(service, requestsAtAnswer);
  });

  describe('started with startSearch (meant to outlive the operation)', () => {
    it('are not started when any input of the mutation is bad', async () => {
      const service = await start();
      const response = await overHttp(
        service.graphqlUrl,
        `mutation {
          a: startSearch(input: { mask: "138****1234" }) { id }
          b: startSearch(input: { prefix: "139", suffix: "x" }) { id }
        }`,
      );
      expect(response.data).toBeNull();
      expect(response.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', 'suffix'],
      ]);
      expect(await overHttp(service.graphqlUrl, SHORT_SEARCH)).toEqual({
        data: { matchPhone: { status: 'NOT_FOUND' } },
      });
      expect(service.simulator.requestLog.filter((entry) => !isShortSearchNumber(entry.phone))).toEqual([]);
    });

    it('are cancelled when the answer does not deliver their id: upstream traffic stops and the quota slot is free', async () => {
      const service = await start();
      const response = await overHttp(
        service.graphqlUrl,
        `mutation {
          a: startSearch(input: { mask: "138****1234" }) { id }
          b: startSearch(input: { prefix: "139", suffix: "4321" }) { id }
        }`,
      );
      expect(response.data).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_SEARCHES']);
      await waitFor(() => service.engine.activeSearches === 0, 'search a to be cancelled');
      await waitUntilSteady(() => service.simulator.stats().requests, 200);
      expect(service.simulator.stats().inFlight).toBe(0);
      expect(await overHttp(service.graphqlUrl, SHORT_SEARCH)).toEqual({
        data: { matchPhone: { status: 'NOT_FOUND' } },
      });
    });

    it('run on when their id is delivered', async () => {
      const service = await start();
      const response = await overHttp(
        service.graphqlUrl,
        'mutation { a: startSearch(input: { mask: "138****1234" }) { id } }',
      );
      expect(response.data).toMatchObject({ a: { id: expect.any(String) } });
      await waitFor(() => service.simulator.stats().requests > 20, 'the started search to run on');
      expect(service.engine.activeSearches).toBe(1);
    });
  });
});
