import type { SearchRequest } from '../plan/search-request.ts';
import { SearchEventLog } from './event-log.ts';
import type { SearchEngine, SearchMeta } from './search-engine.ts';
import type { MatchResult, SearchEvent, StopAt } from './search-types.ts';

export interface SearchRunOptions {
  stopAt: StopAt;
  /** The id the search's events, result, logs and audit carry; a new one when absent. */
  searchId?: string;
  meta?: SearchMeta;
  /** Aborting it cancels the search, like `cancel()`. */
  signal?: AbortSignal;
  /**
   * Called exactly once when the search has ended, however it ended: the one place a per-key quota
   * slot is given back.
   */
  onEnd?: () => void;
  /**
   * The final result of a run that failed unexpectedly, from where its events say it stood: it is
   * logged as SearchFinished and `result` resolves with it. Without it, watchers receive the error and
   * `result` rejects (a one-shot subscription reports the failure to its only client).
   */
  resultOnFailure?: (error: unknown, events: readonly SearchEvent[]) => MatchResult;
}

/**
 * One search started at once and run to its end, its events logged for whoever watches. It owns its
 * AbortController, so `cancel()` (or `signal`) stops it and its upstream checks wherever it stands.
 */
export class SearchRun {
  readonly log = new SearchEventLog();
  /**
   * The final result; rejects only on an unexpected failure without `resultOnFailure`, which is also
   * handed to the log's watchers.
   */
  readonly result: Promise<MatchResult>;
  private readonly controller = new AbortController();

  constructor(engine: SearchEngine, request: SearchRequest, options: SearchRunOptions) {
    const { signal } = options;
    const cancel = () => this.cancel();
    if (signal?.aborted) this.cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    this.result = engine
      .search(request, {
        stopAt: options.stopAt,
        signal: this.controller.signal,
        // SearchFinished is logged from the result below, once the slot is given back: a watcher that
        // sees it and starts another search at once must find the slot free.
        onEvent: (event) => {
          if (event.type !== 'finished') this.log.append(event);
        },
        searchId: options.searchId,
        meta: options.meta,
      })
      .finally(() => {
        signal?.removeEventListener('abort', cancel);
        options.onEnd?.();
      })
      .then(
        (result) => {
          this.log.append({ type: 'finished', searchId: result.searchId, result });
          return result;
        },
        (error: unknown) => {
          if (!options.resultOnFailure) {
            this.log.fail(error);
            throw error;
          }
          let result: MatchResult;
          try {
            result = options.resultOnFailure(error, this.log.replay());
          } catch {
            // Not even a result can be made: the watchers get the original failure.
            this.log.fail(error);
            throw error;
          }
          this.log.append({ type: 'finished', searchId: result.searchId, result });
          return result;
        },
      );
    // Whoever needs the result awaits it; a failure no one awaits is still reported through the log.
    this.result.catch(() => {});
  }

  /**
   * Stops the search; it ends as CANCELLED with what was checked so far. `reason` is the abort reason
   * its engine sees (SearchHandedOver: it goes on elsewhere, so its end here is not recorded).
   */
  cancel(reason?: unknown): void {
    this.controller.abort(reason);
  }
}
