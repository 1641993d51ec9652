import type { InputViolation } from '../errors/input-error.ts';
import type { City, Province, RegionRegistry } from '../regions/region-registry.ts';
import { type PlaceInput, type ResolvedPlace, resolvePlace } from '../regions/resolve-place.ts';

export type RegionInput = PlaceInput;

export interface RegionFilter {
  /** The customer's prefecture-level city; one with no segments of its own (三沙) still names the place. */
  readonly city: City | null;
  /** The given province, or the city's own when only a city or an address was given. */
  readonly province: Province | null;
  /** The place as read: the most specific name and the fields province and city came from. */
  readonly place: ResolvedPlace;
}

/** Resolves the customer's province, city and address to canonical places; every problem is reported. */
export function resolveRegion(
  regions: RegionRegistry,
  input: RegionInput,
): { value?: RegionFilter; problems: readonly InputViolation[] } {
  const resolution = resolvePlace(input);
  if ('problems' in resolution) return { problems: resolution.problems };
  const { place } = resolution;
  const province = place.province === null ? null : (regions.province(place.province) ?? null);
  if (place.province !== null && !province)
    throw new Error(`division table names a province ${place.province} the registry lacks`);
  const city = province && place.city !== null ? regions.cityOrUnlisted(province, place.city) : null;
  return { value: { city, province, place }, problems: [] };
}
