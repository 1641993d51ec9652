/**
 * Collects items and hands them to `send` together (at most `max` per call), so many callers cost one
 * Redis round trip. With no window, a batch is what was added during one turn of the event loop; with
 * `windowMs`, items wait up to that long for company (a batch that reaches `max` goes at once).
 * `send` must answer every item, in order, and never reject.
 */
export class Batcher<T, R> {
  private pending: Array<{ item: T; resolve: (r: R) => void }> = [];
  /** Cancels the scheduled flush, while one is scheduled. */
  private unschedule: (() => void) | undefined;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: { readonly max: number; readonly windowMs?: number },
    private readonly send: (items: readonly T[]) => Promise<R[]>,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve) => {
      this.pending.push({ item, resolve });
      if (this.pending.length >= this.options.max) return this.flush();
      if (this.unschedule !== undefined) return;
      const windowMs = this.options.windowMs ?? 0;
      if (windowMs > 0) {
        const timer = setTimeout(() => this.flush(), windowMs);
        this.unschedule = () => clearTimeout(timer);
      } else {
        // After the I/O callbacks of this turn, so replies that arrived together batch together.
        const immediate = setImmediate(() => this.flush());
        this.unschedule = () => clearImmediate(immediate);
      }
    });
  }

  /** Resolves once everything added so far has been sent and answered. */
  async drain(): Promise<void> {
    if (this.pending.length > 0) this.flush();
    await Promise.all([...this.inFlight]);
  }

  private flush(): void {
    this.unschedule?.();
    this.unschedule = undefined;
    const all = this.pending;
    this.pending = [];
    for (let i = 0; i < all.length; i += this.options.max) {
      const chunk = all.slice(i, i + this.options.max);
      const sent = this.send(chunk.map((e) => e.item)).then((results) => {
        chunk.forEach((e, j) => e.resolve(results[j] as R));
      });
      this.inFlight.add(sent);
      void sent.finally(() => this.inFlight.delete(sent));
    }
  }
}
