import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/redis-server.ts';
import { startTestFleet, post, type TestFleet } from '../support/fleet.ts';
import { startPrivateRedis, type PrivateRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

const MATCH = `query ($input: MatchPhoneInput!) { matchPhone(input: $input) { status totals { checked failed } } }`;
const INPUT = { prefix: '1390571', suffix: '12', stopAt: 'ALL' };

async function ready(url: string): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('fleet: when Redis is unreachable', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('an instance pointed at a dead Redis starts, says so on /ready, and serves with per-instance quotas', async () => {
    const port = await freePort();
    const fleet: TestFleet = await startTestFleet(1, {
      redisUrl: `redis://127.0.0.1:${port}`,
      env: { SEARCHES_PER_MINUTE_PER_KEY: '2' },
    });
    cleanups.push(() => fleet.close());
    const [service] = fleet.instances;
    expect(await ready(service!.url)).toEqual({ status: 200, body: { status: 'ready', redis: 'unreachable' } });
    for (let i = 0; i < 2; i++) {
      const r = await post<{ matchPhone: { status: string; totals: { failed: number } } }>(service!, MATCH, {
        input: INPUT,
      });
      expect(r.errors).toBeUndefined();
      expect(r.data?.matchPhone.totals.failed).toBe(0);
    }
    // The quota still holds, in this instance's memory.
    const third = await post(service!, MATCH, { input: INPUT });
    expect(third.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('searches go on when a private redis-server stops, and /ready follows it down and back up', async () => {
    const redis: PrivateRedis = await startPrivateRedis();
    cleanups.push(() => redis.stop());
    const fleet = await startTestFleet(1, { redisUrl: redis.url });
    cleanups.push(() => fleet.close());
    const [service] = fleet.instances;
    expect((await ready(service!.url)).body.redis).toBe('reachable');

    await redis.stop();
    await waitFor(async () => (await ready(service!.url)).body.redis === 'unreachable', '/ready to see Redis gone');
    const during = await post<{ matchPhone: { totals: { checked: number; failed: number } } }>(service!, MATCH, {
      input: { ...INPUT, suffix: '34' },
    });
    expect(during.errors).toBeUndefined();
    expect(during.data?.matchPhone.totals).toMatchObject({ checked: 100, failed: 0 });

    await redis.restart();
    await waitFor(
      async () => (await ready(service!.url)).body.redis === 'reachable',
      '/ready to see Redis back',
      15_000,
    );
    await waitFor(() => service!.fleet!.budget.stats().connected, 'the budget to renew again', 15_000);
  });
});
