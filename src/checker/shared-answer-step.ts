import type { InFlightBudget, Permit } from './budget/in-flight-budget.ts';
import type { Flight } from './flight.ts';
import type { OrderRequest, RequestStarter } from './order-request.ts';
import type { SharedAnswerStore } from './shared-answers.ts';
import type { Counters } from './stats.ts';

export interface SharedAnswerStepParts {
  readonly store: SharedAnswerStore;
  readonly budget: InFlightBudget;
  readonly counters: Counters;
  /** With a requests-per-second cap, each dispatch spends a token: a lookup must not take one of its own. */
  readonly rateCapped: boolean;
  /** The next step: dispatch. */
  send: RequestStarter;
  /** Gives back a permit that carries no request after all. */
  unused(permit: Permit): void;
  /** Puts a flight back in its session's retry queue (it goes first in that session's next turns). */
  requeue(flights: Flight[]): void;
  /** Another instance's answer settles the flight as a cache hit. */
  answeredElsewhere(flight: Flight, hasOrders: boolean): void;
  isClosed(): boolean;
}

/**
 * The fleet's shared answers, a step before dispatch (per-number contract): a number is looked up in
 * the fleet (Redis) before it is asked upstream. Another instance's answer settles it as a cache hit;
 * another instance asking now means waiting for its answer without a slot; else this process claims
 * the number, asks, and publishes the answer (or gives the claim up when the check ends without one).
 * The claims and waits are kept here, so flights and dispatch know nothing of the fleet.
 */
export class SharedAnswerStep {
  /** Asked in the fleet already (once per flight, or again after a lapsed claim). */
  private readonly consulted = new WeakSet<Flight>();
  /** This process holds the fleet-wide claim on the number: it must record or release it. */
  private readonly claimed = new Set<Flight>();
  /** Waits for another instance's answer, aborted when nobody wants the flight any more. */
  private readonly waits = new Map<Flight, AbortController>();
  /** Lookups made with no slot held (see `start`); at most the in-flight limit. */
  private consultingAhead = 0;

  constructor(private readonly parts: SharedAnswerStepParts) {}

  /** The request (one number) got a permit: look it up first, unless done already. */
  readonly start = (request: OrderRequest, permit: Permit): void => {
    const flight = request.flights[0]!;
    if (this.consulted.has(flight)) return this.parts.send(request, permit);
    this.consulted.add(flight);
    // Not on the wire yet: abandoning it now ends it at once (no orphan request).
    flight.state = 'backoff';
    if (this.parts.rateCapped || this.consultingAhead >= this.parts.budget.limit) {
      void this.consult(request, permit);
      return;
    }
    // The slot is for the order service, not for Redis: hand it on while the fleet is asked, and
    // queue the flight again if it must be sent; its search's retries go first, so a number claimed
    // this way takes the next slot its search gets. At most `limit` lookups are out this way at once.
    this.consultingAhead++;
    this.parts.unused(permit);
    void this.consult(request, undefined);
  };

  /** The flight ended (answered: `hasOrders`; else undefined): publish the answer or give the claim up. */
  ended(flight: Flight, hasOrders: boolean | undefined): void {
    this.waits.get(flight)?.abort();
    if (!this.claimed.delete(flight)) return;
    if (hasOrders === undefined) this.parts.store.release(flight.phone);
    else this.parts.store.record(flight.phone, hasOrders);
  }

  /**
   * Asks the fleet before asking upstream: holding the slot meanwhile when given one (a Redis round
   * trip, well under an order-service one), else queueing the flight again to be sent.
   */
  private async consult(request: OrderRequest, permit: Permit | undefined): Promise<void> {
    const { store } = this.parts;
    const flight = request.flights[0]!;
    let found;
    try {
      found = await store.lookup(flight.phone);
    } finally {
      // Asked ahead: counted while the lookup is out, not while waiting for another instance's answer.
      if (!permit) this.consultingAhead--;
    }
    if (found.kind === 'claimed') this.claimed.add(flight);
    // The flight may have been abandoned during the lookup.
    const gone = this.isGone(flight);
    if (!gone && (found.kind === 'claimed' || found.kind === 'unavailable')) {
      if (permit?.usable) return this.parts.send(request, permit);
      if (permit) {
        // Its grant lapsed during the lookup (the process was frozen): it waits for a permit again, and
        // asks the fleet again then (its claim may have lapsed too, and another instance be asking).
        this.parts.unused(permit);
        this.consulted.delete(flight);
      }
      return this.requeue(flight);
    }
    // No request after all.
    if (permit) this.parts.unused(permit);
    if (gone) return this.ended(flight, undefined);
    if (found.kind === 'answer') return this.parts.answeredElsewhere(flight, found.hasOrders);
    this.parts.counters.sharedWaits++;
    const wait = new AbortController();
    this.waits.set(flight, wait);
    const published = await store.awaitAnswer(flight.phone, wait.signal);
    this.waits.delete(flight);
    // The flight may have been abandoned during the wait.
    if (this.isGone(flight)) return;
    if (published !== undefined) return this.parts.answeredElsewhere(flight, published);
    // Its claim was given up or lapsed: look again (and maybe claim it ourselves).
    this.consulted.delete(flight);
    this.requeue(flight);
  }

  private requeue(flight: Flight): void {
    flight.state = 'queued';
    this.parts.requeue([flight]);
  }

  private isGone(flight: Flight): boolean {
    return flight.state === 'done' || this.parts.isClosed();
  }
}
