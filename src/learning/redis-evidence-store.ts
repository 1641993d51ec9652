import type { RedisConnection } from '../fleet/redis-connection.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { EvidenceRow } from './learned-places.ts';

/**
 * The fleet's evidence keys, under the fleet's key prefix (the connection adds it). They share a hash
 * tag, so the MULTI that moves both runs on a Redis Cluster too.
 */
export const EVIDENCE_KEYS = {
  /** Hash: `segment|province|city|keyId` → that key's count, at most the cap. */
  counts: '{learned-places}',
  /** Counter bumped with every counted piece of evidence: instances poll it to know when to read the hash. */
  version: '{learned-places}:version',
} as const;

/**
 * Evidence shared by a fleet in Redis: every instance adds to the same counts and reads the others'.
 * Plain commands: the count and the version move together (MULTI); a key that went past its cap takes
 * its increment back, so concurrent adds settle at the cap and never above it.
 */
export class RedisEvidenceStore implements EvidenceStore {
  readonly kind = 'redis';

  constructor(private readonly redis: RedisConnection) {}

  async add(segment: number, cityKey: string, keyId: string, cap: number): Promise<boolean> {
    const field = `${segment}|${cityKey}|${keyId}`;
    return this.redis.run('learned places: add', async (client) => {
      const replies = await client.multi().hincrby(EVIDENCE_KEYS.counts, field, 1).incr(EVIDENCE_KEYS.version).exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      if (count <= cap) return true;
      await client.multi().hincrby(EVIDENCE_KEYS.counts, field, -1).incr(EVIDENCE_KEYS.version).exec();
      return false;
    });
  }

  async rows(): Promise<EvidenceRow[]> {
    const hash = await this.redis.run('learned places: read', (client) => client.hgetall(EVIDENCE_KEYS.counts));
    const rows: EvidenceRow[] = [];
    for (const [field, value] of Object.entries(hash)) {
      const [segment, province, city, ...key] = field.split('|');
      if (!segment || !province || !city || key.length === 0) continue;
      rows.push({
        segment: Number(segment),
        cityKey: `${province}|${city}`,
        keyId: key.join('|'),
        count: Number(value),
      });
    }
    return rows;
  }

  async version(): Promise<string> {
    return (await this.redis.run('learned places: version', (client) => client.get(EVIDENCE_KEYS.version))) ?? '0';
  }
}
