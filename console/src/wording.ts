import type { SearchProgress, TierState } from '../../client/search-progress.ts';
import type { Tier, TierOutcome } from '../../schema/generated/graphql.ts';
import type { Place } from './search-form.ts';

/** A tier's name: also the accessible name of its progress bar. */
export const TIER_NAMES: Record<Tier, string> = {
  CITY: 'City',
  PROVINCE: 'Province',
  NATIONAL: 'National',
  UNLOCATED: 'Unlocated',
};

/** What a tier covers, for this place. */
export function tierScope(tier: Tier, place: Place): string {
  switch (tier) {
    case 'CITY':
      return place.city ? `numbers in ${place.city}` : 'no city given';
    case 'PROVINCE':
      if (!place.province) return 'no province given';
      return place.city ? `rest of ${place.province}` : `numbers in ${place.province}`;
    case 'NATIONAL':
      return place.city || place.province ? 'rest of the country' : 'the whole country';
    case 'UNLOCATED':
      return 'segments of no known place';
  }
}

export const OUTCOME_NAMES: Record<TierOutcome, string> = {
  SKIPPED: 'Skipped',
  COMPLETED: 'All checked',
  STOPPED_AT_MATCH: 'Stopped at the match',
  NOT_REACHED: 'Not needed',
  RUNNING: 'Searching',
  CANCELLED: 'Cancelled',
  TIMED_OUT: 'Out of time',
  UPSTREAM_UNAVAILABLE: 'Order service down',
};

export type Tone = 'success' | 'warning' | 'danger' | 'neutral';

export interface Verdict {
  readonly tone: Tone;
  readonly title: string;
  readonly detail: string;
}

/** The search's ending in words an agent can act on. */
export function verdictOf(progress: SearchProgress): Verdict {
  const checked = `${count(progress.checked)} of ${count(progress.total)} numbers checked`;
  const failed = progress.failed;
  const failedText = `${count(failed)} ${failed === 1 ? 'check' : 'checks'} failed`;
  const down = progress.tiers.some((t) => t.outcome === 'UPSTREAM_UNAVAILABLE');
  switch (progress.status) {
    case 'MATCHED':
      return {
        tone: 'success',
        title: progress.matches.length > 1 ? `${progress.matches.length} numbers with orders` : 'Number found',
        detail: `${checked}.${failed ? ` ${failedText}, which does not change this match.` : ''}`,
      };
    case 'NOT_FOUND':
      return {
        tone: 'neutral',
        title: 'No number with orders',
        detail: `Every candidate was checked (${count(progress.checked)}) and none has orders. Check the digits and the place with the customer.`,
      };
    case 'INCOMPLETE':
      return down
        ? {
            tone: 'danger',
            title: 'The order service is not answering',
            detail: `The search stopped: ${checked}, ${failedText}. No match among the numbers that could be checked. Try again in a few minutes.`,
          }
        : {
            tone: 'warning',
            title: 'Not sure: some checks failed',
            detail: `No match among the numbers checked, but ${failedText}, so the number may be one of those. Search again to retry them (numbers already answered are not asked again).`,
          };
    case 'TIMED_OUT':
      return {
        tone: 'warning',
        title: 'The search ran out of time',
        detail: `${checked} before the time limit. Add the city or more digits to narrow it down, or search again.`,
      };
    case 'CANCELLED':
      return {
        tone: 'neutral',
        title: 'Search cancelled',
        detail: `${checked} before it was cancelled.${progress.matches.length ? '' : ' No match among them.'}`,
      };
    default:
      return { tone: 'neutral', title: 'Searching…', detail: checked };
  }
}

export function tierCounts(tier: TierState): string {
  if (tier.skipped) return 'Skipped';
  const failed = tier.failed ? ` · ${count(tier.failed)} failed` : '';
  return `${count(tier.checked)} / ${count(tier.candidates)} checked${failed}`;
}

/** 13805711234 → 138 0571 1234, as agents read numbers out. */
export function formatPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function seconds(ms: number | null): string {
  return ms === null ? '' : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
