import { randomUUID } from 'node:crypto';
import type { CheckResult, FailureReason, RunCallback, RunSummary } from '../checker/index.ts';
import type { Logger } from '../log/logger.ts';
import { silentLogger } from '../log/logger.ts';
import { maskPhone } from '../phone/mask.ts';
import type { SearchRequest } from '../plan/search-request.ts';
import type { Tier } from '../plan/tier-plan.ts';
import { SearchHandedOver } from './search-errors.ts';
import type {
  FailureCount,
  MatchResult,
  MatchStatus,
  PhoneMatch,
  SearchEvent,
  StopAt,
  TierOutcome,
  TierReport,
} from './search-types.ts';
import { totalsOf, unsearchedReport } from './tier-reports.ts';

/** `SEARCH_DEADLINE_MS`'s default: the overall deadline of one search. */
export const DEFAULT_SEARCH_DEADLINE_MS = 120_000;

/** The part of the order checker a search needs: one fair-share session per search. */
export interface CheckSessionLike {
  run(phones: Iterable<string>, onResult: RunCallback, options?: { size?: number }): Promise<RunSummary>;
  cancel(): void;
  /** HTTP requests the session's checks sent to the order service, when the checker counts them. */
  readonly requests?: number;
}
export interface CheckerLike {
  session(signal?: AbortSignal): CheckSessionLike;
}

export interface SearchEngineOptions {
  /**
   * Overall deadline of one search; it then ends as TIMED_OUT with what was checked so far.
   * @default {@link DEFAULT_SEARCH_DEADLINE_MS}
   */
  deadlineMs?: number;
  /**
   * Least time between two progress events of one search (a tier's last one is always sent).
   * @default 100
   */
  progressIntervalMs?: number;
  logger?: Logger;
  /** Told of every finished search (metrics, audit). Must not throw. */
  onFinished?: (result: MatchResult, request: SearchRequest, info: FinishedInfo) => void;
}

/** Who asked for a search, for logs and the audit. */
export interface SearchMeta {
  /** Id of the API key the search runs under (`dev` in dev mode). */
  apiKeyId?: string;
  /** The HTTP request / WebSocket operation that started it. */
  requestId?: string;
}

/** What `onFinished` learns besides the result. */
export interface FinishedInfo extends SearchMeta {
  readonly stopAt: StopAt;
  /** Requests actually sent to the order service for this search (retries included; cache hits and joined checks excluded). */
  readonly upstreamRequests: number;
}

export interface SearchOptions {
  stopAt?: StopAt;
  /** Aborting it cancels the search and its upstream checks. */
  signal?: AbortSignal;
  /** Receives every event as it happens; must not block. */
  onEvent?: (event: SearchEvent) => void;
  meta?: SearchMeta;
  /** The id of the search (its events, result, logs and audit row); a new UUID when absent. */
  searchId?: string;
}

/** Why a search ended before running its course. */
type EndReason = 'cancelled' | 'timed-out' | 'upstream-unavailable' | undefined;

const TIER_OUTCOME_BY_END: Record<NonNullable<EndReason>, TierOutcome> = {
  cancelled: 'CANCELLED',
  'timed-out': 'TIMED_OUT',
  'upstream-unavailable': 'UPSTREAM_UNAVAILABLE',
};

/**
 * Runs a tiered search: CITY, then PROVINCE, NATIONAL and UNLOCATED, each tier's candidates checked
 * through the shared checker, stopping as soon as the answer is known for the chosen `stopAt`.
 */
export class SearchEngine {
  private readonly deadlineMs: number;
  private readonly progressIntervalMs: number;
  private readonly logger: Logger;
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  // No segment index here: a search reads the data its plan was made with (request.plan.data), so a
  // reload does not change it midway.
  constructor(
    private readonly checker: CheckerLike,
    private readonly options: SearchEngineOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? DEFAULT_SEARCH_DEADLINE_MS;
    this.progressIntervalMs = options.progressIntervalMs ?? 100;
    this.logger = options.logger ?? silentLogger;
  }

  /** Searches running now. */
  get activeSearches(): number {
    return this.running;
  }

  /** Resolves when no search is running (for graceful shutdown). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async search(request: SearchRequest, options: SearchOptions = {}): Promise<MatchResult> {
    this.running++;
    try {
      return await this.runSearch(request, options);
    } finally {
      this.running--;
      if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async runSearch(request: SearchRequest, options: SearchOptions): Promise<MatchResult> {
    const stopAt = options.stopAt ?? 'FIRST_MATCH';
    const searchId = options.searchId ?? randomUUID();
    const emit = options.onEvent ?? (() => {});
    const started = performance.now();
    const meta = options.meta ?? {};
    const log = this.logger.child({
      searchId,
      ...(meta.requestId ? { requestId: meta.requestId } : {}),
      ...(meta.apiKeyId ? { apiKeyId: meta.apiKeyId } : {}),
    });
    const query = request.number.display;

    // One controller ends the search for every reason: client gone, deadline, or done.
    const controller = new AbortController();
    let endReason: EndReason;
    const end = (reason: EndReason) => {
      if (controller.signal.aborted) return;
      endReason = reason;
      controller.abort();
    };
    const onClientAbort = () => end('cancelled');
    if (options.signal?.aborted) end('cancelled');
    options.signal?.addEventListener('abort', onClientAbort, { once: true });
    const deadline = setTimeout(() => end('timed-out'), this.deadlineMs);
    deadline.unref();

    const reports: TierReport[] = request.plan.tiers.map(unsearchedReport);
    const matches: PhoneMatch[] = [];
    const failedNumbers: string[] = [];
    const failures = new Map<FailureReason, FailureCount>();

    log.info(
      {
        query: maskPhone(query),
        city: request.region.city?.key,
        province: request.region.province?.short,
        stopAt,
        candidates: request.plan.total,
      },
      'search started',
    );
    emit({
      type: 'started',
      searchId,
      query,
      total: request.plan.total,
      tiers: reports.map((r) => ({ tier: r.tier, candidates: r.candidates, skipped: r.skipped })),
    });

    const session = this.checker.session(controller.signal);
    try {
      for (const report of reports) {
        if (report.skipped) continue;
        if (controller.signal.aborted) break;
        const { matches: tierMatches, interrupted } = await this.runTier(
          request,
          report,
          session,
          stopAt,
          searchId,
          emit,
          (phone, result) => {
            if (result.outcome === 'failed') {
              // An open breaker means the order service is down: the rest would fail the same way.
              if (result.reason === 'circuit-open') end('upstream-unavailable');
              failedNumbers.push(phone);
              const entry = failures.get(result.reason) ?? { reason: result.reason, count: 0 };
              entry.count++;
              failures.set(result.reason, entry);
            }
          },
        );
        // The checker itself cancelled the session (it was closed): the rest was never checked.
        if (interrupted) end('cancelled');
        for (const match of tierMatches) matches.push(match);
        report.outcome = endReason
          ? TIER_OUTCOME_BY_END[endReason]
          : tierMatches.length > 0 && stopAt === 'FIRST_MATCH'
            ? 'STOPPED_AT_MATCH'
            : 'COMPLETED';
        emit({ type: 'tier-finished', searchId, report: { ...report } });
        if (tierMatches.length > 0 && stopAt !== 'ALL') break;
      }
    } finally {
      clearTimeout(deadline);
      options.signal?.removeEventListener('abort', onClientAbort);
      session.cancel();
    }

    const totals = totalsOf(request.plan.total, reports);
    const everyCandidateChecked = reports.every(
      (r) => r.skipped || r.outcome === 'NOT_REACHED' || r.checked === r.candidates,
    );
    const status = statusOf(endReason, matches.length, totals.failed, everyCandidateChecked);
    const result: MatchResult = {
      searchId,
      query,
      status,
      note: noteOf(endReason, totals),
      matches,
      tiers: reports,
      failedNumbers,
      failures: [...failures.values()],
      totals,
      elapsedMs: performance.now() - started,
    };
    // Handed over at shutdown: the instance that takes it over finishes it, logs it and audits it.
    if (options.signal?.reason instanceof SearchHandedOver) {
      log.info({ query: maskPhone(query), ...totals }, 'search handed over');
      emit({ type: 'finished', searchId, result });
      return result;
    }
    // Handed over at shutdown: the instance that takes it over finishes it, logs it and audits it.
    if (options.signal?.reason instanceof SearchHandedOver) {
      log.info({ query: maskPhone(query), ...totals }, 'search handed over');
      emit({ type: 'finished', searchId, result });
      return result;
    }
    log.info(
      {
        query: maskPhone(query),
        status,
        matches: matches.map((m) => maskPhone(m.phone)),
        ...totals,
        elapsedMs: Math.round(result.elapsedMs),
      },
      'search finished',
    );
    try {
      this.options.onFinished?.(result, request, {
        ...meta,
        stopAt,
        upstreamRequests: session.requests ?? totals.checked - totals.cacheHits,
      });
    } catch (error) {
      log.error({ err: error }, 'search observer failed');
    }
    emit({ type: 'finished', searchId, result });
    return result;
  }

  /** Checks one tier's candidates; returns its matches. */
  private async runTier(
    request: SearchRequest,
    report: TierReport,
    session: CheckSessionLike,
    stopAt: StopAt,
    searchId: string,
    emit: (event: SearchEvent) => void,
    onFailure: (phone: string, result: CheckResult) => void,
  ): Promise<{ matches: PhoneMatch[]; interrupted: boolean }> {
    const tier: Tier = report.tier;
    const started = performance.now();
    const matches: PhoneMatch[] = [];
    let lastProgress = started;
    const progress = () =>
      emit({
        type: 'progress',
        searchId,
        tier,
        checked: report.checked,
        total: report.candidates,
        failed: report.failed,
        withOrders: report.withOrders,
      });

    emit({ type: 'tier-started', searchId, tier, candidates: report.candidates });
    const summary = await session.run(
      request.plan.candidates(tier),
      (phone, result) => {
        if (result.outcome === 'failed' && result.reason === 'cancelled') return undefined;
        report.checked++;
        if (result.cached) report.cacheHits++;
        if (result.outcome === 'failed') {
          report.failed++;
          onFailure(phone, result);
        } else if (result.outcome === 'orders') {
          report.withOrders++;
          const match: PhoneMatch = { phone, tier, location: request.plan.data.lookup(phone) };
          matches.push(match);
          emit({ type: 'match', searchId, match });
        }
        const now = performance.now();
        if (now - lastProgress >= this.progressIntervalMs) {
          lastProgress = now;
          progress();
        }
        return result.outcome === 'orders' && stopAt === 'FIRST_MATCH' ? 'stop' : undefined;
      },
      { size: report.candidates },
    );
    report.elapsedMs = performance.now() - started;
    progress();
    return { matches, interrupted: summary.cancelled && !summary.stopped };
  }
}

function statusOf(endReason: EndReason, matches: number, failed: number, everyCandidateChecked: boolean): MatchStatus {
  if (endReason === 'cancelled') return 'CANCELLED';
  if (endReason === 'timed-out') return 'TIMED_OUT';
  if (matches > 0) return 'MATCHED';
  // NOT_FOUND is a claim about every candidate of every tier run; anything less is INCOMPLETE.
  if (failed > 0 || endReason === 'upstream-unavailable' || !everyCandidateChecked) return 'INCOMPLETE';
  return 'NOT_FOUND';
}

/** A sentence for an operator when the status alone does not say why. */
function noteOf(endReason: EndReason, totals: MatchResult['totals']): string | null {
  const unchecked = totals.candidates - totals.checked;
  switch (endReason) {
    case 'upstream-unavailable':
      return `the order service is unavailable (circuit breaker open); ${totals.failed} checks failed and ${unchecked} candidates were not checked; search again later`;
    case 'timed-out':
      return `the search deadline passed with ${unchecked} candidates not checked`;
    case 'cancelled':
      return 'the search was cancelled (the client left or the server is shutting down)';
    default:
      return totals.failed > 0 ? `${totals.failed} checks failed; search again to re-check only those` : null;
  }
}
