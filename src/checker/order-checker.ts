import { silentLogger, type Logger } from '../log/logger.ts';
import { maskPhone } from '../phone/mask.ts';
import { fullJitterDelay } from './backoff.ts';
import type { InFlightBudget, Permit } from './budget/in-flight-budget.ts';
import { LocalBudget } from './budget/local-budget.ts';
import { CircuitBreaker, type BreakerState } from './breaker.ts';
import { BatchClient, type BatchSink } from './batch/batch-client.ts';
import { BatchJob } from './batch/batch-job.ts';
import type { BatchAnswer } from './batch/batch-reply.ts';
import { batchRetry, type BatchRetry } from './batch/batch-retry.ts';
import { AnswerCache } from './cache.ts';
import { resolveCheckerConfig, type CheckerConfig, type ResolvedCheckerConfig } from './config.ts';
import { CheckCancelledError, CheckError, CircuitOpenError, HttpStatusError, NetworkError } from './errors.ts';
import { Flight, type Waiter } from './flight.ts';
import { OrderServiceClient, type AttemptSink } from './http-client.ts';
import { answer, failure, type CheckResult } from './result.ts';
import { FairScheduler } from './scheduler.ts';
import { CheckSession, type SessionOwner } from './session.ts';
import type { SharedAnswerStore } from './shared-answers.ts';
import type { SharedPause } from './shared-pause.ts';
import { kCountRequest, kEnqueue, kEnqueueRetry, kJobs, kSettle, kTrack } from './symbols.ts';
import { AdaptiveLimiter } from './limiter/adaptive-limiter.ts';
import { FixedLimiter, type ConcurrencyLimiter, type LimitChange, type SampleOutcome } from './limiter/limiter.ts';
import { Counters, LATENCY_BUCKETS_MS, type CheckerHooks, type CheckerStats, type RequestOutcome } from './stats.ts';
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
  /** The fleet's shared answers (Redis): asked before a number goes upstream. */
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
 * The in-flight bound holds at the order service, not only in our counters: a request stays counted
 * (its permit held, its socket busy) until the service is done with it. Giving up on a check (early
 * stop, cancel, deadline) stops waiting for it, not the request; the answer still fills the cache.
 * Only a hung request is aborted (the per-attempt timeout), and it keeps its permit for one more
 * timeout period, since the service may still be working on it; everything is aborted on `close()`.
 */
export class OrderChecker {
  readonly config: ResolvedCheckerConfig;
  private readonly client: OrderServiceClient;
  /** The batch contract's client, when one is configured: every check then goes in batches. */
  private readonly batchClient: BatchClient | undefined;
  private readonly startBatchJob = (job: BatchJob, permit: Permit) => this.startBatch(job, permit);
  private readonly batchSink: BatchSink<BatchJob> = {
    answered: (job, answers) => this.onBatchAnswer(job, answers),
    failed: (job, err) => this.onBatchError(job, err),
  };
  /** Backoff timers of the halves of failed batches (a flight's own timer is per-number only). */
  private readonly batchTimers = new Set<NodeJS.Timeout>();
  private readonly scheduler: FairScheduler;
  private readonly budget: InFlightBudget;
  private readonly breaker: CircuitBreaker;
  private readonly cache: AnswerCache;
  private readonly flights = new Map<string, Flight>();
  private readonly runs = new Set<CheckSession>();
  private readonly counters = new Counters();
  private readonly log: Logger;
  private readonly hooks: CheckerHooks;
  private readonly shared: SharedAnswerStore | undefined;
  private readonly sharedPause: SharedPause | undefined;
  private readonly startFlight = (flight: Flight, permit: Permit) => this.startAttempt(flight, permit);
  private lastLimitReason: LimitChange['reason'] = 'start';
  private readonly sink: AttemptSink<Flight> = {
    answered: (flight, hasOrders) => this.onAnswer(flight, hasOrders),
    failed: (flight, err) => this.onError(flight, err),
  };
  /** Permits of timed-out requests, held while the service may still be working on them. */
  private readonly lingering = new Map<NodeJS.Timeout, Permit>();
  /** How sessions reach the checker's internals, which are private to everyone else. */
  private readonly asSessionOwner: SessionOwner = {
    isClosed: () => this.isClosed,
    attach: (phone, waiter) => this.attach(phone, waiter),
    detach: (waiter, result) => this.detach(waiter, result),
    admit: (flight) => this.admit(flight),
    batchSize: () => this.config.batch?.size ?? 0,
    admitBatch: (flights) => this.admitBatch(flights),
    notify: (session) => this.scheduler.notify(session[kJobs]),
    runStarted: (session) => void this.runs.add(session),
    runEnded: (session) => void this.runs.delete(session),
  };
  private defaultSession: CheckSession | undefined;
  private isClosed = false;
  /** Lookups in the fleet's answers made with no slot held (see startAttempt); at most the in-flight limit. */
  private consultingAhead = 0;
  /** With a requests-per-second cap, each dispatch spends a token: a consult must not take one of its own. */
  private readonly rateCapped: boolean;

  constructor(config: CheckerConfig, deps: OrderCheckerDeps = {}) {
    this.config = resolveCheckerConfig(config);
    this.log = (deps.logger ?? silentLogger).child({ component: 'order-checker' });
    this.hooks = deps.hooks ?? {};
    this.shared = deps.shared;
    this.client = new OrderServiceClient(this.config);
    const { batch } = this.config;
    this.batchClient = batch ? new BatchClient({ ...this.config, batch }) : undefined;
    this.budget = deps.budget ?? new LocalBudget(limiterFor(this.config), (change) => this.onLimitChange(change));
    const bucket =
      deps.rate ??
      (this.config.ratePerSecond > 0
        ? new TokenBucket(this.config.ratePerSecond, this.config.rateBurst, performance.now())
        : undefined);
    // Half-open, only the probe may be in flight: the others wait for its verdict instead of failing.
    // A new search may take two windows of requests ahead of those already running (see FairScheduler);
    // in a fleet, windows of the fleet's bound, which its budget claims for new searches first.
    this.rateCapped = bucket !== undefined;
    this.scheduler = new FairScheduler(this.budget, {
      bucket,
      headStart: () => 2 * (this.budget.sharedLimit ?? this.budget.limit),
      cap: () => (this.breaker.state === 'half-open' ? 1 : Infinity),
    });
    this.breaker = new CircuitBreaker(this.config.breaker, (state) => this.onBreakerChange(state));
    this.cache = new AnswerCache(this.config.cache);
    this.sharedPause = deps.pause;
    this.sharedPause?.onPause((ms) => {
      // Capped as our own Retry-After would be: another instance's configuration may differ.
      const wait = Math.min(ms, this.config.retry.retryAfterMaxMs);
      this.log.info({ retryAfterMs: wait }, 'another instance was asked to wait (Retry-After); pausing new checks');
      this.scheduler.pauseUntil(performance.now() + wait);
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
    return new CheckSession(this.asSessionOwner, signal);
  }

  /** Checks one number, in `options.session` or a shared default session. Never rejects. */
  check(phone: string, options: { signal?: AbortSignal; session?: CheckSession } = {}): Promise<CheckResult> {
    const session = options.session ?? (this.defaultSession ??= new CheckSession(this.asSessionOwner));
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
    for (const session of [...this.runs]) session.cancel();
    this.defaultSession?.cancel();
    const result = failure(new CheckCancelledError('order checker closed'));
    for (const flight of [...this.flights.values()])
      for (const waiter of [...flight.waiters]) this.detach(waiter, result);
    for (const flight of [...this.flights.values()]) flight.request?.abort();
    for (const [timer, permit] of this.lingering) {
      clearTimeout(timer);
      permit.release();
    }
    this.lingering.clear();
    for (const timer of this.batchTimers) clearTimeout(timer);
    this.batchTimers.clear();
    this.scheduler.close();
    await Promise.all([this.client.close(), this.batchClient?.close()]);
  }

  private attach(phone: string, waiter: Waiter): Flight | undefined {
    waiter.session[kTrack](waiter);
    const cached = this.cache.get(phone);
    if (cached !== undefined) {
      this.counters.cacheHits++;
      waiter.session[kSettle](waiter, answer(cached, true));
      return undefined;
    }
    const existing = this.flights.get(phone);
    if (existing) {
      this.counters.dedupHits++;
      existing.waiters.push(waiter);
      waiter.flight = existing;
      // An orphan (its owner gave up, its request still out) is adopted by whoever asks next, so a
      // retry after its attempt fails goes to a session that still wants the answer.
      if (existing.owner.cancelled) existing.owner = waiter.session;
      return undefined;
    }
    const flight = new Flight(phone, waiter.session, this.startFlight);
    flight.waiters.push(waiter);
    waiter.flight = flight;
    this.flights.set(phone, flight);
    return flight;
  }

  private detach(waiter: Waiter, result: CheckResult): void {
    const flight = waiter.flight;
    waiter.flight = undefined;
    waiter.session[kSettle](waiter, result);
    if (!flight || flight.state === 'done') return;
    const i = flight.waiters.indexOf(waiter);
    if (i !== -1) flight.waiters.splice(i, 1);
    const heir = flight.waiters[0];
    if (heir === undefined) return this.abandon(flight);
    // Someone else still wants this answer: if the owner gave up, the flight moves to the heir's session.
    if (flight.owner.cancelled) {
      flight.owner = heir.session;
      if (flight.state === 'queued') heir.session[kEnqueue](flight);
    }
  }

  private admit(flight: Flight): boolean {
    // While half-open the scheduler's limit is 1 (see the constructor), so the probe is the only flight
    // pulled until it answers; the others wait in their queues instead of failing here.
    if (this.breaker.tryAcquire(performance.now())) return true;
    this.finish(
      flight,
      failure(new CircuitOpenError(`order service circuit is open; ${maskPhone(flight.phone)} not checked`)),
    );
    return false;
  }

  /**
   * Nobody waits for this flight any more: no retry from here on. A request already at the order
   * service is left to finish (an orphan): it holds its permit and socket until the service answers,
   * and the answer fills the cache.
   */
  private abandon(flight: Flight): void {
    this.counters.failed.cancelled++;
    if (flight.state === 'running') return;
    clearTimeout(flight.backoffTimer);
    flight.waitAbort?.abort();
    this.dropClaim(flight);
    flight.state = 'done';
    this.flights.delete(flight.phone);
  }

  private startAttempt(flight: Flight, permit: Permit): void {
    if (this.shared && !flight.consulted) {
      flight.consulted = true;
      // Not on the wire yet: abandoning it now ends it at once (no orphan request).
      flight.state = 'backoff';
      if (this.rateCapped || this.consultingAhead >= this.budget.limit) {
        void this.consultShared(flight, permit, this.shared);
        return;
      }
      // The slot is for the order service, not for Redis: hand it on while the fleet is asked, and
      // queue the flight again if it must be sent; its search's retries go first, so a number claimed
      // this way takes the next slot its search gets. At most `limit` lookups are out this way at once.
      this.consultingAhead++;
      this.breaker.onAbandoned();
      permit.release();
      void this.consultShared(flight, undefined, this.shared);
      return;
    }
    this.sendAttempt(flight, permit);
  }

  /**
   * Asks the fleet before asking upstream: holding the slot meanwhile when given one (a Redis round
   * trip, well under an order-service one), else queueing the flight again to be sent. Another
   * instance's answer settles the flight as a cache hit; another instance asking now means waiting for
   * its answer without a slot.
   */
  private async consultShared(flight: Flight, permit: Permit | undefined, shared: SharedAnswerStore): Promise<void> {
    let found;
    try {
      found = await shared.lookup(flight.phone);
    } finally {
      // Asked ahead: counted while the lookup is out, not while waiting for another instance's answer.
      if (!permit) this.consultingAhead--;
    }
    if (found.kind === 'claimed') flight.claimed = true;
    // abandon() may have run during the lookup.
    const gone = (flight.state as Flight['state']) === 'done' || this.isClosed;
    if (!gone && (found.kind === 'claimed' || found.kind === 'unavailable')) {
      if (permit) return this.sendAttempt(flight, permit);
      flight.state = 'queued';
      return flight.owner[kEnqueueRetry](flight);
    }
    // No request after all: the permit and, when half-open, the breaker's probe go to someone else.
    if (permit) {
      this.breaker.onAbandoned();
      permit.release();
    }
    if (gone) return this.dropClaim(flight);
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
    flight.owner[kEnqueueRetry](flight);
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
    for (const waiter of waiters) waiter.session[kSettle](waiter, result);
  }

  private dropClaim(flight: Flight): void {
    if (!flight.claimed) return;
    flight.claimed = false;
    this.shared?.release(flight.phone);
  }

  private sendAttempt(flight: Flight, permit: Permit): void {
    flight.state = 'running';
    flight.attempt++;
    flight.permit = permit;
    flight.sentInFlight = this.budget.inFlight;
    this.counters.requests++;
    flight.owner[kCountRequest]();
    if (flight.attempt > 1) this.counters.retries++;
    flight.startedAt = performance.now();
    flight.request = this.client.send(flight.phone, flight, this.sink);
  }

  /**
   * Ends the current attempt's hold on the budget: tells the limiter how it went, then frees the slot.
   * `request` is a flight or a batch job; `size` the numbers it carried.
   */
  private releasePermit(request: PermitHolder, outcome: SampleOutcome, now: number, holdMs = 0, size = 1): void {
    const permit = request.permit;
    request.permit = undefined;
    if (!permit) return;
    permit.observe({ outcome, rttMs: now - request.startedAt, inFlight: request.sentInFlight, size }, now);
    if (holdMs <= 0 || this.isClosed) return permit.release();
    const timer = setTimeout(() => {
      this.lingering.delete(timer);
      permit.release();
    }, holdMs);
    this.lingering.set(timer, permit);
  }

  private onAnswer(flight: Flight, hasOrders: boolean): void {
    this.breaker.onSuccess();
    // Release only after the breaker and limiter saw the outcome, so the next dispatch obeys them.
    this.releasePermit(flight, 'answered', performance.now());
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
    if (err.reason === 'cancelled') {
      // Only close() aborts a request; the process is going away.
      this.breaker.onAbandoned();
      this.releasePermit(flight, 'ignored', now);
      this.observe('cancelled', started, flight, undefined, false);
      if (flight.state !== 'done') this.finish(flight, failure(err));
      return;
    }
    const status = err instanceof HttpStatusError ? err.status : undefined;
    if (status !== undefined && status < 500)
      this.breaker.onSuccess(); // the service is up, it just said no
    else this.breaker.onFailure(now);
    const retryAfterMs = this.pauseOnRetryAfter(err, status, now);
    // Released after the breaker and the pause saw the outcome, so the next dispatch obeys them. A
    // timed-out request was cut on our side only: the service may still be working on it.
    this.releasePermit(flight, sampleOutcome(err, status), now, err.reason === 'timeout' ? this.config.timeoutMs : 0);
    // A closed checker sends nothing more: no retry may be armed after close(), nor for an orphan.
    const wanted = flight.state !== 'done' && flight.waiters.length > 0;
    const willRetry = wanted && !this.isClosed && err.retryable && flight.attempt < this.config.retry.maxAttempts;
    // The client never reports circuit-open (that is decided before a request exists).
    this.observe(err.reason as RequestOutcome, started, flight, status, willRetry);
    if (!willRetry) {
      if (flight.state !== 'done') this.finish(flight, failure(err));
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
      flight.owner[kEnqueueRetry](flight);
    }, delay);
  }

  /**
   * A 429 or 503 with Retry-After asked every client to wait, not just this request: no new dispatch
   * here, nor (in a fleet) on the other instances, until it has passed. Returns the wait, if any.
   */
  private pauseOnRetryAfter(err: CheckError, status: number | undefined, now: number): number | undefined {
    const retryAfterMs = err instanceof HttpStatusError ? err.retryAfterMs : undefined;
    if (retryAfterMs === undefined || (status !== 429 && status !== 503)) return retryAfterMs;
    this.scheduler.pauseUntil(now + retryAfterMs);
    if (retryAfterMs > 0) this.sharedPause?.announce(retryAfterMs);
    this.log.warn({ status, retryAfterMs }, 'order service asked to wait (Retry-After); pausing new checks');
    return retryAfterMs;
  }

  /** Batch contract: the breaker gate for a whole batch (one request), then its job. */
  private admitBatch(flights: Flight[]): BatchJob | undefined {
    if (this.breaker.tryAcquire(performance.now())) return new BatchJob(flights, this.startBatchJob);
    const n = flights.length;
    for (const flight of flights)
      this.finish(
        flight,
        failure(new CircuitOpenError(`order service circuit is open; ${maskPhone(flight.phone)} not checked`)),
      );
    this.log.debug({ numbers: n }, 'batch failed fast: circuit open');
    return undefined;
  }

  private startBatch(job: BatchJob, permit: Permit): void {
    let attempt = 0;
    for (const flight of job.flights) attempt = Math.max(attempt, flight.attempt);
    job.attempt = attempt + 1;
    job.permit = permit;
    job.sentInFlight = this.budget.inFlight;
    this.counters.requests++;
    if (job.attempt > 1) this.counters.retries++;
    job.flights[0]!.owner[kCountRequest]();
    const phones: string[] = [];
    for (const flight of job.flights) {
      flight.state = 'running';
      flight.attempt = job.attempt;
      phones.push(flight.phone);
    }
    job.startedAt = performance.now();
    const request = this.batchClient!.send(phones, job, this.batchSink);
    job.request = request;
    // close() aborts requests through their flights.
    for (const flight of job.flights) flight.request = request;
  }

  private onBatchAnswer(job: BatchJob, answers: BatchAnswer[]): void {
    const now = performance.now();
    this.breaker.onSuccess();
    this.observe(answers.includes(true) ? 'orders' : 'no-orders', job.startedAt, job, undefined, false);
    job.request = undefined;
    job.flights.forEach((flight, i) => {
      flight.request = undefined;
      if (flight.state === 'done') return;
      const found = answers[i]!;
      if (typeof found !== 'boolean') return this.finish(flight, failure(found));
      this.cache.set(flight.phone, found);
      this.finish(flight, answer(found, false));
    });
    // The slot is freed after the answers are delivered: a batch carries many numbers, and one of them
    // may end the search (early stop), which must come before the freed slot sends that search's next batch.
    this.releasePermit(job, 'answered', now, 0, job.flights.length);
  }

  /** A batch failed as a whole: each of its numbers fails with it, unless batch-retry.ts retries it. */
  private onBatchError(job: BatchJob, thrown: unknown): void {
    job.request = undefined;
    for (const flight of job.flights) flight.request = undefined;
    const now = performance.now();
    const size = job.flights.length;
    const err =
      thrown instanceof CheckError ? thrown : new NetworkError('unexpected failure talking to the order service');
    const failAll = () => {
      const result = failure(err);
      for (const flight of job.flights) if (flight.state !== 'done') this.finish(flight, result);
    };
    if (err.reason === 'cancelled') {
      // Only close() aborts a request; the process is going away.
      this.breaker.onAbandoned();
      this.releasePermit(job, 'ignored', now, 0, size);
      this.observe('cancelled', job.startedAt, job, undefined, false);
      return failAll();
    }
    const status = err instanceof HttpStatusError ? err.status : undefined;
    if (status !== undefined && status < 500) this.breaker.onSuccess();
    else this.breaker.onFailure(now);
    const retryAfterMs = this.pauseOnRetryAfter(err, status, now);
    this.releasePermit(
      job,
      sampleOutcome(err, status),
      now,
      err.reason === 'timeout' ? this.config.timeoutMs : 0,
      size,
    );
    // Numbers nobody waits for any more (orphans) are not retried; the others go by the batch policy.
    const wanted = job.flights.filter((flight) => flight.state !== 'done' && flight.waiters.length > 0);
    const retry: BatchRetry<Flight> =
      this.isClosed || wanted.length === 0
        ? { kind: 'fail' }
        : batchRetry(wanted, err, job.attempt, this.config.retry.maxAttempts);
    this.observe(err.reason as RequestOutcome, job.startedAt, job, status, retry.kind === 'retry');
    if (retry.kind === 'fail') return failAll();
    const orphanResult = failure(err);
    for (const flight of job.flights)
      if (flight.state !== 'done' && flight.waiters.length === 0) this.finish(flight, orphanResult);
    const r = this.config.retry;
    const delay = retryAfterMs ?? fullJitterDelay(job.attempt, r.baseDelayMs, r.maxDelayMs);
    this.log.debug(
      {
        numbers: wanted.length,
        batches: retry.batches.map((b) => b.length),
        attempt: job.attempt,
        reason: err.reason,
        status,
        delayMs: delay,
      },
      'retrying failed batch',
    );
    for (const half of retry.batches) {
      for (const flight of half) {
        flight.state = 'backoff';
        flight.cap = half.length;
      }
      const timer = setTimeout(() => {
        this.batchTimers.delete(timer);
        // A number whose waiters all left meanwhile was abandoned ('done'); the rest queue together.
        const ready = half.filter((flight) => flight.state === 'backoff');
        const byOwner = new Map<Flight['owner'], Flight[]>();
        for (const flight of ready) {
          flight.state = 'queued';
          const same = byOwner.get(flight.owner);
          if (same) same.push(flight);
          else byOwner.set(flight.owner, [flight]);
        }
        for (const [owner, flights] of byOwner) owner[kEnqueueRetry](...flights);
      }, delay);
      this.batchTimers.add(timer);
    }
  }

  private finish(flight: Flight, result: CheckResult): void {
    this.dropClaim(flight);
    flight.state = 'done';
    this.flights.delete(flight.phone);
    const waiters = flight.waiters;
    // An orphan's check was counted as cancelled when its last waiter left; its answer only fills the cache.
    if (waiters.length > 0) {
      if (result.outcome === 'orders') this.counters.orders++;
      else if (result.outcome === 'no-orders') this.counters.noOrders++;
      else this.counters.failed[result.reason]++;
    }
    flight.waiters = [];
    for (const waiter of waiters) waiter.flight = undefined;
    for (const waiter of waiters) waiter.session[kSettle](waiter, result);
  }

  private observe(
    outcome: RequestOutcome,
    started: number,
    flight: { readonly attempt: number },
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

  private onLimitChange(change: LimitChange): void {
    this.lastLimitReason = change.reason;
    this.log.info(
      { limit: change.limit, previous: change.previous, reason: change.reason },
      'order service in-flight limit changed',
    );
    this.hooks.onLimitChange?.(change);
  }

  private onBreakerChange(state: BreakerState): void {
    if (state === 'open') this.log.warn({ breaker: state }, 'order service circuit opened; checks fail fast');
    else this.log.info({ breaker: state }, 'order service circuit state changed');
    this.hooks.onBreakerStateChange?.(state);
  }
}

/** What holds a permit: a flight (per-number contract) or a batch job. */
interface PermitHolder {
  permit: Permit | undefined;
  readonly startedAt: number;
  readonly sentInFlight: number;
}

function sampleOutcome(err: CheckError, status: number | undefined): SampleOutcome {
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  if (err.reason === 'timeout') return 'timeout';
  return 'ignored';
}

/** The limiter CHECK_CONCURRENCY asks for (a fleet budget feeds the same kind). */
export function limiterFor(config: ResolvedCheckerConfig): ConcurrencyLimiter {
  const c = config.concurrency;
  return c.auto ? new AdaptiveLimiter({ min: c.min, max: c.max }) : new FixedLimiter(c.max);
}
