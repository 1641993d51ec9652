import type { Logger } from '../log/logger.ts';
import { maskPhone } from '../phone/mask.ts';
import type { BatchAnswer } from './batch/batch-reply.ts';
import type { CircuitBreaker } from './breaker.ts';
import type { InFlightBudget, Permit } from './budget/in-flight-budget.ts';
import type { ResolvedCheckerConfig } from './config.ts';
import { CheckError, CircuitOpenError, HttpStatusError, NetworkError } from './errors.ts';
import type { Flight } from './flight.ts';
import type { FlightTable } from './flight-table.ts';
import type { SampleOutcome } from './limiter/limiter.ts';
import { processLoopDelay } from './limiter/loop-delay.ts';
import type { OrderRequest } from './order-request.ts';
import { failure } from './result.ts';
import type { Retries } from './retry/retries.ts';
import type { ServicePause } from './service-pause.ts';
import type { AttemptOutcome, CheckerHooks, Counters } from './stats.ts';
import { orderTransport, type OrderTransport } from './transport.ts';

export interface DispatchParts {
  readonly config: ResolvedCheckerConfig;
  readonly budget: InFlightBudget;
  readonly breaker: CircuitBreaker;
  readonly flights: FlightTable;
  readonly pause: ServicePause;
  readonly retries: Retries;
  readonly counters: Counters;
  readonly hooks: CheckerHooks;
  readonly log: Logger;
  isClosed(): boolean;
}

/**
 * The one request path to the order service, for one number and for a batch alike: the breaker's gate
 * (`admit`), then `send`, then one reply path or one failure path. The failure path keeps a fixed
 * order: the breaker, then the service's pause (Retry-After), then the permit's release (so the next
 * dispatch obeys both), then the retry policy (retry/retries.ts).
 *
 * The in-flight bound holds at the order service, not only in our counters: a request keeps its permit
 * until the service is done with it. Only a hung request is aborted (the per-attempt timeout), and it
 * keeps its permit for one more timeout period, since the service may still be working on it.
 */
export class Dispatcher {
  private readonly transport: OrderTransport<OrderRequest>;
  /** Requests at the order service now, each with its handle (close() aborts them). */
  private readonly onWire = new Map<OrderRequest, { abort(): void }>();
  /** Permits of timed-out requests, held while the service may still be working on them. */
  private readonly lingering = new Map<NodeJS.Timeout, Permit>();

  constructor(private readonly parts: DispatchParts) {
    this.transport = orderTransport<OrderRequest>(parts.config, {
      answered: (request, answers) => this.answered(request, answers),
      failed: (request, err) => this.failed(request, err),
    });
  }

  /** Numbers one request carries at most: 1 under the per-number contract, else the batch size. */
  get batchSize(): number {
    return this.transport.batchSize;
  }

  /**
   * The breaker's gate for one request: false means its flights were failed fast (circuit open).
   * While half-open the scheduler's limit is 1, so the probe is the only request pulled until it
   * answers; the others wait in their queues instead of failing here.
   */
  admit(flights: readonly Flight[]): boolean {
    if (this.parts.breaker.tryAcquire(performance.now())) return true;
    for (const flight of flights) {
      const error = new CircuitOpenError(`order service circuit is open; ${maskPhone(flight.phone)} not checked`);
      this.parts.flights.finish(flight, failure(error));
    }
    this.parts.log.debug({ numbers: flights.length }, 'check failed fast: circuit open');
    return false;
  }

  /** Sends `request`, which holds `permit` until the order service is done with it. */
  readonly send = (request: OrderRequest, permit: Permit): void => {
    const { counters, budget } = this.parts;
    request.permit = permit;
    request.sentInFlight = budget.inFlight;
    counters.requests++;
    if (request.attempt > 1) counters.retries++;
    request.flights[0]!.owner.requests++;
    const phones: string[] = [];
    for (const flight of request.flights) {
      flight.state = 'running';
      flight.attempt = request.attempt;
      phones.push(flight.phone);
    }
    request.startedAt = performance.now();
    const wire = this.transport.send(phones, request);
    // Unless it already failed on the spot (its permit is then released).
    if (request.permit) this.onWire.set(request, wire);
  };

  /** A permit taken for a request that is not sent after all: it and, when half-open, the breaker's probe go to someone else. */
  unused(permit: Permit): void {
    this.parts.breaker.onAbandoned();
    permit.release();
  }

  /** Aborts every request still at the order service and frees every permit (the process is going away). */
  async close(): Promise<void> {
    for (const wire of [...this.onWire.values()]) wire.abort();
    for (const [timer, permit] of this.lingering) {
      clearTimeout(timer);
      permit.release();
    }
    this.lingering.clear();
    await this.transport.close();
  }

  /** One answer per number of `request`, in the order sent (a batch may fail some numbers alone). */
  private answered(request: OrderRequest, answers: readonly BatchAnswer[]): void {
    const now = performance.now();
    this.parts.breaker.onSuccess();
    this.report(answers.includes(true) ? 'orders' : 'no-orders', request, undefined, false);
    this.onWire.delete(request);
    request.flights.forEach((flight, i) => {
      if (flight.state === 'done') return;
      const found = answers[i]!;
      if (typeof found === 'boolean') this.parts.flights.answered(flight, found);
      else this.parts.flights.finish(flight, failure(found));
    });
    // The slot is freed after the answers are delivered and after the breaker and limiter saw the
    // outcome: one answer may end its search (early stop), which must come before the freed slot
    // sends that search's next request, and the next dispatch must obey the breaker and the limit.
    this.release(request, 'answered', now);
  }

  /** The request failed as a whole: each of its numbers fails with it, unless the retry policy retries it. */
  private failed(request: OrderRequest, thrown: unknown): void {
    this.onWire.delete(request);
    const now = performance.now();
    const { breaker, flights } = this.parts;
    // Anything the client did not classify is a bug or an unexpected transport failure; treat as network.
    const err =
      thrown instanceof CheckError ? thrown : new NetworkError('unexpected failure talking to the order service');
    if (err.reason === 'cancelled') {
      // Only close() aborts a request; the process is going away.
      breaker.onAbandoned();
      this.release(request, 'ignored', now);
      this.report('cancelled', request, undefined, false);
      const result = failure(err);
      for (const flight of request.flights) if (flight.state !== 'done') flights.finish(flight, result);
      return;
    }
    const status = err instanceof HttpStatusError ? err.status : undefined;
    if (status !== undefined && status < 500)
      breaker.onSuccess(); // the service is up, it just said no
    else breaker.onFailure(now);
    const retryAfterMs = this.parts.pause.afterFailure(err, now);
    // A timed-out request was cut on our side only: the service may still be working on it.
    this.release(request, sampleOutcome(err, status), now, err.reason === 'timeout' ? this.parts.config.timeoutMs : 0);
    // A closed checker sends nothing more: no retry may be armed after close().
    const { retrying, failed } = this.parts.retries.afterFailure(request, err, retryAfterMs, this.parts.isClosed());
    // The client never reports circuit-open (that is decided before a request exists).
    this.report(err.reason as AttemptOutcome, request, status, retrying);
    const result = failure(err);
    for (const flight of failed) flights.finish(flight, result);
  }

  /** Ends the request's hold on the budget: tells the limiter how it went, then frees the slot (or holds it `holdMs`). */
  private release(request: OrderRequest, outcome: SampleOutcome, now: number, holdMs = 0): void {
    const permit = request.permit;
    request.permit = undefined;
    if (!permit) return;
    const sample = {
      outcome,
      rttMs: now - request.startedAt,
      // The part of the round trip the reply spent waiting for this process's loop: not the service's queueing.
      loopDelayMs: processLoopDelay.waitOf(request.startedAt, now),
      inFlight: request.sentInFlight,
      size: request.flights.length,
    };
    permit.observe(sample, now);
    if (holdMs <= 0 || this.parts.isClosed()) return permit.release();
    const timer = setTimeout(() => {
      this.lingering.delete(timer);
      permit.release();
    }, holdMs);
    this.lingering.set(timer, permit);
  }

  /** Counts the request's latency and tells the `onRequest` hook. */
  private report(outcome: AttemptOutcome, request: OrderRequest, status: number | undefined, willRetry: boolean): void {
    const latencyMs = performance.now() - request.startedAt;
    this.parts.counters.observeLatency(latencyMs);
    try {
      this.parts.hooks.onRequest?.({ outcome, latencyMs, attempt: request.attempt, status, willRetry });
    } catch (err) {
      // A metrics bug must not turn into an unhandled rejection that kills the process.
      this.parts.log.error({ err }, 'onRequest hook threw');
    }
  }
}

function sampleOutcome(err: CheckError, status: number | undefined): SampleOutcome {
  if (status === 429) return 'rate-limited';
  if (status === 503) return 'unavailable';
  if (err.reason === 'timeout') return 'timeout';
  return 'ignored';
}
