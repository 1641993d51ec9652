import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDatabase, prepare } from '../../src/audit/sqlite.ts';
import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/phone/mask.ts';
import { leave } from '../support/leftovers.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { waitFor, waitUntilSteady } from '../support/wait-for.ts';
import { jsonLines, orderService as ownOrderService, runCli, startCli } from './run-cli.ts';

// In-process: the command runs the server's composition itself, pointed (ORDERS_URL) at a simulator this
// test owns. One attempt per check keeps the failure test short.
const HANGZHOU_100 = { prefix: '1380571', suffix: '12', city: '杭州' } as const;
const TIMEOUT = 120_000;

async function orderService(options: Parameters<typeof ownOrderService>[0] = {}) {
  const own = await ownOrderService(options);
  return { simulator: own.simulator, env: { ...own.env, CHECK_MAX_ATTEMPTS: '1' } };
}

describe('phonematch match, in-process, piped', () => {
  it(
    'exits 0 on a match and writes the events as JSON lines, in the subscription’s shape',
    async () => {
      const number = candidateAt(HANGZHOU_100, 'CITY', 37);
      const { env } = await orderService({ numbers: new Set([number]) });
      const audit = join(mkdtempSync(join(tmpdir(), 'phonematch-cli-audit-')), 'audit.sqlite');
      leave(() => rmSync(dirname(audit), { recursive: true, force: true }));
      const { code, stdout, stderr } = await runCli(
        ['match', '--prefix', '1380571', '--suffix', '12', '--city', '杭州'],
        { ...env, AUDIT_DB_PATH: audit },
      );
      expect(stderr).not.toContain(number);
      expect(code).toBe(0);
      const events = jsonLines(stdout);
      expect(events[0]).toMatchObject({ __typename: 'SearchStarted', query: '1380571**12', total: 100 });
      expect(events.find((e) => e.__typename === 'MatchFound')).toMatchObject({
        match: { phone: number, tier: 'CITY', location: { province: '浙江', city: '杭州' } },
      });
      expect(events.at(-1)).toMatchObject({
        __typename: 'SearchFinished',
        result: { status: 'MATCHED', matches: [{ phone: number, tier: 'CITY' }] },
      });
      // Configured like the server, the in-process search is audited like the server's, number masked.
      const db = openDatabase(audit, { readonly: true });
      try {
        expect(prepare(db, 'SELECT key_id, masked_input, status, matched_numbers FROM searches').all()).toEqual([
          {
            key_id: 'cli',
            masked_input: '138******12',
            status: 'MATCHED',
            matched_numbers: JSON.stringify([maskPhone(number)]),
          },
        ]);
      } finally {
        db.close();
      }
    },
    TIMEOUT,
  );

  it(
    'exits 1 when every candidate was checked and none has orders',
    async () => {
      const { env, simulator: sim } = await orderService();
      const { code, stdout } = await runCli(['match', '1380571**12', '--city', 'Hangzhou', '--stop-at', 'all'], env);
      expect(code).toBe(1);
      expect(jsonLines(stdout).at(-1)).toMatchObject({ result: { status: 'NOT_FOUND' } });
      expect(sim.stats().requests).toBe(100);
    },
    TIMEOUT,
  );

  it(
    'exits 2 on bad input, with the API’s field, reason and suggestions, before any check',
    async () => {
      const { env, simulator: sim } = await orderService();
      const { code, stdout, stderr } = await runCli(['match', '138****1234', '--city', 'Suzhou'], env);
      expect(code).toBe(2);
      expect(stderr).toContain('city:');
      expect(stderr).toContain('AMBIGUOUS_PLACE');
      expect(stderr).toMatch(/did you mean: .*苏州/);
      // Piped, the refusal is also a JSON line, as the API sends it.
      const [line] = jsonLines(stdout);
      expect(line).toMatchObject({
        errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'city', reason: 'AMBIGUOUS_PLACE' } }],
      });
      expect(sim.stats().requests).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'exits 3 when a check failed and nothing matched (INCOMPLETE, never "not found")',
    async () => {
      const failing = candidateAt(HANGZHOU_100, 'CITY', 5);
      const { env } = await orderService({ faults: { failPhones: [failing] } });
      const { code, stdout } = await runCli(['match', '--prefix', '1380571', '--suffix', '12', '--city', '杭州'], env);
      expect(code).toBe(3);
      expect(jsonLines(stdout).at(-1)).toMatchObject({ result: { status: 'INCOMPLETE', failedNumbers: [failing] } });
    },
    TIMEOUT,
  );

  it(
    'exits 2 on a bad setting, named as the server names it',
    async () => {
      const { code, stderr } = await runCli(['match', '138****1234', '--check-concurrency', 'lots']);
      expect(code).toBe(2);
      expect(stderr).toContain('CHECK_CONCURRENCY / --check-concurrency = "lots"');
    },
    TIMEOUT,
  );

  it(
    'Ctrl-C (SIGINT) cancels the search and its requests to the order service, and exits 3',
    async () => {
      // 10,000 candidates at 4 in flight and 50 ms each: minutes of work, cut short.
      const { env, simulator: sim } = await orderService({ latencyMs: 50 });
      const run = startCli(['match', '138****1234'], { ...env, CHECK_CONCURRENCY: '4' });
      await waitFor(() => sim.stats().requests >= 20, 'the search to reach the order service', 60_000);
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(3);
      const steady = await waitUntilSteady(() => sim.stats().requests, 300);
      expect(steady).toBeLessThan(1000);
      expect(sim.stats().inFlight).toBe(0);
      expect(jsonLines(run.stdout()).at(-1)).toMatchObject({ result: { status: 'CANCELLED' } });
    },
    TIMEOUT,
  );
});
