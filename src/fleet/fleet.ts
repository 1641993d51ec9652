import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConcurrencyLimiter, LimitChange } from '../checker/index.ts';
import type { Logger } from '../log/logger.ts';
import { FleetBudget } from './fleet-budget.ts';
import { fleetQuotaStores } from './fleet-quota.ts';
import { FleetPause } from './fleet-pause.ts';
import { FleetRate } from './fleet-rate.ts';
import type { SearchEngine } from '../search/search-engine.ts';
import type { SearchRegistryOptions } from '../search/search-registry.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';
import { RedisSearchRegistry } from './redis-search-registry.ts';
import { RedisAnswerStore } from './redis-answer-store.ts';
import { RedisConnection, type RedisTarget } from './redis-connection.ts';
import { RedisTraffic } from './redis-traffic.ts';

export interface FleetOptions {
  /** One Redis server (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES). */
  redis: RedisTarget;
  keyPrefix: string;
  /** Lease of an instance's permits and searches. */
  leaseMs: number;
  /** CHECK_CONCURRENCY_MIN: what a new instance takes before the fleet has counted it. */
  startShare: number;
  /** This instance's limiter (fixed or adaptive): it proposes the fleet's in-flight bound. */
  limiter: ConcurrencyLimiter;
  onLimitChange?: (change: LimitChange) => void;
  /** CHECK_RATE_LIMIT for the fleet (0 = none) and its burst. */
  ratePerSecond: number;
  rateBurst: number;
  /** Answer cache TTL, and about one attempt's timeout (how long a claim holds). */
  answerTtlMs: number;
  claimTtlMs: number;
  quota: { perMinute: number; ticketLeaseMs: number };
  logger: Logger;
}

/**
 * Everything an instance shares with the others on the same Redis: the order-service budget and
 * rate, the answer cache and in-flight de-duplication, the per-key quotas. Built only when REDIS_URL
 * is set; without it the service runs alone and none of this exists.
 */
export class Fleet {
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  readonly redis: RedisConnection;
  readonly traffic = new RedisTraffic();
  readonly answers: RedisAnswerStore;
  readonly budget: FleetBudget;
  readonly rate: FleetRate | undefined;
  readonly pause: FleetPause;
  readonly quota: ReturnType<typeof fleetQuotaStores>;
  private readonly log: Logger;
  /**
   * Searches whose run here was stopped because another instance holds them now (taken over after our
   * lease lapsed, or handed over at shutdown): that instance finishes and audits them, not this one.
   */
  private readonly handedOff = new Set<string>();

  constructor(readonly options: FleetOptions) {
    this.log = options.logger.child({ component: 'fleet', instance: this.instanceId });
    this.redis = new RedisConnection({
      target: options.redis,
      keyPrefix: options.keyPrefix,
      name: `phonematch:${this.instanceId}`,
      logger: options.logger,
    });
    this.answers = new RedisAnswerStore(this.redis, {
      instanceId: this.instanceId,
      answerTtlMs: options.answerTtlMs,
      claimTtlMs: options.claimTtlMs,
      traffic: this.traffic,
    });
    this.budget = new FleetBudget(this.redis, {
      instanceId: this.instanceId,
      limiter: options.limiter,
      ...(options.onLimitChange ? { onLimitChange: options.onLimitChange } : {}),
      leaseTtlMs: options.leaseMs,
      startShare: options.startShare,
      traffic: this.traffic,
      logger: options.logger,
    });
    this.rate =
      options.ratePerSecond > 0
        ? new FleetRate(this.redis, {
            ratePerSecond: options.ratePerSecond,
            burst: options.rateBurst,
            traffic: this.traffic,
          })
        : undefined;
    this.pause = new FleetPause(this.redis, { instanceId: this.instanceId, traffic: this.traffic });
    this.quota = fleetQuotaStores(this.redis, { ...options.quota, traffic: this.traffic });
  }

  /**
   * Connects and joins. A Redis that does not answer does not stop the start: the instance serves with
   * its fallbacks (see each part) and /ready says Redis is unreachable until it answers.
   */
  async start(): Promise<void> {
    const connected = await this.redis.connect();
    if (!connected) this.log.warn('Redis did not answer at start; serving with fallbacks and retrying');
    await this.answers.start();
    await this.pause.start();
    await this.budget.start();
    this.log.info({ keyPrefix: this.options.keyPrefix, connected }, 'joined the fleet');
  }

  /** The fleet's search registry (records and events in Redis, leases, takeover); joins at once. */
  async searchRegistry(
    engine: SearchEngine,
    index: SegmentIndex,
    options: SearchRegistryOptions & { maxCandidates: number },
  ): Promise<RedisSearchRegistry> {
    const registry = new RedisSearchRegistry(this.redis, engine, index, {
      ...options,
      instanceId: this.instanceId,
      leaseMs: this.options.leaseMs,
      logger: this.options.logger,
      traffic: this.traffic,
      handedOff: (id) => this.handedOff.add(id),
      quotaTickets: this.quota.running,
      // On shutdown, searches go to the other instances when there are any to take them.
      handOverOnClose: () => this.budget.stats().instances > 1 && this.reachable,
    });
    await registry.join();
    // Woken past its lease (frozen, stalled): searches taken over elsewhere stop before any dispatch.
    this.budget.onLapse(() => registry.revalidate());
    return registry;
  }

  /**
   * Whether the run of `searchId` that just ended here was stopped because another instance holds the
   * search now (then its end is not this instance's to audit). Asked once per run.
   */
  handedOver(searchId: string): boolean {
    return this.handedOff.delete(searchId);
  }

  /** Whether Redis answers now (for /ready). */
  get reachable(): boolean {
    return this.redis.reachable;
  }

  async close(): Promise<void> {
    this.quota.running.close();
    await this.answers.flush();
    await this.budget.close();
    await this.redis.close();
  }

  /** Fleet-wide figures, on the service's registry. */
  registerMetrics(registry: Registry): void {
    const registers = [registry];
    const self = this;
    new Gauge({
      name: 'phonematch_redis_up',
      help: 'Whether Redis answers now (1) or not (0)',
      registers,
      collect() {
        this.set(self.reachable ? 1 : 0);
      },
    });
    new Counter({
      name: 'phonematch_redis_calls_total',
      help: 'Round trips to Redis by operation (each carries a batch of items)',
      labelNames: ['op'],
      registers,
      collect() {
        this.reset();
        for (const [op, n] of self.traffic.calls) this.inc({ op }, n);
      },
    });
    new Counter({
      name: 'phonematch_redis_items_total',
      help: 'Items (numbers, renewals) carried to Redis by operation',
      labelNames: ['op'],
      registers,
      collect() {
        this.reset();
        for (const [op, n] of self.traffic.items) this.inc({ op }, n);
      },
    });
    const budget = (name: string, help: string, pick: (s: ReturnType<FleetBudget['stats']>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(pick(self.budget.stats()));
        },
      });
    budget('phonematch_fleet_in_flight_limit', 'Fleet-wide in-flight limit at the order service', (s) => s.fleetLimit);
    budget('phonematch_fleet_in_flight_held', 'Permits held by all instances at the last renewal', (s) => s.fleetHeld);
    budget('phonematch_fleet_permits_granted', "This instance's share of the fleet's permits", (s) => s.granted);
    budget('phonematch_fleet_instances', 'Live instances on this Redis', (s) => s.instances);
  }
}
