import type { ResolvedCheckerConfig } from './config.ts';

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Circuit breaker over request outcomes. Opens on N consecutive failures or on a failure ratio over a
 * sliding window of the last requests; after a cool-down exactly one probe request is let through
 * (half-open): success closes it, failure re-opens it for another cool-down.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private openedAt = 0;
  private probeInFlight = false;
  private consecutive = 0;
  /** Ring of recent outcomes, true = failure. */
  private readonly window: boolean[] = [];
  private windowNext = 0;
  private windowFailures = 0;

  constructor(
    private readonly options: ResolvedCheckerConfig['breaker'],
    private readonly onChange: (state: BreakerState) => void = () => {},
  ) {}

  get state(): BreakerState {
    return this.current;
  }

  /**
   * Asks to send a request now. False means fail fast. In half-open state only the first caller
   * gets true (the probe).
   */
  tryAcquire(now: number): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (now - this.openedAt < this.options.cooldownMs) return false;
      this.transition('half-open');
    }
    if (this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  /** A request ended with an answer (including "no orders" and 4xx): the service is up. */
  onSuccess(): void {
    this.consecutive = 0;
    this.record(false);
    if (this.current === 'half-open') {
      this.probeInFlight = false;
      this.resetWindow();
      this.transition('closed');
    }
  }

  onFailure(now: number): void {
    this.consecutive++;
    this.record(true);
    if (this.current === 'half-open') {
      this.probeInFlight = false;
      this.open(now);
      return;
    }
    if (this.current !== 'closed') return;
    const o = this.options;
    const ratioTripped =
      this.window.length >= o.minRequests && this.windowFailures / this.window.length >= o.failureRatio;
    if (this.consecutive >= o.consecutiveFailures || ratioTripped) this.open(now);
  }

  /** The probe's request was abandoned (cancelled) without an answer: let another caller probe. */
  onAbandoned(): void {
    if (this.current === 'half-open') this.probeInFlight = false;
  }

  private open(now: number): void {
    this.openedAt = now;
    this.transition('open');
  }

  private transition(state: BreakerState): void {
    if (state === this.current) return;
    this.current = state;
    this.onChange(state);
  }

  private record(failed: boolean): void {
    const size = this.options.windowSize;
    if (this.window.length < size) this.window.push(failed);
    else {
      if (this.window[this.windowNext]) this.windowFailures--;
      this.window[this.windowNext] = failed;
      this.windowNext = (this.windowNext + 1) % size;
    }
    if (failed) this.windowFailures++;
  }

  private resetWindow(): void {
    this.window.length = 0;
    this.windowNext = 0;
    this.windowFailures = 0;
    this.consecutive = 0;
  }
}
