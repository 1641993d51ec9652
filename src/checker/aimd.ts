import type { ResolvedCheckerConfig } from './config.ts';

/**
 * Additive-increase / multiplicative-decrease limit on requests in flight, like TCP congestion control:
 * a 429 or a timeout means the order service is overloaded, so the limit is cut; every success adds
 * 1/limit, so the limit grows by about one per round of successful requests until it is back at `max`.
 */
export class AimdLimiter {
  private value: number;
  private lastDecrease = -Infinity;

  constructor(
    private readonly max: number,
    private readonly options: ResolvedCheckerConfig['aimd'],
  ) {
    this.value = max;
  }

  /** Current whole-number limit. */
  get limit(): number {
    return Math.floor(this.value);
  }

  /** Returns true when the limit actually changed. */
  onCongestion(now: number): boolean {
    // All requests in flight when the server got overloaded will report congestion; react once per interval.
    if (now - this.lastDecrease < this.options.decreaseIntervalMs) return false;
    const next = Math.max(this.options.minLimit, this.value * this.options.decreaseFactor);
    if (Math.floor(next) === this.limit) return false;
    this.value = next;
    this.lastDecrease = now;
    return true;
  }

  onSuccess(): void {
    if (this.value < this.max) this.value = Math.min(this.max, this.value + 1 / this.value);
  }
}
