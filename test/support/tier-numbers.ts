import { buildSearchRequest, type SearchInput } from '../../src/plan/search-request.ts';
import type { Tier } from '../../src/plan/tier-plan.ts';
import { embeddedIndex } from './segment-data.ts';

/** The plan of `input` on the embedded data, to place numbers with orders in chosen tiers. */
export function planFor(input: SearchInput) {
  return buildSearchRequest(embeddedIndex(), input).plan;
}

/** The `position`-th candidate (0-based) of a tier; a negative position counts from the end. */
export function candidateAt(input: SearchInput, tier: Tier, position: number): string {
  const all = [...planFor(input).candidates(tier)];
  const found = all.at(position);
  if (!found) throw new Error(`tier ${tier} has only ${all.length} candidates`);
  return found;
}

export function candidatesOf(input: SearchInput, tier: Tier): Set<string> {
  return new Set(planFor(input).candidates(tier));
}
