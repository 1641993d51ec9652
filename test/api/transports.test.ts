import { print } from 'graphql';
import { serverAudits } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MatchPhoneDocument, MatchPhoneEventsDocument, type MatchPhoneInput } from '../../schema/generated/graphql.ts';
import { eventsOverSse, eventsOverWebSocket, finalResult, sseClient, wsClient } from '../support/clients.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';

const SMALL = { prefix: '1380571', suffix: '1', city: '杭州', stopAt: 'ALL' } as const satisfies MatchPhoneInput;
const SLOW_NATIONWIDE = { mask: '138****1234' } as const satisfies MatchPhoneInput;

describe('one search through query, SSE and WebSocket', () => {
  it('gives the same result on every transport', async () => {
    const numbers = new Set([candidateAt(SMALL, 'CITY', 123), candidateAt(SMALL, 'CITY', 777)]);
    const results = [];
    for (const transport of ['query', 'sse', 'ws'] as const) {
      // A fresh service each time, so no transport is served from another's cache.
      const running = await startTestService({ simulator: { numbers } });
      try {
        if (transport === 'query') {
          const { data, errors } = await running.graphql(MatchPhoneDocument, { input: SMALL });
          expect(errors).toBeUndefined();
          results.push(data!.matchPhone);
        } else {
          const events =
            transport === 'sse'
              ? await eventsOverSse(running.graphqlUrl, SMALL)
              : await eventsOverWebSocket(running.graphqlUrl, SMALL);
          expect(events[0]!.__typename).toBe('SearchStarted');
          results.push(finalResult(events));
        }
      } finally {
        await running.close();
      }
    }
    const comparable = results.map((r) => ({
      status: r.status,
      matches: r.matches.map((m) => [m.phone, m.tier]).sort(),
      tiers: r.tiers.map((t) => [t.tier, t.checked, t.withOrders, t.failed, t.skipped, t.outcome]),
      failedNumbers: r.failedNumbers,
    }));
    expect(comparable[0]!.status).toBe('MATCHED');
    expect(comparable[0]!.matches).toHaveLength(2);
    expect(comparable[1]).toEqual(comparable[0]);
    expect(comparable[2]).toEqual(comparable[0]);
  });
});

describe('the event stream', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService({ env: { CHECK_CONCURRENCY: '32' } });
  });

  it('streams plan, tiers, throttled progress and the final result, in order', async () => {
    const input = { prefix: '138', suffix: '1234', city: '杭州', stopAt: 'ALL' } as const;
    const started = performance.now();
    const events = await eventsOverWebSocket(running.graphqlUrl, input);
    const elapsedMs = performance.now() - started;

    const first = events[0]!;
    expect(first.__typename).toBe('SearchStarted');
    if (first.__typename === 'SearchStarted') {
      expect(first.total).toBe(10_000);
      expect(first.tiers.map((t) => t.tier)).toEqual(['CITY', 'PROVINCE', 'NATIONAL', 'UNLOCATED']);
    }
    // Each tier: started, progress..., one progress with everything checked, finished.
    const tiers = events
      .filter((e) => e.__typename === 'TierStarted')
      .map((e) => (e.__typename === 'TierStarted' ? e.tier : ''));
    expect(tiers).toEqual(['CITY', 'PROVINCE', 'NATIONAL', 'UNLOCATED']);
    for (const tier of tiers) {
      const own = events.filter((e) => 'tier' in e && e.tier === tier);
      const progress = own.filter((e) => e.__typename === 'TierProgress');
      const last = progress.at(-1);
      expect(last && last.__typename === 'TierProgress' && last.checked === last.total).toBe(true);
      const finishedAt = events.findIndex((e) => e.__typename === 'TierFinished' && e.report.tier === tier);
      expect(events.indexOf(last!)).toBeLessThan(finishedAt);
    }
    // At most ~10 progress events a second, plus the one at each tier's end.
    const progressCount = events.filter((e) => e.__typename === 'TierProgress').length;
    expect(progressCount).toBeLessThanOrEqual(Math.ceil(elapsedMs / 100) + tiers.length + 1);
    expect(finalResult(events).status).toBe('NOT_FOUND');
  });

  it('refuses bad input with BAD_USER_INPUT over WebSocket before any check', async () => {
    const client = wsClient(running.graphqlUrl);
    const before = running.simulator.stats().requests;
    try {
      const iterator = client.iterate({
        query: print(MatchPhoneEventsDocument),
        variables: { input: { prefix: '138', suffix: '1234', city: 'Suzhou' } },
      });
      const first = await iterator.next();
      expect(first.value?.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'city',
        reason: 'AMBIGUOUS_PLACE',
      });
    } finally {
      await client.dispose();
    }
    expect(running.simulator.stats().requests).toBe(before);
  });

  it('refuses bad input with BAD_USER_INPUT over SSE', async () => {
    const client = sseClient(running.graphqlUrl);
    try {
      const iterator = client.iterate({
        query: print(MatchPhoneEventsDocument),
        variables: { input: { prefix: '100', suffix: '1234' } },
      });
      const first = await iterator.next();
      expect(first.value?.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'prefix',
        reason: 'UNALLOCATED_PREFIX',
      });
    } finally {
      client.dispose();
    }
  });
});

describe('the client leaving cancels the search and its upstream traffic', () => {
  let running: TestService | undefined;

  async function slowService() {
    running = await startTestService({ simulator: { latencyMs: 20 }, env: { CHECK_CONCURRENCY: '8' } });
    return running;
  }

  async function expectTrafficStops(service: TestService) {
    const requests = () => service.simulator.stats().requests;
    const steady = await waitUntilSteady(requests, 300);
    expect(steady).toBeLessThan(10_000);
    await waitFor(() => service.engine.activeSearches === 0, 'the search to end');
    expect(service.simulator.stats().inFlight).toBe(0);
  }

  it('aborting the HTTP request of a running query', async () => {
    const service = await slowService();
    const controller = new AbortController();
    const pending = service
      .graphql(MatchPhoneDocument, { input: SLOW_NATIONWIDE }, { signal: controller.signal })
      .catch((e: unknown) => e);
    await waitFor(() => service.simulator.stats().requests > 20, 'checks to start');
    controller.abort();
    await pending;
    await expectTrafficStops(service);
  });

  it('unsubscribing over WebSocket', async () => {
    const service = await slowService();
    const client = wsClient(service.graphqlUrl);
    let events = 0;
    const unsubscribe = client.subscribe(
      { query: print(MatchPhoneEventsDocument), variables: { input: SLOW_NATIONWIDE } },
      { next: () => void events++, error: () => {}, complete: () => {} },
    );
    await waitFor(() => service.simulator.stats().requests > 20, 'checks to start');
    unsubscribe();
    await expectTrafficStops(service);
    await client.dispose();
  });

  it('closing the WebSocket', async () => {
    const service = await slowService();
    const client = wsClient(service.graphqlUrl);
    client.subscribe(
      { query: print(MatchPhoneEventsDocument), variables: { input: SLOW_NATIONWIDE } },
      { next: () => {}, error: () => {}, complete: () => {} },
    );
    await waitFor(() => service.simulator.stats().requests > 20, 'checks to start');
    await client.dispose();
    await expectTrafficStops(service);
  });

  it('closing the SSE stream', async () => {
    const service = await slowService();
    const client = sseClient(service.graphqlUrl);
    const iterator = client.iterate({ query: print(MatchPhoneEventsDocument), variables: { input: SLOW_NATIONWIDE } });
    await iterator.next();
    await waitFor(() => service.simulator.stats().requests > 20, 'checks to start');
    await iterator.return?.();
    client.dispose();
    await expectTrafficStops(service);
  });
});

describe('HTTP conformance, GraphiQL and the WebSocket door', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService({ env: { GRAPHIQL: 'true' } });
  });

  it('passes every graphql-http server audit (GraphQL over HTTP)', async () => {
    // CSRF prevention refuses GETs and simple-content-type POSTs without a preflight-forcing header
    // (a browser cannot add one cross-site without CORS); a real client sends it, so the audit does too.
    const withCsrfHeader: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('x-graphql-yoga-csrf', '1');
      return fetch(input, { ...init, headers });
    };
    const audits = serverAudits({ url: running.graphqlUrl, fetchFn: withCsrfHeader });
    const failures: string[] = [];
    for (const audit of audits) {
      const result = await audit.fn();
      if (result.status !== 'ok')
        failures.push(`${audit.name}: ${result.status} ${'reason' in result ? result.reason : ''}`);
    }
    expect(failures).toEqual([]);
  });

  it('serves GraphiQL to browsers, offline, with the example operations', async () => {
    const response = await fetch(running.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>phonematch</title>');
    expect(html).toContain('matchPhoneEvents');
    expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdnjs/);
  });

  it('refuses a WebSocket upgrade from a foreign origin', async () => {
    const url = running.graphqlUrl.replace(/^http/, 'ws');
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url, 'graphql-transport-ws', { headers: { origin: 'http://evil.example' } });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
    });
    expect(status).toBe(403);
  });
});
