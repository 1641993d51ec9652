import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * The subscription streams being delivered, over SSE and graphql-ws alike (both run through Yoga's
 * envelop). Shutdown cancels every search, then waits here for each stream to deliver its last event
 * (the CANCELLED SearchFinished) and end, before the connections are closed under it. In a fleet, a
 * watcher of a search that runs elsewhere (or is handed over) gets no final event from this instance:
 * shutdown then waits the bound out.
 */
export class OpenStreams {
  private open = 0;
  private readonly onIdle = new Set<() => void>();

  get count(): number {
    return this.open;
  }

  plugin(): Plugin {
    return {
      onSubscribe: () => ({
        onSubscribeResult: ({ result }) => {
          if (!isAsyncIterable(result)) return undefined;
          this.open++;
          let ended = false;
          return {
            onEnd: () => {
              if (ended) return;
              ended = true;
              if (--this.open === 0) for (const wake of this.onIdle) wake();
            },
          };
        },
      }),
    };
  }

  /** Resolves once no stream is open, or after `timeoutMs` (a client that stopped reading). */
  idle(timeoutMs: number): Promise<void> {
    if (this.open === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.onIdle.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.onIdle.add(done);
    });
  }
}
