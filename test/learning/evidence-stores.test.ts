import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RedisConnection } from '../../src/fleet/redis-connection.ts';
import { PlaceLearner } from '../../src/learning/place-learner.ts';
import { EVIDENCE_KEYS, RedisEvidenceStore } from '../../src/learning/redis-evidence-store.ts';
import { SqliteEvidenceStore } from '../../src/learning/sqlite-evidence-store.ts';
import type { EvidenceStore } from '../../src/learning/evidence-store.ts';
import { buildSearchRequest, type SearchRequest } from '../../src/plan/search-request.ts';
import type { FinishedInfo } from '../../src/search/search-engine.ts';
import type { MatchResult } from '../../src/search/search-types.ts';
import { SegmentIndex } from '../../src/segments/segment-index.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, keysUnder, testKeyPrefix, testRedisUrl } from '../support/redis.ts';
import { embeddedIndex } from '../support/segment-data.ts';
import { waitFor } from '../support/wait-for.ts';

const NUMBER = '19902801234';
const CHENGDU = { prefix: '199', suffix: '1234', city: '成都' } as const;

/** What the engine hands onFinished for a search of CHENGDU that matched `phones` (only what learning reads). */
function finished(index: SegmentIndex, phones: string[], status: MatchResult['status'] = 'MATCHED', city = true) {
  const request: SearchRequest = buildSearchRequest(index, city ? CHENGDU : { prefix: '199', suffix: '1234' });
  const result = { status, matches: phones.map((phone) => ({ phone, tier: 'UNLOCATED' })) } as unknown as MatchResult;
  return { result, request };
}
const as = (apiKeyId: string) => ({ apiKeyId, stopAt: 'FIRST_MATCH', upstreamRequests: 1 }) as FinishedInfo;

function learner(store: EvidenceStore, index: SegmentIndex, refreshMs = 50): PlaceLearner {
  const l = new PlaceLearner({ store, index, perKey: 2, refreshMs });
  leave(async () => {
    await l.close();
    index.learned = undefined;
  });
  return l;
}

function sqliteFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'phonematch-learn-'));
  leave(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'audit.sqlite');
}

describe('learned places in the audit’s SQLite database (an instance alone)', () => {
  it('counts matched searches that named a city, capped per API key, and keeps them across a restart', async () => {
    const path = sqliteFile();
    const index = embeddedIndex();
    const first = learner(new SqliteEvidenceStore(path), index);
    await first.start();
    const { result, request } = finished(index, [NUMBER]);
    for (let i = 0; i < 5; i++) first.record(result, request, as('flood'));
    first.record(result, request, as('other'));
    await first.settled();
    const chengdu = index.regions.city('四川', '成都')!;
    expect(index.learned!.countFor(1990280, chengdu)).toBe(3);
    await first.close();

    // A new process on the same database: a fresh index, the evidence read back.
    const restarted = SegmentIndex.load();
    await learner(new SqliteEvidenceStore(path), restarted).start();
    expect(restarted.learned!.countFor(1990280, restarted.regions.city('四川', '成都')!)).toBe(3);
    const plan = buildSearchRequest(restarted, CHENGDU).plan;
    expect([...plan.candidates('CITY')]).toEqual([NUMBER]);
  });

  it('learns nothing from a search that did not match or named no city, and never stores the number', async () => {
    const path = sqliteFile();
    const index = embeddedIndex();
    const l = learner(new SqliteEvidenceStore(path), index);
    await l.start();
    for (const [status, city] of [
      ['NOT_FOUND', true],
      ['INCOMPLETE', true],
      ['MATCHED', false],
    ] as const) {
      const { result, request } = finished(index, [NUMBER], status, city);
      l.record(result, request, as('k'));
    }
    await l.settled();
    expect(index.learned!.size).toBe(0);
    const { result, request } = finished(index, [NUMBER, '19902805678']);
    l.record(result, request, as('k'));
    await l.settled();
    // Two matches in one segment are one piece of evidence: the segment, not the numbers, is learned.
    expect(index.learned!.evidence(1990280).map((e) => e.count)).toEqual([1]);
    await l.close();
    const dir = join(path, '..');
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file)).toString('latin1');
      expect(bytes.includes(NUMBER) || bytes.includes('19902805678'), file).toBe(false);
    }
  });
});

describe('learned places in Redis (a fleet)', () => {
  async function connection(url: string, prefix: string): Promise<RedisConnection> {
    const redis = new RedisConnection({ target: { url }, keyPrefix: prefix });
    await redis.connect();
    leave(() => redis.close());
    return redis;
  }

  it('one instance learns what another matched, and a key’s concurrent adds settle at its cap', async () => {
    const url = await testRedisUrl();
    const prefix = testKeyPrefix();
    leave(() => cleanKeys(url, prefix));
    // Two instances: their own connections and their own segment data.
    const a = embeddedIndex();
    const b = SegmentIndex.load();
    const learnerA = learner(new RedisEvidenceStore(await connection(url, prefix)), a);
    const learnerB = learner(new RedisEvidenceStore(await connection(url, prefix)), b);
    await Promise.all([learnerA.start(), learnerB.start()]);

    const { result, request } = finished(a, [NUMBER]);
    for (let i = 0; i < 6; i++) learnerA.record(result, request, as('flood'));
    await learnerA.settled();
    const chengduB = b.regions.city('四川', '成都')!;
    await waitFor(() => b.learned!.countFor(1990280, chengduB) === 2, 'instance B to read what A learned');
    expect([...buildSearchRequest(b, CHENGDU).plan.candidates('CITY')]).toEqual([NUMBER]);

    const store = new RedisEvidenceStore(await connection(url, prefix));
    const added = await Promise.all(Array.from({ length: 8 }, () => store.add(1990300, '四川|成都', 'burst', 3)));
    expect(added.filter(Boolean)).toHaveLength(3);
    const rows = await store.rows();
    expect(rows.find((r) => r.segment === 1990300)).toEqual({
      segment: 1990300,
      cityKey: '四川|成都',
      keyId: 'burst',
      count: 3,
    });
    expect((await keysUnder(url, prefix)).sort()).toEqual([EVIDENCE_KEYS.counts, EVIDENCE_KEYS.version]);
  });
});
