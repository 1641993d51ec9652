import { createServer } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALICE_KEY as KEY, PRODUCTION } from '../support/production.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { expectNoMoreRequests, waitFor } from '../support/wait-for.ts';
import { jsonLines, runCli, startCli } from './run-cli.ts';

// --server: the command talks to a running service (started here on port 0) with the typed
// MatchPhoneEvents subscription, over graphql-ws or SSE.
const HANGZHOU_100 = { prefix: '1380571', suffix: '12', city: '杭州' } as const;
const TIMEOUT = 120_000;

describe('phonematch match --server', () => {
  let running: TestService;
  const number = candidateAt(HANGZHOU_100, 'CITY', 61);
  beforeAll(async () => {
    running = await startTestService({
      simulator: { numbers: new Set([number]), latencyMs: 20 },
      env: { ...PRODUCTION, CHECK_CONCURRENCY: '4' },
    });
  });
  const server = () => ['--server', running.url];

  it.each(['ws', 'sse'])(
    'finds the match over %s with the key from PHONEMATCH_API_KEY, events as JSON lines',
    async (transport) => {
      const { code, stdout, stderr } = await runCli(
        ['match', '1380571**12', '--city', '杭州', '--transport', transport, ...server()],
        { PHONEMATCH_API_KEY: KEY },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const events = jsonLines(stdout);
      expect(events[0]).toMatchObject({ __typename: 'SearchStarted', total: 100 });
      expect(events.at(-1)).toMatchObject({ result: { status: 'MATCHED', matches: [{ phone: number }] } });
    },
    TIMEOUT,
  );

  it(
    'exits 1 on NOT_FOUND from the service',
    async () => {
      const { code, stdout } = await runCli(['match', '--prefix', '1380571', '--suffix', '34', ...server()], {
        PHONEMATCH_API_KEY: KEY,
      });
      expect(code).toBe(1);
      expect(jsonLines(stdout).at(-1)).toMatchObject({ result: { status: 'NOT_FOUND' } });
    },
    TIMEOUT,
  );

  it(
    'exits 2 with the API’s field, reason and suggestions on bad input',
    async () => {
      const before = running.simulator.stats().requests;
      const { code, stderr } = await runCli(
        ['match', '--prefix', '1380571', '--suffix', '12', '--city', 'Hangzou', ...server()],
        {
          PHONEMATCH_API_KEY: KEY,
        },
      );
      expect(code).toBe(2);
      expect(stderr).toContain('UNKNOWN_CITY');
      expect(stderr).toMatch(/did you mean: .*杭州/);
      expect(running.simulator.stats().requests).toBe(before);
    },
    TIMEOUT,
  );

  it(
    'exits 4 when the service refuses the key, and says so',
    async () => {
      const { code, stderr } = await runCli(['match', '1380571**12', ...server()], { PHONEMATCH_API_KEY: 'wrong' });
      expect(code).toBe(4);
      expect(stderr).toContain('the service refused the API key in PHONEMATCH_API_KEY');
      expect(stderr).not.toContain('wrong');
    },
    TIMEOUT,
  );

  it(
    'exits 4 when no service answers at the URL',
    async () => {
      const port = await closedPort();
      for (const transport of ['ws', 'sse']) {
        const { code, stderr } = await runCli([
          'match',
          '1380571**12',
          '--server',
          `http://127.0.0.1:${port}`,
          '--transport',
          transport,
        ]);
        expect(code).toBe(4);
        expect(stderr).toContain('could not run');
        expect(stderr).toContain('ECONNREFUSED');
      }
    },
    TIMEOUT,
  );

  it(
    'Ctrl-C leaves the subscription: the service cancels the search and its order-service traffic; exit 3',
    async () => {
      running.simulator.resetStats();
      const run = startCli(['match', '138****1234', ...server()], { PHONEMATCH_API_KEY: KEY });
      await waitFor(() => running.simulator.stats().requests >= 20, 'the search to reach the order service', 60_000);
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(3);
      await waitFor(() => running.engine.activeSearches === 0, 'the service to end the search');
      await expectNoMoreRequests(running.simulator);
      expect(running.simulator.stats().requests).toBeLessThan(1000);
      expect(running.simulator.stats().inFlight).toBe(0);
    },
    TIMEOUT,
  );
});

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
