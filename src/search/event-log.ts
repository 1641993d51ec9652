import { EventReplay } from './event-replay.ts';
import type { SearchEvent } from './search-types.ts';

/**
 * The events of one search, kept for replay (by the rule of event-replay.ts): a watcher that arrives
 * late (or comes back) gets where the search stands, then follows it live.
 */
export class SearchEventLog {
  private readonly kept = new EventReplay();
  private readonly listeners = new Set<(event: SearchEvent) => void>();
  private failure: { error: unknown } | undefined;
  private readonly failureListeners = new Set<(error: unknown) => void>();

  /** True once SearchFinished was logged (or the search failed): nothing more will come. */
  get over(): boolean {
    return this.failure !== undefined || this.kept.finished;
  }

  /** Logs `event` and hands it to the followers, unless the replay rule drops it (a repeat, or after the end). */
  append(event: SearchEvent): void {
    if (this.failure !== undefined || !this.kept.add(event)) return;
    for (const listener of this.listeners) listener(event);
  }

  /** The search failed unexpectedly (not a result): watchers receive the error. */
  fail(error: unknown): void {
    if (this.over) return;
    this.failure = { error };
    for (const listener of this.failureListeners) listener(error);
  }

  /** Where the search stands, in order (see the class comment). */
  replay(): readonly SearchEvent[] {
    return [...this.kept.events];
  }

  /**
   * The replay, then every new event as it is logged; ends after SearchFinished. A slow consumer
   * never holds the search up: while a tier's progress waits to be read, a newer one replaces it.
   * `onClose` runs once when the consumer is done (read to the end, left, or `signal` aborted).
   */
  follow(options: { signal?: AbortSignal; onClose?: () => void } = {}): AsyncIterableIterator<SearchEvent> {
    // The snapshot and the subscription are taken together, so no event falls between them.
    const follower = new LogFollower([...this.kept.events], this.failure, options);
    const onEvent = (event: SearchEvent) => follower.push(event);
    const onFailure = (error: unknown) => follower.fail(error);
    this.listeners.add(onEvent);
    this.failureListeners.add(onFailure);
    follower.start(() => {
      this.listeners.delete(onEvent);
      this.failureListeners.delete(onFailure);
    });
    return follower;
  }
}

class LogFollower implements AsyncIterableIterator<SearchEvent> {
  private waiter: { resolve: (step: IteratorResult<SearchEvent>) => void; reject: (e: unknown) => void } | undefined;
  private closed = false;
  private unsubscribe: () => void = () => {};
  private readonly onAbort = () => this.close();

  constructor(
    private readonly queue: SearchEvent[],
    private failure: { error: unknown } | undefined,
    private readonly options: { signal?: AbortSignal; onClose?: () => void },
  ) {}

  start(unsubscribe: () => void): void {
    this.unsubscribe = unsubscribe;
    if (this.options.signal?.aborted) this.close();
    else this.options.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  push(event: SearchEvent): void {
    if (this.closed) return;
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(this.deliver(event));
      return;
    }
    const last = this.queue.at(-1);
    if (event.type === 'progress' && last?.type === 'progress' && last.tier === event.tier) this.queue.pop();
    this.queue.push(event);
  }

  fail(error: unknown): void {
    if (this.closed) return;
    if (this.waiter) {
      const { reject } = this.waiter;
      this.waiter = undefined;
      this.close();
      reject(error);
      return;
    }
    this.failure = { error };
  }

  private deliver(event: SearchEvent): IteratorResult<SearchEvent> {
    // The last event: the consumer's next pull ends the stream.
    if (event.type === 'finished') this.close();
    return { value: event, done: false };
  }

  next(): Promise<IteratorResult<SearchEvent>> {
    const event = this.queue.shift();
    if (event) return Promise.resolve(this.deliver(event));
    if (this.failure && !this.closed) {
      const { error } = this.failure;
      this.close();
      return Promise.reject(error);
    }
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<SearchEvent>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<SearchEvent>> {
    this.close();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<SearchEvent> {
    return this;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.unsubscribe();
    this.options.signal?.removeEventListener('abort', this.onAbort);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve({ value: undefined, done: true });
    this.options.onClose?.();
  }
}
