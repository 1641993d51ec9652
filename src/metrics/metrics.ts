import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BreakerState, CheckerHooks, CheckerStats } from '../checker/index.ts';
import type { MatchResult } from '../search/search-types.ts';

export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/** Where the scrape-time gauges and counters read from. */
export interface MetricsSources {
  checkerStats(): CheckerStats;
  activeSearches(): number;
}

/**
 * The service's Prometheus metrics on their own registry (several services can live in one process,
 * as in tests). Checker counters are read from `checker.stats()` at scrape time, so they always agree
 * with it; the latency histogram is fed by the checker's `onRequest` hook; searches by the engine's
 * `onFinished`.
 */
export class Metrics {
  readonly registry = new Registry();
  private sources: MetricsSources | undefined;
  private readonly searches: Counter<'status'>;
  private readonly latency: Histogram;
  private readonly breaker: Gauge;
  private readonly limitChanges: Counter<'reason'>;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const self = this;
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });

    this.searches = new Counter({
      name: 'phonematch_searches_total',
      help: 'Finished searches by status',
      labelNames: ['status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'phonematch_upstream_request_duration_seconds',
      help: 'Latency of requests to the order service (each attempt), by outcome',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.breaker = new Gauge({
      name: 'phonematch_breaker_state',
      help: 'Order-service circuit breaker: 0 closed, 1 half-open, 2 open',
      registers,
      collect() {
        const stats = self.sources?.checkerStats();
        if (stats) this.set(BREAKER_STATE_VALUE[stats.breaker]);
      },
    });
    this.breaker.set(0);

    new Counter({
      name: 'phonematch_checks_total',
      help: 'Final outcomes of order-service checks (cache hits excluded); failures by reason',
      labelNames: ['outcome', 'reason'],
      registers,
      collect() {
        const stats = self.sources?.checkerStats();
        if (!stats) return;
        this.reset();
        this.inc({ outcome: 'orders', reason: '' }, stats.outcomes.orders);
        this.inc({ outcome: 'no_orders', reason: '' }, stats.outcomes.noOrders);
        for (const [reason, count] of Object.entries(stats.outcomes.failed))
          this.inc({ outcome: 'failed', reason: reason.replace(/-/g, '_') }, count);
      },
    });
    // Totals and levels the checker already counts, mirrored at scrape time.
    const total = (name: string, help: string, pick: (stats: CheckerStats) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          const stats = self.sources?.checkerStats();
          if (!stats) return;
          this.reset();
          this.inc(pick(stats));
        },
      });
    const level = (name: string, help: string, pick: (stats: CheckerStats) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const stats = self.sources?.checkerStats();
          if (stats) this.set(pick(stats));
        },
      });
    total(
      'phonematch_upstream_requests_total',
      'HTTP requests sent to the order service (attempts, retries included)',
      (s) => s.requests,
    );
    total('phonematch_upstream_retries_total', 'Retried requests to the order service', (s) => s.retries);
    total('phonematch_cache_hits_total', 'Checks answered from the answer cache', (s) => s.cacheHits);
    level('phonematch_checks_in_flight', 'Requests to the order service in flight now', (s) => s.inFlight);
    new Gauge({
      name: 'phonematch_checks_in_flight_limit',
      help: 'In-flight limit at the order service in force now (pinned, or where CHECK_CONCURRENCY=auto has it), labelled with why it last moved',
      labelNames: ['reason'],
      registers,
      collect() {
        const stats = self.sources?.checkerStats();
        if (!stats) return;
        this.reset();
        this.set({ reason: stats.limitReason.replace(/-/g, '_') }, stats.limit);
      },
    });
    this.limitChanges = new Counter({
      name: 'phonematch_checks_in_flight_limit_changes_total',
      help: 'Moves of the in-flight limit, by reason (ramp_up, growing, queueing, rate_limited, unavailable, timeout, probe, probe_done)',
      labelNames: ['reason'],
      registers,
    });
    new Gauge({
      name: 'phonematch_searches_in_flight',
      help: 'Searches running now',
      registers,
      collect() {
        if (self.sources) this.set(self.sources.activeSearches());
      },
    });
  }

  /** Connects the scrape-time metrics to the running checker and engine. */
  bind(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** For `OrderChecker`'s deps. */
  readonly checkerHooks: CheckerHooks = {
    onRequest: (event) => this.latency.observe({ outcome: event.outcome.replace(/-/g, '_') }, event.latencyMs / 1000),
    onBreakerStateChange: (state) => this.breaker.set(BREAKER_STATE_VALUE[state]),
    onLimitChange: (change) => this.limitChanges.inc({ reason: change.reason.replace(/-/g, '_') }),
  };

  /** For the engine's `onFinished`. */
  searchFinished(result: MatchResult): void {
    this.searches.inc({ status: result.status });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
