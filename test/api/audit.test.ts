import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, prepare } from '../../src/audit/sqlite.ts';
import { describe, expect, it } from 'vitest';
import { MatchPhoneDocument } from '../../schema/generated/graphql.ts';
import { verifyAuditFile } from '../../src/audit/verify-file.ts';
import { leave } from '../support/leftovers.ts';
import { HANGZHOU, HANGZHOU_MATCH, startMatchingService } from '../support/test-service.ts';
import { waitUntilSteady } from '../support/wait-for.ts';

describe('audit', () => {
  it('writes a masked row per search; UPDATE and DELETE are refused by SQLite', async () => {
    const service = await startMatchingService({ SEARCHES_PER_MINUTE_PER_KEY: '100' });
    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    await service.graphql(MatchPhoneDocument, {
      input: { prefix: '138', suffix: '1234', city: '杭州', stopAt: 'TIER' },
    });
    const rows = service.audit!.rows();
    expect(rows).toHaveLength(2);
    const [row] = rows;
    expect(row).toMatchObject({
      key_id: 'dev',
      masked_input: '138****1234',
      city: '杭州',
      province: '浙江',
      stop_at: 'FIRST_MATCH',
      status: 'MATCHED',
      matches_count: 1,
      numbers_full: 0,
    });
    expect(JSON.parse(row!.matched_numbers)).toEqual([`${HANGZHOU_MATCH.slice(0, 3)}****${HANGZHOU_MATCH.slice(-4)}`]);
    expect(JSON.parse(row!.tiers_run)).toEqual([
      expect.objectContaining({ tier: 'CITY', outcome: 'STOPPED_AT_MATCH' }),
    ]);
    // Every request the simulator saw was made for one of the two searches (FIRST_MATCH cancels the
    // requests in flight at the match, so the first search may have sent more than it checked).
    const simulated = await waitUntilSteady(() => service.simulator.stats().requests, 200);
    expect(row!.upstream_requests).toBeGreaterThan(0);
    expect(row!.upstream_requests + rows[1]!.upstream_requests).toBeGreaterThanOrEqual(simulated);
    expect(row!.upstream_requests + rows[1]!.upstream_requests).toBeLessThanOrEqual(simulated + 16);
    expect(row!.search_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(row!.time)).toBeGreaterThan(Date.now() - 60_000);
    // The second search hit the cache for everything the first one checked.
    expect(rows[1]!.upstream_requests).toBeLessThan(rows[1]!.checked);

    const path = service.config.audit.path!;
    const db = openDatabase(path);
    leave(() => {
      db.close();
    });
    expect(() => prepare(db, "UPDATE searches SET status = 'NOT_FOUND'").run()).toThrow(/append-only/);
    expect(() => prepare(db, 'DELETE FROM searches').run()).toThrow(/append-only/);
    expect((prepare(db, 'SELECT count(*) AS n FROM searches').get() as { n: number }).n).toBe(2);
    expect(prepare(db, 'PRAGMA journal_mode').pluck().get()).toBe('wal');
    // The service's rows are hash-chained (test/audit/ tampers with them).
    expect(verifyAuditFile(path)).toMatchObject({ rows: 2, intact: true });

    // No full number anywhere in the database files.
    for (const file of [path, `${path}-wal`])
      if (existsSync(file)) expect(readFileSync(file).includes(Buffer.from(HANGZHOU_MATCH))).toBe(false);
  });

  it('writes matched numbers in full only with AUDIT_FULL_NUMBERS=true', async () => {
    const service = await startMatchingService({ AUDIT_FULL_NUMBERS: 'true' });
    await service.graphql(MatchPhoneDocument, { input: HANGZHOU });
    const [row] = service.audit!.rows();
    expect(row).toMatchObject({ numbers_full: 1, masked_input: '138****1234' });
    expect(JSON.parse(row!.matched_numbers)).toEqual([HANGZHOU_MATCH]);
  });

  it('uses the configured path and keeps rows across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phonematch-audit-test-'));
    leave(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'nested', 'audit.sqlite');
    const first = await startMatchingService({ AUDIT_DB_PATH: path });
    await first.graphql(MatchPhoneDocument, { input: HANGZHOU });
    await first.close();
    const second = await startMatchingService({ AUDIT_DB_PATH: path });
    await second.graphql(MatchPhoneDocument, { input: HANGZHOU });
    expect(second.audit!.rows()).toHaveLength(2);
  });
});
