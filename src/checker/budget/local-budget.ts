import type { ConcurrencyLimiter, LimitChange } from '../limiter/limiter.ts';
import { type InFlightBudget, OncePermit, type Permit, type RequestEnds } from './in-flight-budget.ts';

/** Permits for this process alone, up to the limiter's limit. */
export class LocalBudget implements InFlightBudget {
  /** Where this budget's permits report the end of their request; only permits may end one. */
  private readonly requestEnds: RequestEnds = {
    observe: (sample, now) => this.observe(sample, now),
    release: () => this.release(),
  };
  private held = 0;
  private peakHeld = 0;
  private listener: () => void = () => {};

  /**
   * @param limiter decides the limit from the samples
   * @param onChange told of every move of the limit (metrics, a log line)
   */
  constructor(
    private readonly limiter: ConcurrencyLimiter,
    private readonly onChange: (change: LimitChange) => void = () => {},
  ) {}

  get limit(): number {
    return this.limiter.limit;
  }

  get reason(): string {
    return this.limiter.reason;
  }

  get inFlight(): number {
    return this.held;
  }

  get peakInFlight(): number {
    return this.peakHeld;
  }

  onAvailable(listener: () => void): void {
    this.listener = listener;
  }

  tryAcquire(): Permit | undefined {
    if (this.held >= this.limiter.limit) return undefined;
    if (++this.held > this.peakHeld) this.peakHeld = this.held;
    return new OncePermit(this.requestEnds);
  }

  /** @see Permit.observe */
  private observe(sample: Parameters<Permit['observe']>[0], now: number): void {
    const change = this.limiter.onSample(sample, now);
    if (change === undefined) return;
    this.onChange(change);
    if (change.limit > change.previous) this.listener();
  }

  /** @see Permit.release */
  private release(): void {
    this.held--;
    this.listener();
  }
}
