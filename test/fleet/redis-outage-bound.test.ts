import { describe, expect, it } from 'vitest';
import { startInstanceProcess, type InstanceProcess } from '../../scripts/lib/instance-process.ts';
import { startSimulator } from '../../src/simulator/server.ts';
import { leave } from '../support/leftovers.ts';
import { startPrivateRedis, testKeyPrefix } from '../support/redis.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';

const BOUND = 8;
const MATCH = `query ($input: MatchPhoneInput!) { matchPhone(input: $input) { status } }`;

/** Sends a one-shot search of 10,000 candidates (far longer than the test) to `instance`, not awaited. */
function searchOn(instance: InstanceProcess, prefix: string): void {
  const controller = new AbortController();
  leave(() => controller.abort());
  fetch(instance.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: MATCH, variables: { input: { prefix, suffix: '1234', stopAt: 'ALL' } } }),
    signal: controller.signal,
  }).catch(() => {});
}

describe('fleet: the in-flight bound while Redis is away, an instance restarts meanwhile, and Redis comes back empty', () => {
  it('never more in flight at the order service than CHECK_CONCURRENCY, through every phase', async () => {
    const redis = await startPrivateRedis();
    leave(() => redis.stop());
    const simulator = await startSimulator({ token: ORDER_SESSION_TOKEN, latencyMs: 20 });
    leave(() => simulator.stop());
    const env = {
      ORDERS_URL: simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      CHECK_CONCURRENCY: String(BOUND),
      CHECK_CONCURRENCY_MIN: '4',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: testKeyPrefix(),
      FLEET_LEASE_MS: '1000',
      SEARCHES_PER_MINUTE_PER_KEY: '1000',
    };
    const start = async () => {
      const instance = await startInstanceProcess(env);
      leave(() => instance.kill());
      return instance;
    };
    const [a, b] = await Promise.all([start(), start()]);
    searchOn(a, '138');
    searchOn(b, '139');
    // Requests made in a phase: the test is not vacuous, each phase has traffic at the bound's scale.
    const busyFor = async (what: string, requests = 200) => {
      const from = simulator.stats().requests;
      await waitFor(() => simulator.stats().requests >= from + requests, what, 30_000);
    };
    await busyFor('both instances sending, Redis up');

    // Redis away for longer than a lease: each falls back to its share of the last known limit.
    await redis.stop();
    await busyFor('both sending on their fallback shares');
    // B restarts meanwhile: a new process that has never seen the fleet waits a lease, then takes
    // CHECK_CONCURRENCY_MIN (4), the room A's share (8 - 4) ÷ 2 left for it.
    await b.kill();
    const b2 = await start();
    searchOn(b2, '137');
    await busyFor('A and the new B sending with Redis away');

    // Redis back, empty: the first to renew must not take everything while the other has requests out.
    await redis.restart();
    await busyFor('sending again after Redis came back empty', 400);

    expect(simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
    // And the fleet still uses its bound once warmed up (not starved by the caution).
    simulator.resetStats();
    await busyFor('the warmed-up fleet', 200);
    expect(simulator.stats().peakInFlight).toBeGreaterThanOrEqual(BOUND - 2);
    expect(simulator.stats().peakInFlight).toBeLessThanOrEqual(BOUND);
  }, 120_000);
});
