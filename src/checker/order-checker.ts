import { silentLogger, type Logger } from '../log/logger.ts';
import { maskPhone } from '../phone/mask.ts';
import { AimdLimiter } from './aimd.ts';
import { fullJitterDelay } from './backoff.ts';
import { CircuitBreaker, type BreakerState } from './breaker.ts';
import { AnswerCache } from './cache.ts';
import { resolveCheckerConfig, type CheckerConfig, type ResolvedCheckerConfig } from './config.ts';
import { CheckCancelledError, CheckError, CircuitOpenError, HttpStatusError, NetworkError } from './errors.ts';
import { Flight, type CheckEngine, type Waiter } from './flight.ts';
import { OrderServiceClient, type AttemptSink } from './http-client.ts';
import { answer, failure, type CheckResult } from './result.ts';
import { FairScheduler } from './scheduler.ts';
import type { SharedAnswerStore } from './shared-answers.ts';
import { CheckSession } from './session.ts';
import { Counters, LATENCY_BUCKETS_MS, type CheckerHooks, type CheckerStats, type RequestOutcome } from './stats.ts';
import { TokenBucket } from './token-bucket.ts';

export interface OrderCheckerDeps {
  /** @default silentLogger */
  logger?: Logger;
  hooks?: CheckerHooks;
  /** The fleet's shared answers (Redis): asked before a number goes upstream. */
  shared?: SharedAnswerStore;
}

/**
 * Checks numbers against the operator's order service for every search in the process: one keep-alive
 * pool, one in-flight bound shared round-robin between sessions (one per search), retries with
 * backoff, AIMD slow-down under 429/timeouts, a circuit breaker, an answer cache and in-flight
 * de-duplication.
 */
export class OrderChecker implements CheckEngine {
  readonly config: ResolvedCheckerConfig;
  private readonly client: OrderServiceClient;
  private readonly scheduler: FairScheduler;
  private readonly limiter: AimdLimiter;
  private readonly breaker: CircuitBreaker;
  private readonly cache: AnswerCache;
  private readonly flights = new Map<string, Flight>();
  private readonly runs = new Set<CheckSession>();
  private readonly counters = new Counters();
  private readonly log: Logger;
  private readonly hooks: CheckerHooks;
  private readonly shared: SharedAnswerStore | undefined;
  private readonly startFlight = (flight: Flight) => this.startAttempt(flight);
  private readonly sink: AttemptSink<Flight> = {
    answered: (flight, hasOrders) => this.onAnswer(flight, hasOrders),
    failed: (flight, err) => this.onError(flight, err),
  };
  private defaultSession: CheckSession | undefined;
  private isClosed = false;

  constructor(config: CheckerConfig, deps: OrderCheckerDeps = {}) {
    this.config = resolveCheckerConfig(config);
    this.log = (deps.logger ?? silentLogger).child({ component: 'order-checker' });
    this.hooks = deps.hooks ?? {};
    this.shared = deps.shared;
    this.client = new OrderServiceClient(this.config);
    this.limiter = new AimdLimiter(this.config.concurrency, this.config.aimd);
    const bucket =
      this.config.ratePerSecond > 0
        ? new TokenBucket(this.config.ratePerSecond, this.config.rateBurst, performance.now())
        : undefined;
    // Half-open, only the probe may be in flight: the others wait for its verdict instead of failing.
    // A new search may take two windows of requests ahead of those already running (see FairScheduler).
    this.scheduler = new FairScheduler(
      () => (this.breaker.state === 'half-open' ? 1 : this.limiter.limit),
      bucket,
      2 * this.config.concurrency,
    );
    this.breaker = new CircuitBreaker(this.config.breaker, (state) => this.onBreakerChange(state));
    this.cache = new AnswerCache(this.config.cache);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get breakerState(): BreakerState {
    return this.breaker.state;
  }

  /** A new session for one search; aborting `signal` cancels it. */
  session(signal?: AbortSignal): CheckSession {
    return new CheckSession(this, signal);
  }

  /** Checks one number, in `options.session` or a shared default session. Never rejects. */
  check(phone: string, options: { signal?: AbortSignal; session?: CheckSession } = {}): Promise<CheckResult> {
    const session = options.session ?? (this.defaultSession ??= new CheckSession(this));
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
      inFlight: this.scheduler.inFlight,
      inFlightPeak: this.scheduler.peakInFlight,
      limit: this.limiter.limit,
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

  /** Cancels everything in progress and closes the connection pool. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const session of [...this.runs]) session.cancel();
    this.defaultSession?.cancel();
    const result = failure(new CheckCancelledError('order checker closed'));
    for (const flight of [...this.flights.values()])
      for (const waiter of [...flight.waiters]) this.detach(waiter, result);
    this.scheduler.close();
    await this.client.close();
  }

  /** @internal */
  attach(phone: string, waiter: Waiter): Flight | undefined {
    waiter.session.track(waiter);
    const cached = this.cache.get(phone);
    if (cached !== undefined) {
      this.counters.cacheHits++;
      waiter.session.settle(waiter, answer(cached, true));
      return undefined;
    }
    const existing = this.flights.get(phone);
    if (existing) {
      this.counters.dedupHits++;
      existing.waiters.push(waiter);
      waiter.flight = existing;
      return undefined;
    }
    const flight = new Flight(phone, waiter.session, this.startFlight);
    flight.waiters.push(waiter);
    waiter.flight = flight;
    this.flights.set(phone, flight);
    return flight;
  }

  /** @internal */
  detach(waiter: Waiter, result: CheckResult): void {
    const flight = waiter.flight;
    waiter.flight = undefined;
    waiter.session.settle(waiter, result);
    if (!flight || flight.state === 'done') return;
    const i = flight.waiters.indexOf(waiter);
    if (i !== -1) flight.waiters.splice(i, 1);
    const heir = flight.waiters[0];
    if (heir === undefined) return this.abandon(flight);
    // Someone else still wants this answer: if the owner gave up, the flight moves to the heir's session.
    if (flight.owner.cancelled) {
      flight.owner = heir.session;
      if (flight.state === 'queued') heir.session.enqueue(flight);
    }
  }

  /** @internal */
  admit(flight: Flight): boolean {
    // While half-open the scheduler's limit is 1 (see the constructor), so the probe is the only flight
    // pulled until it answers; the others wait in their queues instead of failing here.
    if (this.breaker.tryAcquire(performance.now())) return true;
    this.finish(
      flight,
      failure(new CircuitOpenError(`order service circuit is open; ${maskPhone(flight.phone)} not checked`)),
    );
    return false;
  }

  /** @internal */
  notify(session: CheckSession): void {
    this.scheduler.notify(session);
  }

  /** @internal */
  runStarted(session: CheckSession): void {
    this.runs.add(session);
  }

  /** @internal */
  runEnded(session: CheckSession): void {
    this.runs.delete(session);
  }

  /** Nobody waits for this flight any more: no request, no retry from here on. */
  private abandon(flight: Flight): void {
    if (flight.state === 'running') flight.request?.abort();
    clearTimeout(flight.backoffTimer);
    flight.waitAbort?.abort();
    this.dropClaim(flight);
    flight.state = 'done';
    this.flights.delete(flight.phone);
    this.counters.failed.cancelled++;
  }

  private startAttempt(flight: Flight): void {
    if (this.shared && !flight.consulted) {
      flight.consulted = true;
      flight.state = 'running';
      void this.consultShared(flight, this.shared);
      return;
    }
    this.sendAttempt(flight);
  }

  /**
   * Asks the fleet before asking upstream, holding the slot meanwhile (a Redis round trip, well under
   * an order-service one). Another instance's answer settles the flight as a cache hit; another
   * instance asking now means waiting for its answer without a slot.
   */
  private async consultShared(flight: Flight, shared: SharedAnswerStore): Promise<void> {
    const found = await shared.lookup(flight.phone);
    if (found.kind === 'claimed') flight.claimed = true;
    if (flight.state !== 'done' && !this.isClosed && (found.kind === 'claimed' || found.kind === 'unavailable'))
      return this.sendAttempt(flight);
    // No request after all: the slot and, when half-open, the breaker's probe go to someone else.
    this.breaker.onAbandoned();
    this.scheduler.release();
    if (flight.state === 'done' || this.isClosed) return this.dropClaim(flight);
    if (found.kind === 'answer') return this.settleShared(flight, found.hasOrders);
    this.counters.sharedWaits++;
    flight.state = 'backoff';
    const waitAbort = (flight.waitAbort = new AbortController());
    const published = await shared.awaitAnswer(flight.phone, waitAbort.signal);
    flight.waitAbort = undefined;
    // abandon() may have run during the wait.
    if ((flight.state as Flight['state']) === 'done' || this.isClosed) return;
    if (published !== undefined) return this.settleShared(flight, published);
    // Its claim was given up or lapsed: look again (and maybe claim it ourselves).
    flight.consulted = false;
    flight.state = 'queued';
    flight.owner.enqueueRetry(flight);
  }

  private settleShared(flight: Flight, hasOrders: boolean): void {
    this.counters.sharedHits++;
    this.cache.set(flight.phone, hasOrders);
    flight.state = 'done';
    this.flights.delete(flight.phone);
    const waiters = flight.waiters;
    flight.waiters = [];
    for (const waiter of waiters) waiter.flight = undefined;
    const result = answer(hasOrders, true);
    for (const waiter of waiters) waiter.session.settle(waiter, result);
  }

  private dropClaim(flight: Flight): void {
    if (!flight.claimed) return;
    flight.claimed = false;
    this.shared?.release(flight.phone);
  }

  private sendAttempt(flight: Flight): void {
    flight.state = 'running';
    flight.attempt++;
    this.counters.requests++;
    flight.owner.requests++;
    if (flight.attempt > 1) this.counters.retries++;
    flight.startedAt = performance.now();
    flight.request = this.client.send(flight.phone, flight, this.sink);
  }

  private onAnswer(flight: Flight, hasOrders: boolean): void {
    this.breaker.onSuccess();
    this.limiter.onSuccess();
    // Release only after the breaker and limiter saw the outcome, so the next dispatch obeys them.
    this.scheduler.release();
    this.observe(hasOrders ? 'orders' : 'no-orders', flight.startedAt, flight, undefined, false);
    flight.request = undefined;
    if (flight.claimed) {
      flight.claimed = false;
      this.shared?.record(flight.phone, hasOrders);
    }
    if (flight.state === 'done') return;
    this.cache.set(flight.phone, hasOrders);
    this.finish(flight, answer(hasOrders, false));
  }

  private onError(flight: Flight, thrown: unknown): void {
    flight.request = undefined;
    const started = flight.startedAt;
    const now = performance.now();
    // Anything the client did not classify is a bug or an unexpected transport failure; treat as network.
    const err =
      thrown instanceof CheckError ? thrown : new NetworkError('unexpected failure talking to the order service');
    if (flight.state === 'done' || err.reason === 'cancelled') {
      this.breaker.onAbandoned();
      this.scheduler.release();
      this.observe('cancelled', started, flight, undefined, false);
      return;
    }
    const status = err instanceof HttpStatusError ? err.status : undefined;
    if (status !== undefined && status < 500)
      this.breaker.onSuccess(); // the service is up, it just said no
    else this.breaker.onFailure(now);
    if ((status === 429 || err.reason === 'timeout') && this.limiter.onCongestion(now)) {
      this.log.warn(
        { limit: this.limiter.limit, reason: status === 429 ? 'rate-limited' : 'timeout' },
        'order service congested; lowering in-flight limit',
      );
    }
    const retryAfterMs = err instanceof HttpStatusError ? err.retryAfterMs : undefined;
    if (retryAfterMs !== undefined && (status === 429 || status === 503)) {
      // The service asked every client to wait, not just this request.
      this.scheduler.pauseUntil(now + retryAfterMs);
      this.log.warn({ status, retryAfterMs }, 'order service asked to wait (Retry-After); pausing new checks');
    }
    this.scheduler.release();
    // A closed checker sends nothing more: no retry may be armed after close().
    const willRetry = !this.isClosed && err.retryable && flight.attempt < this.config.retry.maxAttempts;
    // The client never reports circuit-open (that is decided before a request exists).
    this.observe(err.reason as RequestOutcome, started, flight, status, willRetry);
    if (!willRetry) {
      this.finish(flight, failure(err));
      return;
    }
    const r = this.config.retry;
    const delay = retryAfterMs ?? fullJitterDelay(flight.attempt, r.baseDelayMs, r.maxDelayMs);
    this.log.debug(
      { phone: maskPhone(flight.phone), attempt: flight.attempt, reason: err.reason, status, delayMs: delay },
      'retrying order check',
    );
    flight.state = 'backoff';
    flight.backoffTimer = setTimeout(() => {
      flight.backoffTimer = undefined;
      flight.state = 'queued';
      flight.owner.enqueueRetry(flight);
    }, delay);
  }

  private finish(flight: Flight, result: CheckResult): void {
    this.dropClaim(flight);
    flight.state = 'done';
    this.flights.delete(flight.phone);
    if (result.outcome === 'orders') this.counters.orders++;
    else if (result.outcome === 'no-orders') this.counters.noOrders++;
    else this.counters.failed[result.reason]++;
    const waiters = flight.waiters;
    flight.waiters = [];
    for (const waiter of waiters) waiter.flight = undefined;
    for (const waiter of waiters) waiter.session.settle(waiter, result);
  }

  private observe(
    outcome: RequestOutcome,
    started: number,
    flight: Flight,
    status: number | undefined,
    willRetry: boolean,
  ): void {
    const latencyMs = performance.now() - started;
    this.counters.observeLatency(latencyMs);
    try {
      this.hooks.onRequest?.({ outcome, latencyMs, attempt: flight.attempt, status, willRetry });
    } catch (err) {
      // A metrics bug must not turn into an unhandled rejection that kills the process.
      this.log.error({ err }, 'onRequest hook threw');
    }
  }

  private onBreakerChange(state: BreakerState): void {
    if (state === 'open') this.log.warn({ breaker: state }, 'order service circuit opened; checks fail fast');
    else this.log.info({ breaker: state }, 'order service circuit state changed');
    this.hooks.onBreakerStateChange?.(state);
  }
}
