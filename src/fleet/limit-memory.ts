import type { LearnedLimit, LearnedLimitStore } from '../checker/index.ts';
import { fleetKeys } from './fleet-keys.ts';
import type { RedisConnection } from './redis-connection.ts';

/**
 * The last limit learned per order service, for a fleet: one Redis string per service under the
 * fleet's key prefix (the connection adds it), written by whichever instance learned last, read by
 * every instance that starts. It expires after the age limit (PX), so a service nobody called for that long
 * is ramped up to again.
 */
export class RedisLearnedLimits implements LearnedLimitStore {
  constructor(private readonly redis: RedisConnection) {}

  async recall(service: string): Promise<LearnedLimit | undefined> {
    const value = await this.redis.run('read the learned limit', (r) => r.get(fleetKeys.learnedLimit(service)));
    if (value === null) return undefined;
    const parsed = JSON.parse(value) as Partial<LearnedLimit>;
    if (typeof parsed.limit !== 'number' || typeof parsed.noLoadRttMs !== 'number') return undefined;
    return { limit: parsed.limit, noLoadRttMs: parsed.noLoadRttMs };
  }

  async remember(service: string, learned: LearnedLimit, maxAgeMs: number): Promise<void> {
    const value = JSON.stringify({ limit: learned.limit, noLoadRttMs: learned.noLoadRttMs });
    await this.redis.run('keep the learned limit', (r) =>
      r.set(fleetKeys.learnedLimit(service), value, 'PX', maxAgeMs),
    );
  }
}
