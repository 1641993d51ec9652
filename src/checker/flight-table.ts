import type { AnswerCache } from './cache.ts';
import { Flight, type Waiter } from './flight.ts';
import { answer, type CheckResult } from './result.ts';
import type { Counters } from './stats.ts';

/** What the table needs of the sessions and of the steps around dispatch. */
export interface FlightTableParts {
  readonly cache: AnswerCache;
  readonly counters: Counters;
  /** Hands a waiter its final result, in its session. */
  settle(waiter: Waiter, result: CheckResult): void;
  /** Queues a flight in its (new) owner session. */
  enqueue(flight: Flight): void;
  /**
   * A flight ended: answered (`hasOrders`), failed or abandoned (undefined). Whatever is still held
   * for it (a backoff, the fleet's claim, a wait for another instance's answer) is let go.
   */
  ended(flight: Flight, hasOrders: boolean | undefined): void;
}

/**
 * Every check in progress, one flight per number: a second asker joins the flight (de-duplication), a
 * cached answer settles at once, and a flight ends exactly once, settling all its waiters together.
 */
export class FlightTable {
  private readonly byPhone = new Map<string, Flight>();

  constructor(private readonly parts: FlightTableParts) {}

  /** Flights in progress (for close()). */
  all(): Flight[] {
    return [...this.byPhone.values()];
  }

  /** Answers `waiter` from the cache, joins it to a flight in progress, or returns a new flight to queue. */
  attach(waiter: Waiter): Flight | undefined {
    const { phone } = waiter;
    const cached = this.parts.cache.get(phone);
    if (cached !== undefined) {
      this.parts.counters.cacheHits++;
      this.parts.settle(waiter, answer(cached, true));
      return undefined;
    }
    const existing = this.byPhone.get(phone);
    if (existing) {
      this.parts.counters.dedupHits++;
      existing.waiters.push(waiter);
      waiter.flight = existing;
      // An orphan (its owner gave up, its request still out) is adopted by whoever asks next, so a
      // retry after its attempt fails goes to a session that still wants the answer.
      if (existing.owner.cancelled) existing.owner = waiter.owner;
      return undefined;
    }
    const flight = new Flight(phone, waiter.owner);
    flight.waiters.push(waiter);
    waiter.flight = flight;
    this.byPhone.set(phone, flight);
    return flight;
  }

  /** Takes a waiter off its flight and settles it with `result`; a flight nobody waits for any more stops. */
  detach(waiter: Waiter, result: CheckResult): void {
    const flight = waiter.flight;
    waiter.flight = undefined;
    this.parts.settle(waiter, result);
    if (!flight || flight.state === 'done') return;
    const i = flight.waiters.indexOf(waiter);
    if (i !== -1) flight.waiters.splice(i, 1);
    const heir = flight.waiters[0];
    if (heir === undefined) return this.abandon(flight);
    // Someone else still wants this answer: if the owner gave up, the flight moves to the heir's session.
    if (flight.owner.cancelled) {
      flight.owner = heir.owner;
      if (flight.state === 'queued') this.parts.enqueue(flight);
    }
  }

  /** The order service answered for `flight`: cached, and settled for every waiter. */
  answered(flight: Flight, hasOrders: boolean): void {
    this.parts.cache.set(flight.phone, hasOrders);
    this.finish(flight, answer(hasOrders, false), hasOrders);
  }

  /** The flight ends with `result` (a failure, or an answer via `answered`), counted as a check's outcome. */
  finish(flight: Flight, result: CheckResult, hasOrders?: boolean): void {
    // An orphan's check was counted as cancelled when its last waiter left; its answer only fills the cache.
    if (flight.waiters.length > 0) {
      const c = this.parts.counters;
      if (result.outcome === 'orders') c.orders++;
      else if (result.outcome === 'no-orders') c.noOrders++;
      else c.failed[result.reason]++;
    }
    this.end(flight, result, hasOrders);
  }

  /** Another instance of the fleet answered for `flight`: a cache hit, not a check of ours. */
  answeredElsewhere(flight: Flight, hasOrders: boolean): void {
    this.parts.counters.sharedHits++;
    this.parts.cache.set(flight.phone, hasOrders);
    this.end(flight, answer(hasOrders, true), undefined);
  }

  /**
   * Nobody waits for this flight any more: no retry from here on. A request already at the order
   * service is left to finish (an orphan): it holds its permit and socket until the service answers,
   * and the answer fills the cache.
   */
  private abandon(flight: Flight): void {
    this.parts.counters.failed.cancelled++;
    if (flight.state === 'running') return;
    flight.state = 'done';
    this.byPhone.delete(flight.phone);
    this.parts.ended(flight, undefined);
  }

  private end(flight: Flight, result: CheckResult, hasOrders: boolean | undefined): void {
    flight.state = 'done';
    this.byPhone.delete(flight.phone);
    this.parts.ended(flight, hasOrders);
    const waiters = flight.waiters;
    flight.waiters = [];
    for (const waiter of waiters) waiter.flight = undefined;
    for (const waiter of waiters) this.parts.settle(waiter, result);
  }
}
