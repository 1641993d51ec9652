import { silentLogger, type Logger } from '../log/logger.ts';
import type { InFlightBudget } from './budget/in-flight-budget.ts';
import { LocalBudget } from './budget/local-budget.ts';
import { CircuitBreaker, type BreakerState } from './breaker.ts';
import { AnswerCache } from './cache.ts';
import { resolveCheckerConfig, type CheckerConfig, type ResolvedCheckerConfig } from './config.ts';
import { Dispatcher } from './dispatch.ts';
import { CheckCancelledError } from './errors.ts';
import { FlightTable } from './flight-table.ts';
import { AdaptiveLimiter } from './limiter/adaptive-limiter.ts';
import { FixedLimiter, type ConcurrencyLimiter, type LimitChange } from './limiter/limiter.ts';
import { failure, type CheckResult } from './result.ts';
import { Retries } from './retry/retries.ts';
import { FairScheduler } from './scheduler.ts';
import { ServicePause } from './service-pause.ts';
import { type CheckSession } from './session.ts';
import { SessionRunner } from './session-runner.ts';
import { SharedAnswerStep } from './shared-answer-step.ts';
import type { SharedAnswerStore } from './shared-answers.ts';
import type { SharedPause } from './shared-pause.ts';
import { Counters, LATENCY_BUCKETS_MS, type CheckerHooks, type CheckerStats } from './stats.ts';
import { TokenBucket, type RateGate } from './token-bucket.ts';

export interface OrderCheckerDeps {
  /** @default silentLogger */
  logger?: Logger;
  hooks?: CheckerHooks;
  /**
   * Where permits come from. Default: this process's own budget, bounded by the configured limiter.
   * A fleet-wide budget (shared with other processes) plugs in here.
   */
  budget?: InFlightBudget;
  /** The limiter of the default budget (e.g. one resumed from a learned limit). Default: `limiterFor(config)`. */
  limiter?: ConcurrencyLimiter;
  /** The fleet's shared answers (Redis): asked before a number goes upstream (per-number contract). */
  shared?: SharedAnswerStore;
  /** Requests-per-second cap shared with other processes; replaces the local `ratePerSecond` bucket. */
  rate?: RateGate;
  /** Retry-After pauses shared with other processes (see SharedPause). */
  pause?: SharedPause;
}

/**
 * Checks numbers against the operator's order service for every search in the process: one keep-alive
 * pool, one in-flight budget shared least-served-first between sessions (one per search), retries with
 * backoff, a circuit breaker, an answer cache and in-flight de-duplication.
 *
 * A check goes one way through these parts:
 *   session (session.ts, driven by session-runner.ts) → flight table (cache, dedup: flight-table.ts)
 *   → scheduler (fair share, permit, rate: scheduler.ts) → the fleet's shared answers, when in a fleet
 *   (shared-answer-step.ts) → dispatch (breaker, one request, one reply or failure path: dispatch.ts)
 *   → retry (retry/retries.ts) back to the session's retry queue.
 * Giving up on a check (early stop, cancel, deadline) stops waiting for it, not the request; the answer
 * still fills the cache. Everything is aborted on `close()`.
 */
export class OrderChecker {
  readonly config: ResolvedCheckerConfig;
  private readonly log: Logger;
  private readonly counters = new Counters();
  private readonly cache: AnswerCache;
  private readonly budget: InFlightBudget;
  private readonly breaker: CircuitBreaker;
  private readonly scheduler: FairScheduler;
  private readonly flights: FlightTable;
  private readonly retries: Retries;
  private readonly dispatcher: Dispatcher;
  private readonly sessions: SessionRunner;
  private lastLimitReason: LimitChange['reason'] = 'start';
  private defaultSession: CheckSession | undefined;
  private isClosed = false;

  constructor(config: CheckerConfig, deps: OrderCheckerDeps = {}) {
    this.config = resolveCheckerConfig(config);
    const log = (this.log = (deps.logger ?? silentLogger).child({ component: 'order-checker' }));
    const hooks = deps.hooks ?? {};
    const counters = this.counters;
    const isClosed = () => this.isClosed;
    const cache = (this.cache = new AnswerCache(this.config.cache));
    const budget: InFlightBudget = (this.budget =
      deps.budget ??
      new LocalBudget(deps.limiter ?? limiterFor(this.config), (change) => this.onLimitChange(change, hooks)));
    const bucket =
      deps.rate ??
      (this.config.ratePerSecond > 0
        ? new TokenBucket(this.config.ratePerSecond, this.config.rateBurst, performance.now())
        : undefined);
    const breaker = (this.breaker = new CircuitBreaker(this.config.breaker, (state) => {
      if (state === 'open') log.warn({ breaker: state }, 'order service circuit opened; checks fail fast');
      else log.info({ breaker: state }, 'order service circuit state changed');
      hooks.onBreakerStateChange?.(state);
    }));
    // A new search may take two windows of requests ahead of those already running (see FairScheduler);
    // in a fleet, windows of the fleet's bound, which its budget claims for new searches first.
    // Half-open, only the probe may be in flight: the others wait for its verdict instead of failing.
    const scheduler = (this.scheduler = new FairScheduler(budget, {
      bucket,
      headStart: () => 2 * (budget.sharedLimit ?? budget.limit),
      cap: () => (breaker.state === 'half-open' ? 1 : Infinity),
    }));
    const pause = new ServicePause(scheduler, deps.pause, this.config.retry.retryAfterMaxMs, log);
    // Late-bound: the flight table, retries and sessions deliver to one another.
    let step: SharedAnswerStep | undefined;
    const flights = (this.flights = new FlightTable({
      cache,
      counters,
      settle: (waiter, result) => this.sessions.settle(waiter, result),
      enqueue: (flight) => this.sessions.enqueue(flight),
      ended: (flight, hasOrders) => {
        this.retries.forget(flight);
        step?.ended(flight, hasOrders);
      },
    }));
    this.retries = new Retries(this.config.retry, (ready) => this.sessions.requeue(ready), log);
    const retries = this.retries;
    const dispatcher = (this.dispatcher = new Dispatcher({
      config: this.config,
      budget,
      breaker,
      flights,
      pause,
      retries,
      counters,
      hooks,
      log,
      isClosed,
    }));
    // The fleet's answers are a step before dispatch, for the per-number contract.
    if (deps.shared && !this.config.batch)
      step = new SharedAnswerStep({
        store: deps.shared,
        budget,
        counters,
        rateCapped: bucket !== undefined,
        send: dispatcher.send,
        unused: (permit) => dispatcher.unused(permit),
        requeue: (ready) => this.sessions.requeue(ready),
        answeredElsewhere: (flight, hasOrders) => flights.answeredElsewhere(flight, hasOrders),
        isClosed,
      });
    this.sessions = new SessionRunner({
      flights,
      scheduler,
      batchSize: dispatcher.batchSize,
      admit: (ready) => dispatcher.admit(ready),
      start: step?.start ?? dispatcher.send,
      isClosed,
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  /** A new session for one search; aborting `signal` cancels it. */
  session(signal?: AbortSignal): CheckSession {
    return this.sessions.open(signal);
  }

  /** Checks one number, in `options.session` or a shared default session. Never rejects. */
  check(phone: string, options: { signal?: AbortSignal; session?: CheckSession } = {}): Promise<CheckResult> {
    const session = options.session ?? (this.defaultSession ??= this.sessions.open());
    return session.check(phone, { signal: options.signal });
  }

  stats(): CheckerStats {
    const c = this.counters;
    return {
      requests: c.requests,
      retries: c.retries,
      outcomes: { orders: c.orders, noOrders: c.noOrders, failed: { ...c.failed } },
      cacheHits: c.cacheHits,
      dedupHits: c.dedupHits,
      sharedHits: c.sharedHits,
      sharedWaits: c.sharedWaits,
      cacheSize: this.cache.size,
      inFlight: this.budget.inFlight,
      inFlightPeak: this.scheduler.peakInFlight,
      limit: this.budget.limit,
      limitReason: this.lastLimitReason,
      latency: {
        count: c.latencyCount,
        sumMs: c.latencySumMs,
        bucketsMs: LATENCY_BUCKETS_MS,
        counts: [...c.latencyCounts],
      },
      breaker: this.breaker.state,
    };
  }

  /** Forgets cached answers (e.g. after the operator's data changed). */
  clearCache(): void {
    this.cache.clear();
  }

  /**
   * Cancels everything in progress, aborts every request still at the order service (the process is
   * going away: nobody will read the answers) and closes the connection pool.
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.sessions.cancelAll();
    this.defaultSession?.cancel();
    const result = failure(new CheckCancelledError('order checker closed'));
    for (const flight of this.flights.all())
      for (const waiter of [...flight.waiters]) this.flights.detach(waiter, result);
    this.retries.close();
    this.scheduler.close();
    await this.dispatcher.close();
  }

  private onLimitChange(change: LimitChange, hooks: CheckerHooks): void {
    this.lastLimitReason = change.reason;
    this.log.info(
      { limit: change.limit, previous: change.previous, reason: change.reason },
      'order service in-flight limit changed',
    );
    hooks.onLimitChange?.(change);
  }
}

/** The limiter CHECK_CONCURRENCY asks for (a fleet budget feeds the same kind). */
export function limiterFor(config: ResolvedCheckerConfig): ConcurrencyLimiter {
  const c = config.concurrency;
  return c.auto ? new AdaptiveLimiter({ min: c.min, max: c.max }) : new FixedLimiter(c.max);
}
