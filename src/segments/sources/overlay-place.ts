import { resolveRegion } from '../../plan/region-filter.ts';
import type { City, RegionRegistry } from '../../regions/region-registry.ts';

export type OverlayPlace = { readonly city: City } | { readonly problem: string };

/**
 * The city an overlay line names, read exactly as the search input reads a place (short, full,
 * English or pinyin names, county-level cities and districts, which stand for their prefecture).
 * The one place the overlay resolves names.
 */
export function resolveOverlayPlace(regions: RegionRegistry, provinceName: string, cityName: string): OverlayPlace {
  if (cityName.trim() === '') return { problem: 'city is empty; every line places its segments in a city' };
  const { value, problems } = resolveRegion(regions, { province: provinceName, city: cityName });
  if (value?.city) return { city: value.city };
  if (problems.length === 0) return { problem: `'${cityName}' names no city of ${provinceName}` };
  return {
    problem: problems
      .map(
        (p) => `${p.field}: ${p.message}${p.suggestions.length ? ` (did you mean ${p.suggestions.join(', ')}?)` : ''}`,
      )
      .join('; '),
  };
}
