import { type InFlightBudget, OncePermit, type Permit, type SchedulerDemand } from '../checker/index.ts';
import type { ConcurrencyLimiter, LimitChange, RequestSample } from '../checker/index.ts';
import { silentLogger, type Logger } from '../log/logger.ts';
import type { RedisConnection } from './redis-connection.ts';
import type { RedisTraffic } from './redis-traffic.ts';

// Keys, under the fleet's prefix: `budget:leases` (zset instance -> lease expiry, ms on Redis' clock),
// `budget:held` (hash instance -> permits held), `budget:want` (hash instance -> permits wanted),
// `budget:limit` (hash instance -> the limit it proposes; the fleet's is the lowest),
// `budget:urgent` (hash instance -> "<the part of its want owed to new searches' head start>:<written at>").

/**
 * One instance's renewal: drops instances whose lease lapsed (their permits return to the pool),
 * renews ours, and grants our fair share of the fleet limit without taking what others hold. The
 * share is water-filled twice: first over the wants owed to new searches' head start (as the local
 * scheduler gives it; only from instances heard from lately, so a silent one cannot hold the others
 * back until its lease lapses), then over the rest of the wants with what is left. Our holding is
 * max(grant, what we may have out): requests in use cannot be recalled, and counting them keeps the
 * sum honest.
 * Returns { granted, fleet limit, instances, held by all, permits we gave back, our fair share }.
 * ARGV: instance, want, may have out (in use, or the grant in force until this reply), proposed limit,
 * lease ttl ms, urgent (<= want), how recent a renewal must be for its urgent part to count (ms).
 */
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  redis.call('ZREM', KEYS[1], dead)
  for i = 2, 5 do redis.call('HDEL', KEYS[i], dead) end
end
local id, want, inUse, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[5])
redis.call('ZADD', KEYS[1], now + ttl, id)
redis.call('HSET', KEYS[3], id, want)
redis.call('HSET', KEYS[4], id, ARGV[4])
redis.call('HSET', KEYS[5], id, ARGV[6] .. ':' .. now)
local limit = nil
for _, v in ipairs(redis.call('HVALS', KEYS[4])) do
  local n = tonumber(v)
  if limit == nil or n < limit then limit = n end
end
-- Water-fills amount over { id, need } entries (smallest need first); returns id -> share, total given.
local function fill(entries, amount)
  table.sort(entries, function(a, b) return a[2] < b[2] end)
  local remaining, out = amount, {}
  for i, e in ipairs(entries) do
    local alloc = math.min(e[2], math.ceil(remaining / (#entries - i + 1)))
    remaining = remaining - alloc
    out[e[1]] = alloc
  end
  return out, amount - remaining
end
local wants, urgent = redis.call('HGETALL', KEYS[3]), {}
local flat = redis.call('HGETALL', KEYS[5])
-- Each entry is "<urgent>:<when it was written>" (Redis' clock), whatever the writer's lease ttl.
for i = 1, #flat, 2 do
  local value, at = string.match(flat[i + 1], '^(%d+):(%d+)$')
  if value and tonumber(at) >= now - tonumber(ARGV[7]) then urgent[flat[i]] = tonumber(value) end
end
local first, rest = {}, {}
for i = 1, #wants, 2 do
  first[#first + 1] = { wants[i], math.min(tonumber(wants[i + 1]), urgent[wants[i]] or 0) }
end
local early, given = fill(first, limit)
for i = 1, #wants, 2 do rest[#rest + 1] = { wants[i], tonumber(wants[i + 1]) - early[wants[i]] } end
local later = fill(rest, limit - given)
local target = early[id] + later[id]
local held, others = redis.call('HGETALL', KEYS[2]), 0
for i = 1, #held, 2 do
  if held[i] ~= id then others = others + tonumber(held[i + 1]) end
end
local grant = math.max(0, math.min(target, limit - others))
local held = math.max(grant, inUse)
local before = tonumber(redis.call('HGET', KEYS[2], id) or '0')
redis.call('HSET', KEYS[2], id, held)
for i = 1, 5 do redis.call('PEXPIRE', KEYS[i], ttl * 10) end
return { grant, limit, #first, others + held, before - held, target }`;

const LEAVE = `
redis.call('ZREM', KEYS[1], ARGV[1])
for i = 2, 5 do redis.call('HDEL', KEYS[i], ARGV[1]) end
return 1`;

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
 * back to an equal share of the last known limit (limit / instances, at least 1), so a fleet cut off
 * from Redis still stays near the bound instead of each instance taking the whole limit.
 */
export class FleetBudget implements InFlightBudget {
  /** Where this budget's permits report the end of their request; only permits may end one. */
  private readonly requestEnds: Permit = {
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
  private lastRenewOk = 0;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private listener: () => void = () => {};
  private readonly leaseTtlMs: number;
  private readonly renewMs: number;
  private readonly log: Logger;
  private readonly keys: string[] = ['budget:leases', 'budget:held', 'budget:want', 'budget:limit', 'budget:urgent'];
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
    this.pokeChannel = redis.channel('budget:poke');
    redis.client.defineCommand('pmBudgetRenew', { numberOfKeys: 5, lua: RENEW });
    redis.client.defineCommand('pmBudgetLeave', { numberOfKeys: 5, lua: LEAVE });
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
    if (this.inUse < this.granted) {
      this.inUse++;
      return new OncePermit(this.requestEnds);
    }
    if (!this.starved) {
      this.starved = true;
      this.renewSoon();
    }
    return undefined;
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
      await (this.redis.client as unknown as ScriptClient).pmBudgetLeave(...this.keys, this.options.instanceId);
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
    this.lastRenewAt = performance.now();
    this.options.traffic.count('budget-renew', 1);
    const before = this.granted;
    try {
      const reply = (await (this.redis.client as unknown as ScriptClient).pmBudgetRenew(
        ...this.keys,
        this.options.instanceId,
        want,
        mayHaveOut,
        proposed,
        this.leaseTtlMs,
        Math.min(want, demand.headStart),
        URGENT_FRESH_PERIODS * this.renewMs,
      )) as [number, number, number, number, number, number];
      const [granted, limit, instances, held, gaveBack, share] = reply;
      this.granted = granted;
      this.overGrant = mayHaveOut > granted;
      // Redis counts us at more than we have out now: say so at once (the next release may be a while).
      if (mayHaveOut > Math.max(this.inUse, granted)) this.renewSoon();
      this.fleetLimit = limit;
      this.instances = instances;
      this.fleetHeld = held;
      this.connected = true;
      this.lastRenewOk = Date.now();
      // Others hold part of our fair share: they give it back at their next renewal, which we hasten.
      const stillShort = this.starved && granted < share;
      if (granted > this.inUse) this.starved = false;
      // Short of permits, or just gave some back: the others should look again now, not next period.
      if (stillShort || gaveBack > 0) {
        this.options.traffic.count('budget-poke', 1);
        await this.redis.client.publish(this.pokeChannel, this.options.instanceId).catch(() => 0);
      }
    } catch {
      if (this.connected)
        this.log.warn('fleet budget: Redis unreachable; keeping the last grant until the lease lapses');
      this.connected = false;
      if (Date.now() - this.lastRenewOk > this.leaseTtlMs) {
        this.granted = Math.max(1, Math.floor(this.fleetLimit / Math.max(1, this.instances)));
      }
    }
    if (this.granted > before) this.listener();
  }
}

/** A new search's claim counts while its instance renewed within this many periods (it renews every one). */
const URGENT_FRESH_PERIODS = 4;

/** How often an instance holding more than its grant reports the permits it frees (see release). */
const OVER_GRANT_RENEW_MS = 5;

interface ScriptClient {
  pmBudgetRenew(...args: Array<string | number>): Promise<unknown>;
  pmBudgetLeave(...args: Array<string | number>): Promise<unknown>;
}
