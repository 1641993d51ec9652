import type { Logger } from '../../log/logger.ts';
import { maskPhone } from '../../phone/mask.ts';
import { fullJitterDelay } from '../backoff.ts';
import type { ResolvedCheckerConfig } from '../config.ts';
import type { CheckError } from '../errors.ts';
import type { Flight } from '../flight.ts';
import type { OrderRequest } from '../order-request.ts';
import { retryPolicy } from './retry-policy.ts';

/** The backoff of one group of numbers retried together (one number, or half of a failed batch). */
interface Backoff {
  readonly timer: NodeJS.Timeout;
  /** Flights of the group still waiting for it; the timer stops when none is left. */
  waiting: number;
}

/**
 * Retry around the one dispatch path (as undici's RetryHandler wraps a dispatch): after a request
 * failed, and after the breaker, the pause and the permit have seen it, decides with `retryPolicy`
 * which of its numbers go again, holds them for the backoff (full jitter, or the service's
 * Retry-After), and hands them back to their sessions' retry queues.
 */
export class Retries {
  private readonly backoffs = new Map<Flight, Backoff>();

  /** @param requeue puts flights back in their sessions' retry queues, together */
  constructor(
    private readonly config: ResolvedCheckerConfig['retry'],
    private readonly requeue: (flights: Flight[]) => void,
    private readonly log: Logger,
  ) {}

  /**
   * `request` failed with `err`. Numbers nobody waits for any more (orphans) are not retried; the
   * others go by the policy. Returns the flights that fail now (none when every wanted one retries).
   * @param retryAfterMs the service's Retry-After, which replaces the backoff
   * @param closed the checker is closed: nothing may be sent again
   */
  afterFailure(request: OrderRequest, err: CheckError, retryAfterMs: number | undefined, closed: boolean) {
    const open = request.flights.filter((flight) => flight.state !== 'done');
    const wanted = open.filter((flight) => flight.waiters.length > 0);
    const decision =
      closed || wanted.length === 0
        ? ({ kind: 'fail' } as const)
        : retryPolicy(wanted, err, request.attempt, this.config.maxAttempts);
    if (decision.kind === 'fail') return { retrying: false, failed: open };
    const delayMs = retryAfterMs ?? fullJitterDelay(request.attempt, this.config.baseMs, this.config.maxDelayMs);
    this.log.debug(
      {
        ...(request.flights.length === 1 ? { phone: maskPhone(request.flights[0]!.phone) } : {}),
        numbers: wanted.length,
        groups: decision.groups.map((group) => group.length),
        attempt: request.attempt,
        reason: err.reason,
        status: err.status,
        delayMs,
      },
      'retrying order check',
    );
    for (const group of decision.groups) this.holdBack(group, delayMs);
    return { retrying: true, failed: open.filter((flight) => flight.waiters.length === 0) };
  }

  /** Nobody waits for `flight` any more: it leaves its group's backoff. */
  forget(flight: Flight): void {
    const backoff = this.backoffs.get(flight);
    if (!backoff) return;
    this.backoffs.delete(flight);
    if (--backoff.waiting === 0) clearTimeout(backoff.timer);
  }

  close(): void {
    for (const backoff of this.backoffs.values()) clearTimeout(backoff.timer);
    this.backoffs.clear();
  }

  private holdBack(group: readonly Flight[], delayMs: number): void {
    const timer = setTimeout(() => {
      // A number whose waiters all left meanwhile was abandoned ('done'); the rest queue together.
      const ready: Flight[] = [];
      for (const flight of group) {
        if (this.backoffs.get(flight) !== backoff) continue;
        this.backoffs.delete(flight);
        flight.state = 'queued';
        ready.push(flight);
      }
      this.requeue(ready);
    }, delayMs);
    const backoff: Backoff = { timer, waiting: group.length };
    for (const flight of group) {
      flight.state = 'backoff';
      flight.cap = group.length;
      this.backoffs.set(flight, backoff);
    }
  }
}
