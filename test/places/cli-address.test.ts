import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { leave } from '../support/leftovers.ts';
import { candidateAt } from '../support/tier-numbers.ts';
import { jsonLines, orderService, runCli } from '../cli/run-cli.ts';

const TIMEOUT = 120_000;
const YIWU = '浙江省金华市义乌市稠城街道工人北路1号';
/** 100 candidates in 金华's CITY tier, one with orders. */
const JINHUA = { prefix: '1385790', suffix: '12', city: '金华' } as const;
const MATCH = candidateAt(JINHUA, 'CITY', 11);

describe('addresses on the command line', () => {
  it(
    'match --address reads the place from the address and finds the number in its city',
    async () => {
      const { env } = await orderService({ numbers: new Set([MATCH]) });
      const { code, stdout } = await runCli(['match', '--prefix', '1385790', '--suffix', '12', '--address', YIWU], env);
      expect(code).toBe(0);
      const events = jsonLines(stdout);
      expect(events[0]).toMatchObject({ __typename: 'SearchStarted', total: 100 });
      expect((events[0]!.tiers as unknown[])[0]).toMatchObject({ tier: 'CITY', skipped: false, candidates: 100 });
      expect(events.at(-1)).toMatchObject({
        __typename: 'SearchFinished',
        result: { status: 'MATCHED', matches: [{ phone: MATCH, tier: 'CITY' }] },
      });
    },
    TIMEOUT,
  );

  it(
    'a batch file’s address column: read per row, a shared name or a conflict refused with the API’s reason',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'phonematch-places-batch-'));
      leave(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'orders.csv');
      writeFileSync(
        file,
        [
          'id,prefix,suffix,city,address',
          `yiwu,1385790,12,,${YIWU}`,
          'shared,1385790,12,,鼓楼区中山路1号',
          `conflict,1385790,12,杭州,${YIWU}`,
        ].join('\n'),
      );
      const { env } = await orderService({ numbers: new Set([MATCH]) });
      const output = join(dir, 'results.csv');
      const { code } = await runCli(['match', '--batch', file, '--output', output], env);
      expect(code).toBe(2);
      const rows = parse(readFileSync(output, 'utf8'), { columns: true }) as Array<Record<string, string>>;
      expect(rows[0]).toMatchObject({ id: 'yiwu', status: 'MATCHED', phone: MATCH, tier: 'CITY', match_city: '金华' });
      expect(rows[1]).toMatchObject({
        id: 'shared',
        status: 'BAD_INPUT',
        error_field: 'address',
        error_reason: 'AMBIGUOUS_PLACE',
      });
      expect(rows[1]!.suggestions).toContain('鼓楼区 (福建 福州)');
      expect(rows[2]).toMatchObject({ id: 'conflict', error_field: 'address', error_reason: 'CONFLICTING_PLACE' });
    },
    TIMEOUT,
  );

  it('--address with --batch is a usage error', async () => {
    const { code, stderr } = await runCli(['match', '--batch', 'x.csv', '--address', YIWU]);
    expect(code).toBe(2);
    expect(stderr).toContain('from its file');
  });
});
