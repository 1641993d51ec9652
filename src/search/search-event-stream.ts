import type { SearchRequest } from '../plan/search-request.ts';
import type { SearchEngine, SearchMeta } from './search-engine.ts';
import { SearchRun } from './search-run.ts';
import type { SearchEvent, StopAt } from './search-types.ts';

export interface SearchEventStreamOptions {
  stopAt: StopAt;
  /** The consumer's lifetime (client gone, server shutting down): aborting it cancels the search. */
  signal?: AbortSignal;
  meta?: SearchMeta;
  /** Called exactly once when the search has ended (a per-key quota slot's release). */
  onEnd?: () => void;
}

/**
 * A one-shot search as a stream of its events, for a consumer that owns it: the search starts now,
 * and the consumer leaving (closing the stream early, or `signal` aborting) cancels it at once. The
 * stream ends after SearchFinished.
 */
export function searchEventStream(
  engine: SearchEngine,
  request: SearchRequest,
  options: SearchEventStreamOptions,
): AsyncIterableIterator<SearchEvent> {
  const run = new SearchRun(engine, request, options);
  // `signal` cancels the run, not the stream: the consumer still receives the final (CANCELLED) result,
  // as a subscriber does when the server shuts down.
  return run.log.follow({ onClose: () => run.cancel() });
}
