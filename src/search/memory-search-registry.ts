import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../log/logger.ts';
import type { SearchEngine } from './search-engine.ts';
import {
  abandonedResult,
  progressOf,
  searchedFor,
  type SearchedFor,
  type SearchRecord,
  type SearchRegistry,
  type SearchRegistryOptions,
  type StartSearchSpec,
} from './search-registry.ts';
import { SearchRun } from './search-run.ts';
import type { MatchResult, SearchEvent } from './search-types.ts';

interface Entry {
  readonly id: string;
  readonly ownerKeyId: string;
  readonly input: SearchedFor;
  readonly run: SearchRun;
  readonly startedAt: Date;
  finishedAt: Date | null;
  result: MatchResult | null;
  watchers: number;
  /** The unwatched grace (while running) or the retention (once finished). */
  timer: NodeJS.Timeout | undefined;
}

/**
 * The search registry of one process: searches run here, their records and event logs live in
 * memory. See SearchRegistry for the contract.
 */
export class MemorySearchRegistry implements SearchRegistry {
  private readonly entries = new Map<string, Entry>();

  private readonly log: Logger;

  constructor(
    private readonly engine: SearchEngine,
    private readonly options: SearchRegistryOptions,
    logger: Logger = silentLogger,
  ) {
    this.log = logger.child({ component: 'search-registry' });
  }

  start(spec: StartSearchSpec): Promise<SearchRecord> {
    const id = randomUUID();
    const run = new SearchRun(this.engine, spec.request, {
      stopAt: spec.stopAt,
      searchId: id,
      meta: spec.owner,
      onEnd: spec.onEnd,
      // A run that failed unexpectedly still reads as over, with where it stood, as in a fleet.
      resultOnFailure: (error, events) => {
        this.log.error({ searchId: id, err: error }, 'search failed unexpectedly');
        return abandonedResult(id, events, 'the search failed unexpectedly');
      },
    });
    const entry: Entry = {
      id,
      ownerKeyId: spec.owner.apiKeyId,
      input: searchedFor(spec),
      run,
      startedAt: new Date(),
      finishedAt: null,
      result: null,
      watchers: 0,
      timer: undefined,
    };
    this.entries.set(id, entry);
    this.armGrace(entry);
    // Over, and forgotten after the retention. No result only when not even an abandoned one could be made.
    const finished = (result: MatchResult | null) => {
      entry.result = result;
      entry.finishedAt = new Date();
      clearTimeout(entry.timer);
      entry.timer = setTimeout(() => this.entries.delete(id), this.options.retentionMs).unref();
    };
    void run.result.then(finished, () => finished(null));
    return Promise.resolve(recordOf(entry));
  }

  get(id: string, apiKeyId: string): Promise<SearchRecord | undefined> {
    const entry = this.owned(id, apiKeyId);
    return Promise.resolve(entry && recordOf(entry));
  }

  watch(id: string, apiKeyId: string): Promise<AsyncIterableIterator<SearchEvent> | undefined> {
    const entry = this.owned(id, apiKeyId);
    if (!entry) return Promise.resolve(undefined);
    entry.watchers++;
    if (!entry.finishedAt) clearTimeout(entry.timer);
    return Promise.resolve(
      entry.run.log.follow({
        onClose: () => {
          entry.watchers--;
          this.armGrace(entry);
        },
      }),
    );
  }

  async cancel(id: string, apiKeyId: string): Promise<SearchRecord | undefined> {
    const entry = this.owned(id, apiKeyId);
    if (!entry) return undefined;
    entry.run.cancel();
    await entry.run.result.catch(() => {});
    return recordOf(entry);
  }

  async close(): Promise<void> {
    const running = [...this.entries.values()];
    for (const entry of running) {
      clearTimeout(entry.timer);
      entry.run.cancel();
    }
    await Promise.all(running.map((entry) => entry.run.result.catch(() => {})));
    for (const entry of running) clearTimeout(entry.timer);
    this.entries.clear();
  }

  private owned(id: string, apiKeyId: string): Entry | undefined {
    const entry = this.entries.get(id);
    return entry && entry.ownerKeyId === apiKeyId ? entry : undefined;
  }

  /** Starts the unwatched grace of a running search that has no watcher left. */
  private armGrace(entry: Entry): void {
    if (entry.finishedAt || entry.watchers > 0) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (entry.watchers === 0) entry.run.cancel();
    }, this.options.unwatchedGraceMs).unref();
  }
}

function recordOf(entry: Entry): SearchRecord {
  return {
    id: entry.id,
    state: entry.finishedAt ? 'FINISHED' : 'RUNNING',
    input: entry.input,
    progress: entry.result ? entry.result.tiers.map((r) => ({ ...r })) : progressOf(entry.run.log.replay()),
    result: entry.result,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
  };
}
