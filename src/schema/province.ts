import type { Province } from '../regions/region-registry.ts';
import { builder } from './builder.ts';
import { CityRef, type CityWithCount } from './city.ts';

const ProvinceRef = builder.objectRef<{ province: Province; cities: CityWithCount[] }>('Province').implement({
  fields: (t) => ({
    name: t.string({ resolve: ({ province }) => province.short }),
    fullName: t.string({ resolve: ({ province }) => province.full }),
    englishName: t.string({ resolve: ({ province }) => province.english }),
    segmentCount: t.int({ resolve: ({ cities }) => cities.reduce((sum, c) => sum + c.segments, 0) }),
    cities: t.field({
      type: [CityRef],
      description: 'Cities with segments, most segments first.',
      resolve: ({ cities }) => cities,
    }),
  }),
});

builder.queryField('regions', (t) =>
  t.field({
    type: [ProvinceRef],
    description: 'Provinces with their cities and segment counts, for pickers.',
    resolve: (_root, _args, { services }) =>
      services.index.regions.provinces.map((province) => ({
        province,
        cities: province.cities
          .map((city) => ({ city, segments: services.index.segmentCount(city) }))
          .filter((c) => c.segments > 0)
          .sort((a, b) => b.segments - a.segments),
      })),
  }),
);
