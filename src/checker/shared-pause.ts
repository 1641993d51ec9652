/**
 * A 429 or 503 with Retry-After speaks for the whole order service, not for one process: where several
 * processes share the service (a fleet), the one that hears it tells the others, and they hold their
 * dispatch for the same time instead of each spending a request to hear it again.
 */
export interface SharedPause {
  /** Tells the others the service asked to wait `ms` from now. */
  announce(ms: number): void;
  /** Registers the single listener for pauses the others heard. */
  onPause(listener: (ms: number) => void): void;
}
