import type { SharedPause } from '../checker/index.ts';
import { fleetChannels } from './fleet-keys.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

/**
 * The fleet's Retry-After: published on `budget:pause` as "<instance> <ms>" to every instance. A
 * duration, not a time, so the instances' clocks need not agree (pub/sub delivers in well under a
 * millisecond on a LAN, which the wait absorbs). Best effort: an instance that misses it (Redis away)
 * hears the service's own Retry-After on its next request, as it would alone.
 */
export class FleetPause implements SharedPause {
  private readonly channel: string;
  private listener: (ms: number) => void = () => {};
  private subscribed: Promise<void> | undefined;
  /** When the last pause we announced ends (performance.now() clock). */
  private announcedUntil = 0;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: { instanceId: string; traffic: RedisTraffic },
  ) {
    this.channel = redis.channel(fleetChannels.budgetPause);
  }

  /** Subscribes to the others' pauses; call once at start (safe to call again). */
  start(): Promise<void> {
    this.subscribed ??= this.redis
      .subscribe(this.channel, (message) => {
        const [from, ms] = message.split(' ');
        const wait = Number(ms);
        if (from !== this.options.instanceId && Number.isFinite(wait) && wait > 0) this.listener(wait);
      })
      .then(() => {});
    return this.subscribed;
  }

  announce(ms: number): void {
    // The requests in flight when the service said wait all come back refused with about the same
    // Retry-After: one message says it for them all.
    const until = performance.now() + ms;
    if (until <= this.announcedUntil + COALESCE_MS) return;
    this.announcedUntil = until;
    this.options.traffic.count('budget-pause', 1);
    void this.redis.client.publish(this.channel, `${this.options.instanceId} ${Math.ceil(ms)}`).catch(() => 0);
  }

  onPause(listener: (ms: number) => void): void {
    this.listener = listener;
  }
}

/** A pause ending at most this much later than one already announced is not announced again. */
const COALESCE_MS = 100;
