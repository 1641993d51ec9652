import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { redisAnswers, startPrivateRedis, type PrivateRedis } from '../../scripts/lib/redis-server.ts';

export { startPrivateRedis, type PrivateRedis };

let shared: Promise<string> | undefined;
let started: PrivateRedis | undefined;

/**
 * The Redis tests use: `PHONEMATCH_TEST_REDIS_URL`, else the one at 127.0.0.1:6379, else a private
 * `redis-server` started for this test file (stopped after it). Fails clearly when none can be had.
 */
export function testRedisUrl(): Promise<string> {
  shared ??= (async () => {
    const fromEnv = process.env.PHONEMATCH_TEST_REDIS_URL;
    if (fromEnv) return fromEnv;
    if (await redisAnswers('127.0.0.1', 6379)) return 'redis://127.0.0.1:6379';
    try {
      started = await startPrivateRedis();
    } catch (error) {
      throw new Error(
        `no Redis for the tests: set PHONEMATCH_TEST_REDIS_URL, run one at 127.0.0.1:6379, or install redis-server (${(error as Error).message})`,
      );
    }
    return started.url;
  })();
  return shared;
}

afterAll(async () => {
  await started?.stop();
});

/** A fresh key prefix for one test (`pmtest:<random>:`); every key under it is deleted by `cleanKeys`. */
export function testKeyPrefix(): string {
  return `pmtest:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix` (SCAN + UNLINK; never FLUSHDB on the shared Redis). */
export async function cleanKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Keys under `prefix`, without the prefix (for asserting what the fleet stores). */
export async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const out: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      out.push(...keys.map((k) => k.slice(prefix.length)));
    } while (cursor !== '0');
    return out;
  } finally {
    redis.disconnect();
  }
}
