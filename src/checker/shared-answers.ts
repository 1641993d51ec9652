/**
 * A store of answers shared with other processes (the fleet's Redis), consulted before a number is
 * asked upstream. The checker's own LRU stays the near cache; this one is the fleet's. Every method is
 * best effort: when the store is away, `lookup` says `unavailable` and the checker asks upstream itself.
 */
export type SharedLookup =
  /** Someone in the fleet already knows. */
  | { readonly kind: 'answer'; readonly hasOrders: boolean }
  /** Nobody knows and nobody is asking: this process now holds the claim and should ask. */
  | { readonly kind: 'claimed' }
  /** Another process is asking right now: wait for its answer (`awaitAnswer`). */
  | { readonly kind: 'elsewhere' }
  /** The store cannot tell (unreachable): ask upstream, do not wait. */
  | { readonly kind: 'unavailable' };

export interface SharedAnswerStore {
  /** Looks `phone` up and claims it when nobody knows or asks (batched with other lookups). */
  lookup(phone: string): Promise<SharedLookup>;
  /**
   * Resolves with the answer another process publishes for `phone`, or `undefined` when its claim was
   * given up or expired (then look up again), or `signal` aborts.
   */
  awaitAnswer(phone: string, signal: AbortSignal): Promise<boolean | undefined>;
  /** Stores a definite answer and drops this process's claim (batched, write-behind). */
  record(phone: string, hasOrders: boolean): void;
  /** Gives up this process's claim without an answer (the check failed or was abandoned). */
  release(phone: string): void;
}
