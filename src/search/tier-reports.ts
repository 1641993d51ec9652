import type { SearchTotals, TierPlanSummary, TierReport } from './search-types.ts';

/** A tier's report before it is searched: nothing checked yet, SKIPPED or NOT_REACHED. */
export function unsearchedReport(tier: TierPlanSummary): TierReport {
  return {
    tier: tier.tier,
    candidates: tier.candidates,
    checked: 0,
    withOrders: 0,
    failed: 0,
    cacheHits: 0,
    elapsedMs: 0,
    skipped: tier.skipped,
    outcome: tier.skipped ? 'SKIPPED' : 'NOT_REACHED',
  };
}

/** A search's totals: `candidates` in all its tiers, and the counts its tier reports add up to. */
export function totalsOf(candidates: number, reports: Iterable<TierReport>): SearchTotals {
  const totals = { candidates, checked: 0, withOrders: 0, failed: 0, cacheHits: 0 };
  for (const report of reports) {
    totals.checked += report.checked;
    totals.withOrders += report.withOrders;
    totals.failed += report.failed;
    totals.cacheHits += report.cacheHits;
  }
  return totals;
}
