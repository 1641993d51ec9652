import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { print } from 'graphql';
import { MatchPhoneDocument, type MatchPhoneQuery } from '../../schema/generated/graphql.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { type RunningService, startService } from '../../src/service/start-service.ts';
import { type Simulator, startSimulator } from '../../src/simulator/server.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { post } from '../support/http.ts';
import { ORDER_SESSION_TOKEN, type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { leave } from '../support/leftovers.ts';
import { waitFor } from '../support/wait-for.ts';

const INPUT = { prefix: '1380571', suffix: '1', city: '杭州' } as const;
const WITH_ORDERS = candidateAt(INPUT, 'CITY', 900);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function search(graphqlUrl: string, input: object) {
  const { json } = await post<MatchPhoneQuery>(graphqlUrl, { query: print(MatchPhoneDocument), variables: { input } });
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data!.matchPhone;
}

describe('the order service unavailable', () => {
  it('down when the service starts: the service still starts, searches fail fast as INCOMPLETE, and recover when it is back', async () => {
    const port = await freePort();
    const config = loadConfig([], {
      PORT: '0',
      ORDERS_URL: `http://127.0.0.1:${port}/orders?phone={phone}`,
      ORDERS_COOKIE: ORDER_SESSION_TOKEN,
      CHECK_MAX_ATTEMPTS: '2',
      CHECK_RETRY_BASE_MS: '10',
      BREAKER_FAILURES: '5',
      BREAKER_COOLDOWN_MS: '300',
      AUDIT_DB_PATH: 'off',
      SEARCHES_PER_MINUTE_PER_KEY: '100000',
    });
    if (config === 'help') throw new Error('unexpected');
    const service: RunningService = await startService(config, {
      logger: createLogger({ level: 'silent' }),
      index: embeddedIndex(),
    });
    leave(() => service.close());

    const down = await search(service.graphqlUrl, INPUT);
    expect(down.status).toBe('INCOMPLETE');
    expect(down.note).toMatch(/unavailable/);
    // Connection refused, retried until the breaker opened: the checks that were left fail fast.
    expect(down.failures.map((f) => f.reason)).toContain('CIRCUIT_OPEN');
    expect(down.failedNumbers.length).toBeGreaterThan(0);
    // It stopped instead of failing through all 1,000 candidates one by one.
    expect(down.totals.checked).toBeLessThan(down.totals.candidates);

    const simulator: Simulator = await startSimulator({
      port,
      token: ORDER_SESSION_TOKEN,
      numbers: new Set([WITH_ORDERS]),
    });
    leave(() => simulator.stop());
    // Once the cool-down has passed, a probe gets through, the breaker closes and searches work again.
    let back = await search(service.graphqlUrl, INPUT);
    await waitFor(
      async () => (back = await search(service.graphqlUrl, INPUT)).status === 'MATCHED',
      'a search to succeed',
      5000,
    );
    expect(back.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
  });

  it('restarted in the middle of a search: never a false NOT_FOUND, and a repeat re-checks only what was not answered', async () => {
    const running: TestService = await startTestService({
      simulator: { numbers: new Set([WITH_ORDERS]), latencyMs: 10 },
      env: {
        CHECK_CONCURRENCY: '8',
        CHECK_MAX_ATTEMPTS: '8',
        CHECK_RETRY_BASE_MS: '50',
        BREAKER_COOLDOWN_MS: '200',
        SEARCHES_PER_MINUTE_PER_KEY: '100000',
      },
    });
    let restarted: Simulator | undefined;
    leave(async () => {
      await restarted?.stop();
    });
    const port = running.simulator.port;
    const pending = search(running.graphqlUrl, { ...INPUT, stopAt: 'ALL' });
    await waitFor(() => running.simulator.stats().requests > 200, 'the search to be under way');
    await running.simulator.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    restarted = await startSimulator({ port, token: ORDER_SESSION_TOKEN, numbers: new Set([WITH_ORDERS]) });
    const result = await pending;
    // Either retries rode the restart out, or the breaker opened and the search said so.
    if (result.status === 'MATCHED') {
      expect(result.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
    } else {
      expect(result.status).toBe('INCOMPLETE');
      expect(result.note).toMatch(/unavailable/);
    }
    const unanswered = result.failedNumbers.length + (result.totals.candidates - result.totals.checked);

    restarted.resetStats();
    let again = await search(running.graphqlUrl, { ...INPUT, stopAt: 'ALL' });
    await waitFor(
      async () => (again = await search(running.graphqlUrl, { ...INPUT, stopAt: 'ALL' })).status === 'MATCHED',
      'a repeat to succeed',
      5000,
    );
    expect(again.matches.map((m) => m.phone)).toEqual([WITH_ORDERS]);
    expect(restarted.stats().requests).toBeLessThanOrEqual(unanswered + 8);
  });
});
