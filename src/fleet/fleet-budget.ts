import {
  DEFAULT_CONCURRENCY_MIN,
  type InFlightBudget,
  OncePermit,
  type Permit,
  type RequestEnds,
  type SchedulerDemand,
} from '../checker/index.ts';
import type { ConcurrencyLimiter, LimitChange, RequestSample } from '../checker/index.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import { fleetChannels } from './fleet-keys.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

// The budget's keys and its renewal are in fleet-keys.ts and scripts/renewBudget-7.lua.

/** `FLEET_LEASE_MS`'s default: how long a silent instance keeps its permits (and its searches). */
export const DEFAULT_FLEET_LEASE_MS = 3000;

/** What the fleet budget needs to know about where it is used. */
export interface FleetBudgetOptions {
  instanceId: string;
  /**
   * This instance's limiter (fixed CHECK_CONCURRENCY, or the adaptive one): it proposes the fleet's
   * limit, and is fed this instance's samples with the fleet's requests in flight, so an adaptive
   * limiter models the whole fleet's load on the service.
   */
  limiter: ConcurrencyLimiter;
  /** Told of every move of the proposed limit (metrics, a log line). */
  onLimitChange?: (change: LimitChange) => void;
  /** A lapsed lease frees its permits: how long an instance may go silent before that. @default {@link DEFAULT_FLEET_LEASE_MS} */
  leaseTtlMs?: number;
  /** Renewal period: every instance renews this often, busy or idle (a new search's claim lives on it). @default 50 */
  renewMs?: number;
  /**
   * What a new instance may grant itself before it has been counted by the fleet (CHECK_CONCURRENCY_MIN):
   * with Redis away at its start, and during the budget's warm-up. @default {@link DEFAULT_CONCURRENCY_MIN}
   */
  startShare?: number;
  logger?: Logger;
  traffic: RedisTraffic;
}

export interface FleetBudgetStats {
  /** The fleet-wide limit in force (the lowest any live instance proposes). */
  readonly fleetLimit: number;
  /** Permits this instance may use now. */
  readonly granted: number;
  /** Permits held by all live instances together, at the last renewal. */
  readonly fleetHeld: number;
  readonly instances: number;
  /** Whether the last renewal reached Redis. */
  readonly connected: boolean;
}

/**
 * The order-service in-flight bound, held for every instance on one Redis together: a semaphore of
 * `fleet limit` permits, leased in blocks. An instance renews its lease every `renewMs` (off the
 * hot path: one script call per period, not per check), asking for permits when its searches are
 * waiting and giving back what it does not use; dispatch then takes permits from the local grant
 * synchronously. An instance that dies stops renewing and its permits return after `leaseTtlMs`.
 * A starved instance renews at once and pokes the others (pub/sub) to rebalance now. New searches'
 * head start (the local scheduler's) is served first across the fleet, as it is within one instance.
 *
 * Redis unreachable: the instance keeps its last grant until its lease would have lapsed, then falls
 * back to its {@link outageShare}: an equal part of the last known limit once a newcomer's share is set
 * aside, so a fleet cut off from Redis stays within the bound, and so does an instance (re)started
 * meanwhile, which knows no limit or instances and takes its {@link newcomerShare}.
 *
 * Faults: the grant is good for one lease from when its renewal was sent. An instance that finds it
 * older (it was frozen, or its event loop stalled past the lease) dispatches nothing until it has
 * re-validated: its searches first (`onLapse`), then a renewal, which Redis refuses if the lease's
 * fencing token moved on meanwhile (it then grants nothing and hands out a new token). Permits taken
 * before (held across a wait) go unused ({@link Permit.usable}); a renewal that was on its way and
 * fails on waking is not taken for Redis being away. When Redis comes back empty, or a fleet begins,
 * the budget warms up for one lease: no instance gets more than it already has out (a new one,
 * `startShare`), since instances that have requests out may not have reported yet.
 */
export class FleetBudget implements InFlightBudget {
  /** Where this budget's permits report the end of their request; only permits may end one. */
  private readonly requestEnds: RequestEnds = {
    observe: (sample, now) => this.observe(sample, now),
    release: () => this.release(),
  };
  private granted = 0;
  private inUse = 0;
  private starved = false;
  /**
   * Redis counts us at more than our grant (what we could have out while the renewal was on its way,
   * or requests already out when the fleet took permits back): the instance those permits now belong
   * to gets them only when Redis hears they are free.
   */
  private overGrant = false;
  private fleetLimit: number;
  private fleetHeld = 0;
  private instances = 1;
  private connected = false;
  /** Some renewal has reached Redis: the fleet's limit and instances are known. */
  private reachedRedis = false;
  /** When a renewal first failed while Redis had never been reached (performance.now()). */
  private unreachedSince: number | undefined;
  /** Our lease's fencing token (0 before the first renewal). */
  private token = 0;
  /**
   * New to the fleet since it began: nothing of ours can be out unreported, so the warm-up allows us
   * `startShare`. Cleared once Redis refuses our token (we held permits in an earlier budget).
   */
  private fresh = true;
  /** Until when (performance.now()) the grant in force is ours for sure: one lease after its renewal was sent. */
  private grantValidUntil = 0;
  /** The grant outlived its lease: nothing is dispatched until the searches and the grant are re-validated. */
  private lapsed = false;
  /** How many times the grant has lapsed: a permit from before a lapse carries no request after it. */
  private lapses = 0;
  private revalidate: () => Promise<void> = async () => {};
  private readonly startShare: number;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private listener: () => void = () => {};
  private readonly leaseTtlMs: number;
  private readonly renewMs: number;
  private readonly log: Logger;
  /** What this instance's searches want (the scheduler's view). */
  private demand: () => SchedulerDemand = () => ({ waiting: false, headStart: 0 });
  /** When the last renewal was sent (performance.now()). */
  private lastRenewAt = 0;
  private readonly pokeChannel: string;

  constructor(
    private readonly redis: RedisConnection,
    private readonly options: FleetBudgetOptions,
  ) {
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_FLEET_LEASE_MS;
    this.renewMs = options.renewMs ?? 50;
    this.log = (options.logger ?? silentLogger).child({ component: 'fleet-budget' });
    this.fleetLimit = options.limiter.limit;
    this.startShare = options.startShare ?? DEFAULT_CONCURRENCY_MIN;
    this.pokeChannel = redis.channel(fleetChannels.budgetPoke);
  }

  /** Joins the fleet: first renewal, then periodic ones; listens for rebalance pokes. */
  async start(): Promise<void> {
    await this.redis.subscribe(this.pokeChannel, (from) => {
      if (from !== this.options.instanceId) this.renewSoon();
    });
    await this.renew();
    this.schedule();
  }

  /** Called whenever `tryAcquire` may succeed again. */
  onAvailable(listener: () => void): void {
    this.listener = listener;
  }

  watchDemand(read: () => SchedulerDemand): void {
    this.demand = read;
  }

  /** Run before dispatching again after the grant outlived its lease (the fleet re-validates its searches). */
  onLapse(revalidate: () => Promise<void>): void {
    this.revalidate = revalidate;
  }

  /** The bound for the whole fleet. */
  get sharedLimit(): number {
    return this.fleetLimit;
  }

  /** The local grant's limit (what this instance may have in flight now). */
  get limit(): number {
    return this.granted;
  }

  get inFlight(): number {
    return this.inUse;
  }

  /** A permit from the local grant, or undefined (then a renewal is asked for at once). */
  tryAcquire(): Permit | undefined {
    if (this.grantInForce() && this.inUse < this.granted) {
      this.inUse++;
      const lapses = this.lapses;
      return new OncePermit(this.requestEnds, () => this.grantInForce() && this.lapses === lapses);
    }
    if (!this.starved) {
      this.starved = true;
      this.renewSoon();
    }
    return undefined;
  }

  /**
   * Whether the grant may be dispatched on: not lapsed, and its lease not run out. Checked at every
   * dispatch, and by a permit held across a wait, since a process learns it was frozen only from the
   * clock (a renewal may not have run since it woke).
   */
  private readonly grantInForce = (): boolean => {
    if (!this.lapsed && performance.now() > this.grantValidUntil) {
      this.lapse();
      this.log.warn('fleet budget: the grant outlived its lease (frozen or stalled); re-validating before dispatching');
      this.renewSoon();
    }
    return !this.lapsed;
  };

  private lapse(): void {
    this.lapsed = true;
    this.lapses++;
  }

  /** A request is over at the order service. */
  private release(): void {
    this.inUse--;
    // Held beyond the grant: tell Redis as they free up (back within it, or every few ms), not at
    // the next period, so the instance they now belong to gets them.
    if (
      this.overGrant &&
      this.connected &&
      (this.inUse <= this.granted || performance.now() - this.lastRenewAt >= OVER_GRANT_RENEW_MS)
    ) {
      this.overGrant = this.inUse > this.granted;
      this.renewSoon();
    }
    this.listener();
  }

  /** Feeds the limiter as if the whole fleet's requests were ours (they load the same service). */
  private observe(sample: RequestSample, now: number): void {
    const others = Math.max(0, this.fleetHeld - Math.max(this.granted, this.inUse));
    const change = this.options.limiter.onSample({ ...sample, inFlight: sample.inFlight + others }, now);
    if (change === undefined) return;
    this.options.onLimitChange?.(change);
    // A lower limit must reach the fleet now; a higher one can wait for the next renewal.
    if (change.limit < change.previous) this.renewSoon();
  }

  stats(): FleetBudgetStats {
    return {
      fleetLimit: this.fleetLimit,
      granted: this.granted,
      fleetHeld: this.fleetHeld,
      instances: this.instances,
      connected: this.connected,
    };
  }

  /** Leaves the fleet: our permits go back at once instead of when the lease lapses. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.renewing;
    try {
      await this.redis.scripts.leaveBudget(this.options.instanceId);
    } catch {
      // The lease lapses on its own.
    }
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.renew().finally(() => this.schedule()), this.renewMs);
    this.timer.unref();
  }

  private renewSoon(): void {
    if (this.renewing) {
      this.again = true;
      return;
    }
    void this.renew();
  }

  private renew(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.renewing) return this.renewing;
    this.renewing = this.doRenew().finally(() => {
      this.renewing = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        void this.renew();
      }
    });
    return this.renewing;
  }

  private async doRenew(): Promise<void> {
    const proposed = Math.max(1, Math.floor(this.options.limiter.limit));
    const demand = this.demand();
    // Wanting: everything while searches wait, else what is in use (the rest goes back to the pool).
    const want = this.starved || demand.waiting ? proposed : this.inUse;
    // Until the reply comes, dispatch goes on under the grant in force: Redis must count us at
    // that much (not at what is in use right now), or the fleet could grant it twice meanwhile.
    const mayHaveOut = Math.max(this.inUse, this.granted);
    const before = this.granted;
    // Searches this instance no longer holds stop before anything is dispatched for them; dispatch
    // stays stopped until this renewal has settled the grant.
    const lapsedBefore = this.lapsed;
    if (lapsedBefore) await this.revalidate().catch(() => {});
    // A lapse noticed while this renewal is out (the clock) is for the next renewal to settle, searches first.
    const lapsesAtSend = this.lapses;
    const sentAt = (this.lastRenewAt = performance.now());
    this.options.traffic.count('budget-renew', 1);
    try {
      const reply = await this.redis.scripts.renewBudget({
        instance: this.options.instanceId,
        want,
        mayHaveOut,
        proposedLimit: proposed,
        leaseMs: this.leaseTtlMs,
        headStart: Math.min(want, demand.headStart),
        headStartFreshMs: HEAD_START_FRESH_PERIODS * this.renewMs,
        token: this.token,
        warmUpCap: this.fresh ? Math.max(mayHaveOut, newcomerShare(this.startShare, proposed)) : mayHaveOut,
      });
      const { granted, fleetLimit, instances, fleetHeld, gaveBack, fairShare } = reply;
      this.token = reply.token;
      this.grantValidUntil = sentAt + this.leaseTtlMs;
      if (this.lapses === lapsesAtSend) this.lapsed = false;
      if (reply.stale) {
        // Our lease had lapsed and the fleet took our permits back: renew at once with the new token.
        this.log.warn('fleet budget: our lease had lapsed; re-validating and joining again');
        this.fresh = false;
        this.lapse();
        this.again = true;
      }
      this.granted = granted;
      this.overGrant = mayHaveOut > granted;
      // Redis counts us at more than we have out now: say so at once (the next release may be a while).
      if (mayHaveOut > Math.max(this.inUse, granted)) this.renewSoon();
      this.fleetLimit = fleetLimit;
      this.instances = instances;
      this.fleetHeld = fleetHeld;
      this.connected = true;
      this.reachedRedis = true;
      // Others hold part of our fair share: they give it back at their next renewal, which we hasten.
      const stillShort = this.starved && granted < fairShare;
      if (granted > this.inUse) this.starved = false;
      // Short of permits, or just gave some back: the others should look again now, not next period.
      if (stillShort || gaveBack > 0) {
        this.options.traffic.count('budget-poke', 1);
        await this.redis.client.publish(this.pokeChannel, this.options.instanceId).catch(() => 0);
      }
    } catch {
      this.onRenewFailed(sentAt, proposed);
    }
    // The scheduler waits for the listener: a grant that grew, or dispatch allowed again after a lapse
    // (with the grant no bigger than before, nothing else would wake it while nothing is in flight).
    if (this.granted > before || (lapsedBefore && !this.lapsed)) this.listener();
  }

  /**
   * A renewal failed. A renewal sent within the lease that fails after it may have been sent before a
   * freeze (its command timeout fires on waking, before its answer is read): that says nothing of
   * Redis, while the fleet may have taken our permits back meanwhile, so another renewal is sent at
   * once, and only its failure counts as Redis being away. (A Redis that is really away costs one
   * more renewal's wait that way, before the fallback share.)
   */
  private onRenewFailed(sentAt: number, proposed: number): void {
    const now = performance.now();
    if (this.reachedRedis && sentAt <= this.grantValidUntil && now > this.grantValidUntil) {
      this.log.warn(
        'fleet budget: a renewal sent before the lease ran out failed after it (frozen, or Redis away); asking again before dispatching',
      );
      this.lapse();
      this.again = true;
      return;
    }
    const keep = this.reachedRedis && now <= this.grantValidUntil;
    if (this.connected)
      this.log.warn(
        keep
          ? 'fleet budget: Redis unreachable; keeping the last grant until the lease lapses'
          : 'fleet budget: Redis unreachable; falling back to a share of the last known limit',
      );
    this.connected = false;
    // Sent within the lease and failed within it: the grant in force stays ours until the lease lapses.
    if (keep) return;
    this.lapsed = false;
    if (!this.reachedRedis) {
      // New, and Redis away: the others may hold grants from before the outage for up to one lease
      // (they keep them that long). Nothing until that has passed, then the newcomer's share.
      this.unreachedSince ??= now;
      const share = now - this.unreachedSince >= this.leaseTtlMs ? newcomerShare(this.startShare, proposed) : 0;
      if (share > this.granted)
        this.log.warn({ share }, 'fleet budget: Redis unreachable since start; taking a newcomer share');
      this.granted = share;
      this.grantValidUntil = Infinity;
      return;
    }
    // A renewal sent after the lease ran out failed: a share that holds the bound while every instance
    // is cut off, in force for as long as Redis is away.
    this.granted = outageShare(this.fleetLimit, this.instances, this.startShare);
    this.grantValidUntil = Infinity;
  }
}

/**
 * What an instance the fleet has not counted may take: with Redis away at its start, and during the
 * budget's warm-up. `startShare` (CHECK_CONCURRENCY_MIN), but no more than half the limit, so that the
 * instances cut off from Redis keep a part of it for themselves ({@link outageShare}).
 */
export function newcomerShare(startShare: number, limit: number): number {
  return Math.max(1, Math.min(startShare, Math.floor(limit / 2)));
}

/**
 * What each of `instances` (the count Redis last gave) takes while Redis is away: an equal part of the
 * limit once a newcomer's share is set aside. Nobody can count a process started during the outage (a
 * restart, or one more instance), so the fleet leaves room for one; each further one started before
 * Redis is back may add its share. At least 1, so searches go on: with fewer permits than instances the
 * bound cannot be split.
 */
export function outageShare(limit: number, instances: number, startShare: number): number {
  const left = limit - newcomerShare(startShare, limit);
  return Math.max(1, Math.floor(left / Math.max(1, instances)));
}

/** A new search's head start counts while its instance renewed within this many periods (it renews every one). */
const HEAD_START_FRESH_PERIODS = 4;

/** How often an instance holding more than its grant reports the permits it frees (see release). */
const OVER_GRANT_RENEW_MS = 5;
