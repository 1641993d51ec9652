import { OrderChecker } from '../../src/checker/index.ts';
import { buildSearchRequest, type SearchInput, type SearchRequest } from '../../src/plan/search-request.ts';
import { TIERS } from '../../src/plan/tier-plan.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import type { MatchResult, SearchEvent, StopAt } from '../../src/search/search-types.ts';
import { SegmentIndex } from '../../src/segments/segment-index.ts';
import { SIM_TOKEN } from './simulator.ts';

/** The engine's in-flight bound in every scenario, and the raw loop's connection count. */
export const IN_FLIGHT = 100;
export const NATIONWIDE: SearchInput = { prefix: '138', suffix: '1234' };

let index: SegmentIndex | undefined;
export function benchIndex(): SegmentIndex {
  index ??= SegmentIndex.load();
  return index;
}

export function request(input: SearchInput): SearchRequest {
  return buildSearchRequest(benchIndex(), input);
}

/** Every candidate of a plan in search order (tiers in order, each ascending). */
export function allCandidates(req: SearchRequest): string[] {
  const out: string[] = [];
  for (const slice of req.plan.tiers)
    if (!slice.skipped) for (const phone of req.plan.candidates(slice.tier)) out.push(phone);
  return out;
}

export function newChecker(ordersUrlTemplate: string, concurrency = IN_FLIGHT): OrderChecker {
  return new OrderChecker({ orderService: { urlTemplate: ordersUrlTemplate, sessionToken: SIM_TOKEN }, concurrency });
}

export function newEngine(checker: OrderChecker): SearchEngine {
  return new SearchEngine(checker, { deadlineMs: 600_000 });
}

export interface TimedSearch {
  readonly result: MatchResult;
  readonly elapsedMs: number;
  readonly checks: number;
  readonly perSecond: number;
}

/** One search on a fresh checker (so nothing is answered from cache and the pool starts cold, like the raw loop). */
export async function timedSearch(
  ordersUrlTemplate: string,
  input: SearchInput,
  stopAt: StopAt = 'ALL',
  onEvent?: (event: SearchEvent) => void,
): Promise<TimedSearch> {
  const checker = newChecker(ordersUrlTemplate);
  try {
    const engine = newEngine(checker);
    const req = request(input);
    const started = performance.now();
    const result = await engine.search(req, { stopAt, ...(onEvent ? { onEvent } : {}) });
    const elapsedMs = performance.now() - started;
    const checks = checker.stats().requests;
    if (result.totals.failed > 0)
      throw new Error(`search had ${result.totals.failed} failed checks: ${JSON.stringify(result.failures)}`);
    return { result, elapsedMs, checks, perSecond: (checks / elapsedMs) * 1000 };
  } finally {
    await checker.close();
  }
}

export { TIERS };
