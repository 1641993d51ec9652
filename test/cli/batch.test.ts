import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { print } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatchPhoneEventsDocument } from '../../schema/generated/graphql.ts';
import type { Simulator } from '../../src/simulator/server.ts';
import { type TestService, startTestService } from '../support/test-service.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { wsClient } from '../support/clients.ts';
import { leave } from '../support/leftovers.ts';
import { waitFor } from '../support/wait-for.ts';
import { orderService, runCli, startCli } from './run-cli.ts';

const TIMEOUT = 180_000;
const HANGZHOU_12 = { prefix: '1380571', suffix: '12', city: '杭州' } as const;
const MATCH = candidateAt(HANGZHOU_12, 'CITY', 42);

/**
 * Rows that overlap on purpose: the same 100 candidates asked as prefix/suffix with a city, as a mask
 * without one, and again as a duplicate row; another 100 with none matching; one bad row; an extra
 * column carried through. 200 distinct numbers in all.
 */
const BATCH = [
  'id,mask,prefix,suffix,city,province',
  'a,,1380571,12,杭州,',
  'b,1380571**12,,,,',
  '',
  'c,,1380571,34,,浙江',
  'd,,1380571,12,杭州,',
  'e,138****1234,,,Suzhou,',
].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'phonematch-cli-batch-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'numbers.csv'), `${BATCH}\n`);
});

/** Asserts at the order service's request log that no number was asked twice: requests = distinct numbers. */
function expectEachNumberAskedOnce(simulator: Simulator, distinct: number) {
  const stats = simulator.stats();
  expect(Object.keys(stats.perPhone)).toHaveLength(distinct);
  expect(stats.requests).toBe(distinct);
  expect(Math.max(...Object.values(stats.perPhone))).toBe(1);
}

function expectResults(rows: Array<Record<string, string>>) {
  expect(rows.map((r) => [r.id, r.status])).toEqual([
    ['a', 'MATCHED'],
    ['b', 'MATCHED'],
    ['c', 'NOT_FOUND'],
    ['d', 'MATCHED'],
    ['e', 'BAD_INPUT'],
  ]);
  expect(rows[0]).toMatchObject({ phone: MATCH, tier: 'CITY', match_province: '浙江', match_city: '杭州' });
  expect(rows[1]).toMatchObject({ phone: MATCH, tier: 'NATIONAL' });
  expect(rows[4]).toMatchObject({ error_field: 'city', error_reason: 'AMBIGUOUS_PLACE' });
  expect(rows[4]!.suggestions).toContain('苏州');
}

describe('phonematch match --batch, in-process', () => {
  it(
    'resolves every row to CSV, never asks the order service twice for a number, exits with the worst row',
    async () => {
      const { simulator, env } = await orderService({ numbers: new Set([MATCH]) });
      const output = join(dir, 'in-process.csv');
      const { code, stderr } = await runCli(
        ['match', '--batch', join(dir, 'numbers.csv'), '--output', output, '--stop-at', 'all'],
        env,
      );
      // Matched, matched, not found, matched, bad input: the worst is the bad input (2).
      expect(code).toBe(2);
      expect(stderr).toContain('5 rows');
      const rows = parse(readFileSync(output, 'utf8'), { columns: true }) as Array<Record<string, string>>;
      expectResults(rows);
      expect(rows[2]).toMatchObject({ checked: '100', failed: '0' });
      expectEachNumberAskedOnce(simulator, 200);
    },
    TIMEOUT,
  );

  it(
    'stops at the first match without asking again for any number answered before',
    async () => {
      // FIRST_MATCH cancels the checks still in flight at the match; those were never answered, so a
      // later row may ask for them again. Every number that got an answer was asked exactly once.
      const { simulator, env } = await orderService({ numbers: new Set([MATCH]), latencyMs: 5 });
      const { code, stdout } = await runCli(['match', '--batch', join(dir, 'numbers.csv'), '--format', 'json'], env);
      expect(code).toBe(2);
      const rows = (
        JSON.parse(stdout) as Array<{
          line: number;
          input: { id: string };
          status: string;
          matches: Array<{ phone: string }>;
        }>
      ).map((r) => ({ line: r.line, id: r.input.id, status: r.status, phone: r.matches[0]?.phone }));
      expect(rows).toEqual([
        // Line numbers as in the file (the blank line 4 counts), so a person finds the row.
        { line: 2, id: 'a', status: 'MATCHED', phone: MATCH },
        { line: 3, id: 'b', status: 'MATCHED', phone: MATCH },
        { line: 5, id: 'c', status: 'NOT_FOUND', phone: undefined },
        { line: 6, id: 'd', status: 'MATCHED', phone: MATCH },
        { line: 7, id: 'e', status: 'BAD_INPUT', phone: undefined },
      ]);
      const answered = new Map<string, number>();
      for (const entry of simulator.requestLog)
        if (entry.outcome !== 'aborted') answered.set(entry.phone, (answered.get(entry.phone) ?? 0) + 1);
      expect(Math.max(...answered.values())).toBe(1);
    },
    TIMEOUT,
  );

  it(
    'refuses a file without a number column (exit 2) before starting anything',
    async () => {
      const bad = join(dir, 'no-number.csv');
      writeFileSync(bad, 'phone,town\n138,杭州\n');
      const { code, stderr } = await runCli(['match', '--batch', bad]);
      expect(code).toBe(2);
      expect(stderr).toContain('must name "mask", or "prefix" and/or "suffix"');
      expect(stderr).toContain('"phone", "town"');
    },
    TIMEOUT,
  );
});

describe('phonematch match --batch --server', () => {
  let running: TestService;
  beforeAll(async () => {
    running = await startTestService({ simulator: { numbers: new Set([MATCH]) } });
  });

  it(
    'resolves the same file through the service, whose cache answers repeated numbers',
    async () => {
      const { code, stdout } = await runCli([
        'match',
        '--batch',
        join(dir, 'numbers.csv'),
        '--stop-at',
        'all',
        '--server',
        running.graphqlUrl,
      ]);
      expect(code).toBe(2);
      expectResults(parse(stdout, { columns: true }) as Array<Record<string, string>>);
      expectEachNumberAskedOnce(running.simulator, 200);
    },
    TIMEOUT,
  );
});

describe('phonematch match --batch --server, at the key’s quota', () => {
  it(
    'waits out TOO_MANY_SEARCHES and then resolves the row',
    async () => {
      const running = await startTestService({
        simulator: { latencyMs: 50 },
        env: { SEARCHES_IN_FLIGHT_PER_KEY: '1', CHECK_CONCURRENCY: '2' },
      });
      // A long search holds the key's only slot (dev mode: every client is the `dev` key).
      const client = wsClient(running.graphqlUrl);
      leave(() => client.dispose());
      const blocker = client.iterate({
        query: print(MatchPhoneEventsDocument),
        variables: { input: { mask: '138****1234' } },
      });
      expect((await blocker.next()).value).toMatchObject({
        data: { matchPhoneEvents: { __typename: 'SearchStarted' } },
      });

      writeFileSync(join(dir, 'one.csv'), 'prefix,suffix,city\n1380571,34,杭州\n');
      const run = startCli(['match', '--batch', join(dir, 'one.csv'), '--server', running.graphqlUrl]);
      await waitFor(() => run.stderr().includes('line 2: TOO_MANY_SEARCHES, retrying in 1 s'), 'the refusal', 60_000);
      await blocker.return?.();
      expect(await run.exited).toBe(1);
      const [row] = parse(run.stdout(), { columns: true }) as Array<Record<string, string>>;
      expect(row).toMatchObject({ status: 'NOT_FOUND', checked: '100' });
    },
    TIMEOUT,
  );
});
