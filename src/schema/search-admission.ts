import type { SearchMeta } from '../search/search-engine.ts';
import type { GraphQLContext } from './context.ts';

/** Admits one search for the caller's API key (throws RATE_LIMITED / TOO_MANY_SEARCHES); returns its release. */
export async function admitSearch(context: GraphQLContext): Promise<() => void> {
  return context.services.quota ? context.services.quota.acquire(context.apiKeyId) : () => {};
}

/** Who started the search, for its logs and audit row. */
export function searchMeta(context: GraphQLContext): SearchMeta {
  return { apiKeyId: context.apiKeyId, requestId: context.requestId };
}

/**
 * Calls `release` once the consumer is done with `stream`: when it ends, fails, or is closed early
 * (a subscriber that leaves before the first event never starts the search's Repeater at all).
 */
export function releaseWhenDone<T>(stream: AsyncIterableIterator<T>, release: () => void): AsyncIterableIterator<T> {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    release();
  };
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      try {
        const step = await stream.next();
        if (step.done) finish();
        return step;
      } catch (error) {
        finish();
        throw error;
      }
    },
    async return(value?: unknown) {
      try {
        return (await stream.return?.(value)) ?? { done: true, value: undefined };
      } finally {
        finish();
      }
    },
    async throw(error?: unknown) {
      try {
        if (stream.throw) return await stream.throw(error);
        throw error;
      } finally {
        finish();
      }
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
