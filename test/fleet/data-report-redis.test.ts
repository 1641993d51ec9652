import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/redis-server.ts';
import { RedisConnection } from '../../src/fleet/redis-connection.ts';
import { RedisEvidenceStore } from '../../src/learning/redis-evidence-store.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, testKeyPrefix, testRedis } from '../support/redis.ts';

/** `npm run data:report` as an operator runs it (its own process), with `env` over this one's. */
function dataReport(
  env: Record<string, string>,
  flags: readonly string[] = [],
): {
  status: number | null;
  stdout: string;
  stderr: string;
  svg: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'pm-data-report-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  const svg = join(dir, 'chart.svg');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/data-report.ts', '--svg', svg, ...flags], {
    env: { ...process.env, AUDIT_DB_PATH: 'off', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  let chart = '';
  try {
    chart = readFileSync(svg, 'utf8');
  } catch {
    // not written
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, svg: chart };
}

describe('npm run data:report in a fleet: learned places from its Redis', () => {
  it("reads what the fleet learned, under the fleet's key prefix and with its per-key cap", async () => {
    const redis = await testRedis();
    const keyPrefix = testKeyPrefix();
    leave(() => cleanKeys(redis.target, keyPrefix));
    const connection = new RedisConnection({ target: redis.target, keyPrefix });
    leave(() => connection.close());
    expect(await connection.connect()).toBe(true);
    // What instances of the fleet record: key k1 twice (its cap is 1 here), k2 once, for a segment
    // no layer places (192 has no place in the shipped data).
    const store = new RedisEvidenceStore(connection);
    for (const key of ['k1', 'k1', 'k2']) await store.add(1920000, '北京|北京', key, 5);

    const report = dataReport({ ...redis.env, REDIS_KEY_PREFIX: keyPrefix, LEARN_PLACES_PER_KEY: '1' });
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('learned: 1 segments (1 of them unlocated by the data), 2 pieces of evidence');
    expect(report.svg).toContain('; 1 learned segments');

    // Flags win over the variables, as the service's do.
    const flagged = dataReport({ ...redis.env, REDIS_KEY_PREFIX: testKeyPrefix(), LEARN_PLACES_PER_KEY: '5' }, [
      '--redis-key-prefix',
      keyPrefix,
      '--learn-places-per-key',
      '1',
    ]);
    expect(flagged.stdout).toContain('learned: 1 segments (1 of them unlocated by the data), 2 pieces of evidence');

    // Another fleet's prefix holds nothing.
    const other = dataReport({ ...redis.env, REDIS_KEY_PREFIX: testKeyPrefix() });
    expect(other.stdout).toContain('learned: 0 segments');
  }, 120_000);

  it("says the fleet's Redis does not answer, and exits 1", async () => {
    const report = dataReport({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(report.status).toBe(1);
    expect(report.stderr).toContain("the fleet's Redis (REDIS_URL / REDIS_CLUSTER_NODES) does not answer");
  }, 60_000);

  it('refuses settings the service would refuse, naming them (exit 2)', () => {
    const report = dataReport({ LEARN_PLACES_PER_KEY: 'many' });
    expect(report.status).toBe(2);
    expect(report.stderr).toContain('LEARN_PLACES_PER_KEY');
  });
});
