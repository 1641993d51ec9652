import type { City } from '../regions/region-registry.ts';
import { builder } from './builder.ts';

/** A city with the number of segments located in it. */
export interface CityWithCount {
  city: City;
  segments: number;
}

export const CityRef = builder.objectRef<CityWithCount>('City').implement({
  fields: (t) => ({
    name: t.string({ resolve: ({ city }) => city.short }),
    fullName: t.string({ resolve: ({ city }) => city.full }),
    englishName: t.string({ nullable: true, resolve: ({ city }) => city.english }),
    province: t.string({ resolve: ({ city }) => city.province.short }),
    segmentCount: t.int({
      description: 'Allocated 7-digit segments located in this city.',
      resolve: ({ segments }) => segments,
    }),
  }),
});
