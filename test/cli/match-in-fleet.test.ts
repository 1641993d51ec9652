import { describe, expect, it } from 'vitest';
import { fleetKeys } from '../../src/fleet/fleet-keys.ts';
import { startTestFleet } from '../support/fleet.ts';
import { post } from '../support/http.ts';
import { testRedisClient } from '../support/redis.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { jsonLines, runCli } from './run-cli.ts';

const MATCH = `query ($input: MatchPhoneInput!) { matchPhone(input: $input) { status totals { checked } } }`;

describe('phonematch match, in-process, with REDIS_URL', () => {
  it('joins the fleet: what a server instance already asked comes from the shared answers, and it leaves', async () => {
    const fleet = await startTestFleet(1, { simulator: { latencyMs: 5 } });
    const server = fleet.instance(0);
    const input = { prefix: '1380571', suffix: '12', stopAt: 'ALL' };
    const served = (
      await post<{ matchPhone: { status: string; totals: { checked: number } } }>(server.graphqlUrl, {
        query: MATCH,
        variables: {
          input,
        },
      })
    ).json;
    expect(served.data?.matchPhone).toMatchObject({ status: 'NOT_FOUND', totals: { checked: 100 } });
    const asked = fleet.simulator.stats().requests;

    const { code, stdout, stderr } = await runCli(['match', '1380571**12', '--stop-at', 'all'], {
      ORDERS_URL: fleet.simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      ...fleet.redis.env,
      REDIS_KEY_PREFIX: fleet.keyPrefix,
      // Far longer than the test: only leaving on exit, not a lapsed lease, clears its entry.
      FLEET_LEASE_MS: '60000',
    });
    // No warning from the fleet's side (joining Redis, subscribing) reaches the person at the terminal.
    expect(stderr).not.toMatch(/fleet|redis|subscribe/i);
    expect(code).toBe(1);
    expect(jsonLines(stdout).at(-1)).toMatchObject({ result: { status: 'NOT_FOUND' } });
    // Every answer came from the fleet's shared cache: the order service was not asked again.
    expect(fleet.simulator.stats().requests).toBe(asked);
    // It left the fleet's budget on exit: with a 60 s lease, a command that had not would still be listed.
    const redis = testRedisClient(fleet.redis.target, fleet.keyPrefix);
    expect(await redis.zrange(fleetKeys.budget.leases, 0, -1)).toEqual([server.fleet!.instanceId]);
  });
});
