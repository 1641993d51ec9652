import type { City } from '../regions/region-registry.ts';
import { builder } from './builder.ts';

/** A city with the number of segments located in it. */
export interface CityWithCount {
  city: City;
  segments: number;
}

export const CityRef = builder.objectRef<CityWithCount>('City').implement({
  description:
    'A city with mobile segments, for pickers. Send `name` as MatchPhoneInput.city and its `province` as MatchPhoneInput.province, so the city is never ambiguous.',
  fields: (t) => ({
    name: t.string({ description: 'Canonical short name, e.g. 杭州.', resolve: ({ city }) => city.short }),
    fullName: t.string({ description: 'Full name, e.g. 杭州市.', resolve: ({ city }) => city.full }),
    englishName: t.string({
      nullable: true,
      description: 'English name, e.g. Hangzhou; null when the segment data gives none.',
      resolve: ({ city }) => city.english,
    }),
    province: t.string({
      description: 'Short name of its province, e.g. 浙江 (Province.name).',
      resolve: ({ city }) => city.province.short,
    }),
    segmentCount: t.int({
      description: 'Allocated 7-digit segments located in this city.',
      resolve: ({ segments }) => segments,
    }),
  }),
});
