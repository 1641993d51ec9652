import type { SearchProgress, TierState } from '../../../client/search-progress.ts';
import type { Tier } from '../../../schema/generated/graphql.ts';
import type { Place } from '../search-form.ts';
import { count, t } from './language.ts';

/** What a tier covers, for this place. */
export function tierScope(tier: Tier, place: Place): string {
  switch (tier) {
    case 'CITY':
      return place.city ? t.scope.cityOf(place.city) : t.scope.noCity;
    case 'PROVINCE':
      if (!place.province) return t.scope.noProvince;
      return place.city ? t.scope.restOf(place.province) : t.scope.provinceOf(place.province);
    case 'NATIONAL':
      return place.city || place.province ? t.scope.restOfCountry : t.scope.wholeCountry;
    case 'UNLOCATED':
      return t.scope.unlocated;
  }
}

export type Tone = 'success' | 'warning' | 'danger' | 'neutral';

export interface Verdict {
  readonly tone: Tone;
  readonly title: string;
  readonly detail: string;
}

/**
 * The search's ending in words an agent can act on. `cancelledHere`: this console's Cancel stopped
 * it, so the agent is told it was them rather than the service.
 */
export function verdictOf(progress: SearchProgress, cancelledHere = false): Verdict {
  const checked = t.verdict.checked(progress.checked, progress.total, count);
  const failedText = t.verdict.failedChecks(progress.failed, count);
  const down = progress.tiers.some((tier) => tier.outcome === 'UPSTREAM_UNAVAILABLE');
  switch (progress.status) {
    case 'MATCHED':
      return {
        tone: 'success',
        title: progress.matches.length > 1 ? t.verdict.matchedMany(progress.matches.length, count) : t.statuses.MATCHED,
        detail: t.verdict.matchedDetail(checked, progress.failed ? failedText : null),
      };
    case 'NOT_FOUND':
      return {
        tone: 'neutral',
        title: t.statuses.NOT_FOUND,
        detail: t.verdict.notFoundDetail(progress.checked, count),
      };
    case 'INCOMPLETE':
      return down
        ? { tone: 'danger', title: t.verdict.downTitle, detail: t.verdict.downDetail(checked, failedText) }
        : { tone: 'warning', title: t.statuses.INCOMPLETE, detail: t.verdict.incompleteDetail(failedText) };
    case 'TIMED_OUT':
      return { tone: 'warning', title: t.verdict.timedOutTitle, detail: t.verdict.timedOutDetail(checked) };
    case 'CANCELLED': {
      const who = cancelledHere ? t.verdict.cancelledByYou(checked) : t.verdict.cancelledElsewhere(checked);
      const none = progress.matches.length ? '' : ` ${t.verdict.noMatchAmongThem}`;
      return { tone: 'neutral', title: t.verdict.cancelledTitle, detail: `${who}${none}` };
    }
    default:
      return { tone: 'neutral', title: t.verdict.searching, detail: checked };
  }
}

/** A tier's counts; a tier with no candidates says so rather than 0 / 0. */
export function tierCounts(tier: TierState): string {
  if (tier.skipped) return t.view.skipped;
  if (tier.candidates === 0) return t.view.noCandidates;
  return t.view.tierCounts(tier.checked, tier.candidates, tier.failed, count);
}

/** 13805711234 → 138 0571 1234, as agents read numbers out. */
export function formatPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` : phone;
}

/** 13805711234 → 138****1234: a number shown before the agent asks to see it. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/**
 * A short reference for a search id (a UUID): its first eight hex digits as 7F3A-9C21, easy to read out
 * and to find in the logs, which carry the whole id.
 */
export function searchReference(id: string): string {
  const hex = id
    .replace(/[^0-9a-f]/gi, '')
    .slice(0, 8)
    .toUpperCase();
  return hex.length === 8 ? `${hex.slice(0, 4)}-${hex.slice(4)}` : id;
}
