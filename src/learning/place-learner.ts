import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import type { SearchRequest } from '../plan/search-request.ts';
import type { FinishedInfo } from '../search/search-engine.ts';
import type { MatchResult } from '../search/search-types.ts';
import { SEGMENT_LENGTH } from '../segments/numbering-plan.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';
import type { EvidenceStore } from './evidence-store.ts';
import { LearnedPlaces } from './learned-places.ts';

/** `LEARN_PLACES_PER_KEY`'s default: the most evidence one API key gives one segment in one city. */
export const DEFAULT_LEARN_PER_KEY = 3;
/** How often an instance looks for evidence the others added (a fleet); its own shows at once. */
export const DEFAULT_LEARN_REFRESH_MS = 2000;

export interface PlaceLearnerOptions {
  store: EvidenceStore;
  /** The learned places are handed to the index, where plans and phoneLocation read them. */
  index: SegmentIndex;
  /** @default {@link DEFAULT_LEARN_PER_KEY} */
  perKey?: number;
  /** @default {@link DEFAULT_LEARN_REFRESH_MS} */
  refreshMs?: number;
  logger?: Logger;
}

/**
 * Learns where segments are from matched searches. A MATCHED search whose input named a city adds,
 * for each matched number's 7-digit segment, one piece of evidence for that city under the search's
 * API key (capped per key); the number itself is not kept. The index then holds the summed evidence,
 * which plans use to search such segments earlier (never to leave any out).
 */
export class PlaceLearner {
  private readonly perKey: number;
  private readonly log: Logger;
  private seenVersion: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private again = false;
  private readonly writes = new Set<Promise<unknown>>();
  /** The store could not be read last time: one warning per outage, not one per poll. */
  private unreadable = false;

  constructor(private readonly options: PlaceLearnerOptions) {
    this.perKey = options.perKey ?? DEFAULT_LEARN_PER_KEY;
    this.log = (options.logger ?? silentLogger).child({ component: 'learning' });
  }

  /** Reads what was learned before (this instance's last run, or the fleet), then follows changes. */
  async start(): Promise<void> {
    this.options.index.learned = LearnedPlaces.empty();
    await this.refresh();
    const every = this.options.refreshMs ?? DEFAULT_LEARN_REFRESH_MS;
    this.timer = setInterval(() => void this.refresh(), every);
    this.timer.unref();
    this.log.info({ store: this.options.store.kind, segments: this.learned.size }, 'learned places loaded');
  }

  /** Where the evidence is kept: `sqlite`, `redis` or `memory`. */
  get storeKind(): string {
    return this.options.store.kind;
  }

  get learned(): LearnedPlaces {
    return this.options.index.learned ?? LearnedPlaces.empty();
  }

  /** The search engine's onFinished hook: never throws, never waits. */
  record(result: MatchResult, request: SearchRequest, info: FinishedInfo): void {
    const city = request.region.city;
    if (result.status !== 'MATCHED' || !city) return;
    const segments = new Set(result.matches.map((m) => Number(m.phone.slice(0, SEGMENT_LENGTH))));
    const keyId = info.apiKeyId ?? 'anonymous';
    for (const segment of segments) {
      const write = this.options.store.add(segment, city.key, keyId, this.perKey).then(
        (counted) => (counted ? this.refresh() : undefined),
        (error: unknown) => this.log.warn({ err: error, segment }, 'could not record a learned place'),
      );
      this.writes.add(write);
      void write.finally(() => this.writes.delete(write));
    }
  }

  /** Resolves once every evidence write so far is stored and visible to plans. */
  async settled(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes);
    await this.refreshing;
  }

  /** Reads the store again when its version moved; one read at a time, one more if asked meanwhile. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          const version = await this.options.store.version();
          this.unreadable = false;
          if (version === this.seenVersion) continue;
          const rows = await this.options.store.rows();
          this.options.index.learned = LearnedPlaces.fromRows(rows, this.options.index.regions, this.perKey);
          this.seenVersion = version;
        } catch (error) {
          if (!this.unreadable) {
            this.log.warn({ err: error }, 'could not read learned places; planning with the last ones read');
          }
          this.unreadable = true;
        }
      } while (this.again);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Stops following the store once every write is in; the index plans without learned places again. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.settled();
    this.options.store.close?.();
    this.options.index.learned = undefined;
  }
}
