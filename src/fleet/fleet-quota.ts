import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RunningSearchCounter } from '../quota/search-quota.ts';
import { fleetKeys } from './fleet-keys.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

export interface FleetQuotaOptions {
  perMinute: number;
  /**
   * How long a running search counts against its key once its instance stops renewing the ticket (it
   * renews them every third of this while they run): a dead instance's searches stop counting then.
   */
  ticketLeaseMs: number;
  traffic: RedisTraffic;
}

/**
 * Per-key quotas for the whole fleet: searches per minute with rate-limiter-flexible's Redis limiter,
 * searches running at once with a lease set. When Redis is unreachable, both fall back to this
 * instance's memory (rate-limiter-flexible's insurance limiter; the local running count): searches go
 * on, limited per instance instead of per fleet, until Redis answers again. Refusing every search
 * during a Redis blip would hurt more than a short-lived looser quota, and the order service stays
 * protected by the fleet budget, which fails safe on its own.
 */
export function fleetQuotaStores(
  redis: RedisConnection,
  options: FleetQuotaOptions,
): { perMinute: RateLimiterAbstract; running: FleetRunningSearches } {
  const perMinute = new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix: fleetKeys.quotaPerMinute,
    points: options.perMinute,
    duration: 60,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({
      keyPrefix: fleetKeys.quotaPerMinute,
      points: options.perMinute,
      duration: 60,
    }),
  });
  return { perMinute, running: new FleetRunningSearches(redis, options) };
}

/**
 * Searches running per key, for the whole fleet: one ticket per search in the key's lease set
 * (scripts/startQuotaTicket-1.lua), renewed by this instance while its search runs and removed when it
 * ends, so a dead instance's tickets lapse after one ticket lease. A started search's ticket takes the
 * search's id (`follow`), so the instance that resumes the search takes the same ticket over
 * (`takeOver`) and the one that lost it lets go without removing it (`letGo`).
 */
export class FleetRunningSearches implements RunningSearchCounter {
  /** Tickets of searches running here (renewed), by key. */
  private readonly live = new Map<string, Set<string>>();
  /** Admission tickets no search has taken yet, by key. */
  private readonly unclaimed = new Map<string, Set<string>>();
  /** Admission tickets renamed to their search's id (the admission ends them by their first name). */
  private readonly renamed = new Map<string, string>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: FleetQuotaOptions,
  ) {
    this.timer = setInterval(() => void this.renew(), Math.max(100, options.ticketLeaseMs / 3));
    this.timer.unref();
  }

  async tryStart(keyId: string, ticket: string, limit: number): Promise<boolean | 'unavailable'> {
    this.options.traffic.count('quota', 1);
    if (!this.redis.reachable) return 'unavailable';
    try {
      const admitted = await this.redis.scripts.startQuotaTicket(keyId, ticket, limit, this.options.ticketLeaseMs);
      if (admitted) {
        setOf(this.live, keyId).add(ticket);
        setOf(this.unclaimed, keyId).add(ticket);
      }
      return admitted;
    } catch {
      return 'unavailable';
    }
  }

  end(keyId: string, ticket: string): void {
    const name = this.renamed.get(ticket) ?? ticket;
    this.renamed.delete(ticket);
    drop(this.unclaimed, keyId, ticket);
    // Not ours any more (the search went to another instance): its ticket is that instance's to end.
    if (!drop(this.live, keyId, name)) return;
    this.options.traffic.count('quota', 1);
    this.redis.client.zrem(fleetKeys.quotaRunning(keyId), name).catch(() => {});
  }

  /** The search `searchId` just started for `keyId`: one of the key's admission tickets here becomes its. */
  async follow(keyId: string, searchId: string): Promise<void> {
    const [ticket] = this.unclaimed.get(keyId) ?? [];
    if (ticket === undefined) return;
    drop(this.unclaimed, keyId, ticket);
    drop(this.live, keyId, ticket);
    setOf(this.live, keyId).add(searchId);
    this.renamed.set(ticket, searchId);
    await this.move(keyId, searchId, ticket);
  }

  /** A search resumed here: its ticket counts under this instance from now on, ended when it ends here. */
  async takeOver(keyId: string, searchId: string): Promise<void> {
    setOf(this.live, keyId).add(searchId);
    await this.move(keyId, searchId, '');
  }

  /** The search went to another instance: its ticket is no longer renewed or ended here. */
  letGo(keyId: string, searchId: string): void {
    drop(this.live, keyId, searchId);
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async move(keyId: string, to: string, from: string): Promise<void> {
    this.options.traffic.count('quota', 1);
    await this.redis.scripts.moveQuotaTicket(keyId, to, from, this.options.ticketLeaseMs).catch(() => {});
  }

  private async renew(): Promise<void> {
    for (const [keyId, tickets] of this.live) {
      this.options.traffic.count('quota', 1);
      // Redis away: the tickets lapse, and the searches count on this instance's memory meanwhile.
      await this.redis.scripts.renewQuotaTickets(keyId, [...tickets], this.options.ticketLeaseMs).catch(() => {});
    }
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** Removes `value` from `key`'s set (and an emptied set); whether it was there. */
function drop(map: Map<string, Set<string>>, key: string, value: string): boolean {
  const set = map.get(key);
  if (!set?.delete(value)) return false;
  if (set.size === 0) map.delete(key);
  return true;
}
