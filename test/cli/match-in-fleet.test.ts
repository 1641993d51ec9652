import { describe, expect, it } from 'vitest';
import { post, startTestFleet } from '../support/fleet.ts';
import { leave } from '../support/leftovers.ts';
import { ORDER_SESSION_TOKEN } from '../support/test-service.ts';
import { waitFor } from '../support/wait-for.ts';
import { jsonLines, runCli } from './run-cli.ts';

const MATCH = `query ($input: MatchPhoneInput!) { matchPhone(input: $input) { status totals { checked } } }`;

describe('phonematch match, in-process, with REDIS_URL', () => {
  it('joins the fleet: what a server instance already asked comes from the shared answers, and it leaves', async () => {
    const fleet = await startTestFleet(1, { simulator: { latencyMs: 5 } });
    leave(() => fleet.close());
    const [server] = fleet.instances;
    const input = { prefix: '1380571', suffix: '12', stopAt: 'ALL' };
    const served = await post<{ matchPhone: { status: string; totals: { checked: number } } }>(server!, MATCH, {
      input,
    });
    expect(served.data?.matchPhone).toMatchObject({ status: 'NOT_FOUND', totals: { checked: 100 } });
    const asked = fleet.simulator.stats().requests;

    let seen = 0;
    const count = setInterval(() => (seen = Math.max(seen, server!.fleet!.budget.stats().instances)), 10);
    leave(() => clearInterval(count));
    const { code, stdout, stderr } = await runCli(['match', '1380571**12', '--stop-at', 'all'], {
      ORDERS_URL: fleet.simulator.ordersUrlTemplate,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      REDIS_URL: fleet.redisUrl,
      REDIS_KEY_PREFIX: fleet.keyPrefix,
      // Far longer than the wait below: only leaving on exit, not a lapsed lease, passes.
      FLEET_LEASE_MS: '60000',
    });
    // No warning from the fleet's side (joining Redis, subscribing) reaches the person at the terminal.
    expect(stderr).not.toMatch(/fleet|redis|subscribe/i);
    expect(code).toBe(1);
    expect(jsonLines(stdout).at(-1)).toMatchObject({ result: { status: 'NOT_FOUND' } });
    // Every answer came from the fleet's shared cache: the order service was not asked again.
    expect(fleet.simulator.stats().requests).toBe(asked);
    // The command joined the fleet's budget while it ran, and left it on exit.
    expect(seen).toBe(2);
    await waitFor(() => server!.fleet!.budget.stats().instances === 1, 'the command to leave the fleet', 5000);
  });
});
