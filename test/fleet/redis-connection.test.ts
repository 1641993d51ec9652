import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/redis-server.ts';
import { RedisConnection } from '../../src/fleet/redis-connection.ts';
import { leave } from '../support/leftovers.ts';
import { cleanKeys, startPrivateRedis, testKeyPrefix, testRedisUrl } from '../support/redis.ts';
import { waitFor } from '../support/wait-for.ts';

async function publisher(url: string): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  leave(() => redis.disconnect());
  return redis;
}

describe('RedisConnection.subscribe', () => {
  it('asked for at once, before the connection is ready, it receives what is published', async () => {
    const url = await testRedisUrl();
    const keyPrefix = testKeyPrefix();
    leave(() => cleanKeys(url, keyPrefix));
    const connection = new RedisConnection({ target: { url }, keyPrefix });
    leave(() => connection.close());
    const got: string[] = [];
    await connection.subscribe(connection.channel('news'), (m) => got.push(m));
    await (await publisher(url)).publish(connection.channel('news'), 'hello');
    await waitFor(() => got.length === 1, 'the message');
    expect(got).toEqual(['hello']);
  });

  it('asked for while Redis is away, it is made when Redis comes, and again after Redis restarts (which it tells)', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const connection = new RedisConnection({ target: { url }, keyPrefix: testKeyPrefix() });
    leave(() => connection.close());
    const got: string[] = [];
    // Told when the subscription is made again after a lost connection (what was published between is lost).
    let resubscribed = 0;
    const unsubscribe = await connection.subscribe(connection.channel('news'), (m) => got.push(m), {
      timeoutMs: 100,
      onResubscribed: () => resubscribed++,
    });

    let redis = await startPrivateRedis({ port });
    leave(() => redis.stop());
    const pub = await publisher(url);
    await waitFor(async () => {
      await pub.publish(connection.channel('news'), 'first').catch(() => 0);
      return got.includes('first');
    }, 'a message once Redis is up');
    expect(resubscribed).toBe(0);

    await redis.stop();
    redis = await startPrivateRedis({ port });
    await waitFor(async () => {
      await pub.publish(connection.channel('news'), 'second').catch(() => 0);
      return got.includes('second');
    }, 'a message after Redis restarted');
    expect(resubscribed).toBe(1);

    unsubscribe();
    const before = got.length;
    await pub.publish(connection.channel('news'), 'third');
    await waitFor(async () => (await pub.pubsub('NUMSUB', connection.channel('news')))[1] === 0, 'the unsubscribe');
    expect(got.length).toBe(before);
  });
});
