import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/redis-server.ts';
import { startTestFleet, type TestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { leave } from '../support/leftovers.ts';
import { serverRedis, startPrivateRedis, type PrivateRedis } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

const MATCH = `query ($input: MatchPhoneInput!) { matchPhone(input: $input) { status totals { checked failed } } }`;
const INPUT = { prefix: '1390571', suffix: '12', stopAt: 'ALL' };

async function ready(url: string): Promise<{ status: number; body: Record<string, string> }> {
  const response = await fetch(`${url}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('fleet: when Redis is unreachable', () => {
  it('an instance pointed at a dead Redis starts, says so on /ready, and serves with per-instance quotas', async () => {
    const port = await freePort();
    const fleet: TestFleet = await startTestFleet(1, {
      redis: serverRedis(`redis://127.0.0.1:${port}`),
      env: { SEARCHES_PER_MINUTE_PER_KEY: '2' },
    });
    const service = fleet.instance(0);
    expect(await ready(service.url)).toMatchObject({ status: 200, body: { status: 'ready', redis: 'unreachable' } });
    for (let i = 0; i < 2; i++) {
      const r = (
        await post<{ matchPhone: { status: string; totals: { failed: number } } }>(service.graphqlUrl, {
          query: MATCH,
          variables: {
            input: INPUT,
          },
        })
      ).json;
      expect(r.errors).toBeUndefined();
      expect(r.data?.matchPhone.totals.failed).toBe(0);
    }
    // The quota still holds, in this instance's memory.
    const third = (await post(service.graphqlUrl, { query: MATCH, variables: { input: INPUT } })).json;
    expect(third.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('searches go on when a private redis-server stops, and /ready follows it down and back up', async () => {
    const redis: PrivateRedis = await startPrivateRedis();
    leave(() => redis.stop());
    const fleet = await startTestFleet(1, { redis: serverRedis(redis.url) });
    const service = fleet.instance(0);
    expect((await ready(service.url)).body.redis).toBe('reachable');

    await redis.stop();
    await waitFor(async () => (await ready(service.url)).body.redis === 'unreachable', '/ready to see Redis gone');
    const during = (
      await post<{ matchPhone: { totals: { checked: number; failed: number } } }>(service.graphqlUrl, {
        query: MATCH,
        variables: {
          input: { ...INPUT, suffix: '34' },
        },
      })
    ).json;
    expect(during.errors).toBeUndefined();
    expect(during.data?.matchPhone.totals).toMatchObject({ checked: 100, failed: 0 });

    await redis.restart();
    await waitFor(
      async () => (await ready(service.url)).body.redis === 'reachable',
      '/ready to see Redis back',
      15_000,
    );
    await waitFor(() => service.fleet!.budget.stats().connected, 'the budget to renew again', 15_000);
  });
});
