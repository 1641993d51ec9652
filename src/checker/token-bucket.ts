/** What the scheduler asks of a requests-per-second cap (this bucket, or the fleet's in Redis). */
export interface RateGate {
  /** Whether a request may go now (does not take the token). */
  ready(now: number): boolean;
  take(): void;
  /** Milliseconds until `ready` may say yes (the scheduler sleeps this long). */
  msUntilReady(now: number): number;
}

/**
 * Requests-per-second cap. Tokens refill continuously; a request takes one. Time is passed in so the
 * scheduler reads the clock once per dispatch loop and tests stay deterministic.
 */
export class TokenBucket implements RateGate {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
      this.last = now;
    }
  }

  /** Whether a token is available now (does not take it). */
  ready(now: number): boolean {
    this.refill(now);
    return this.tokens >= 1;
  }

  take(): void {
    this.tokens -= 1;
  }

  /** Milliseconds until the next token (0 if one is available). */
  msUntilReady(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond);
  }
}
