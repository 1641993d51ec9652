import type { Province } from '../regions/region-registry.ts';
import { builder } from './builder.ts';
import { CityRef, type CityWithCount } from './city.ts';

const ProvinceRef = builder.objectRef<{ province: Province; cities: CityWithCount[] }>('Province').implement({
  description:
    'A province-level division of mainland China (province, municipality or autonomous region), for pickers. Send `name` as MatchPhoneInput.province.',
  fields: (t) => ({
    name: t.string({
      description: 'Canonical short name, e.g. 浙江 or 北京.',
      resolve: ({ province }) => province.short,
    }),
    fullName: t.string({
      description: 'Full name, e.g. 浙江省, 北京市 or 广西壮族自治区.',
      resolve: ({ province }) => province.full,
    }),
    englishName: t.string({
      description: 'English name, e.g. Zhejiang.',
      resolve: ({ province }) => province.english,
    }),
    segmentCount: t.int({
      description: 'Allocated 7-digit segments located in the province (the sum over its cities).',
      resolve: ({ cities }) => cities.reduce((sum, c) => sum + c.segments, 0),
    }),
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
    description:
      'The 31 province-level divisions of mainland China in a fixed order (municipalities first), each with its cities that have segments and their segment counts, for pickers.',
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
