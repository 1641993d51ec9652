import { locateWithLearning } from '../learning/learned-location.ts';
import { parseLookupNumber } from '../plan/lookup-number.ts';
import { LOCATION_ORIGINS } from '../segments/segment-data.ts';
import type { SegmentLocation } from '../segments/segment-index.ts';
import { builder } from './builder.ts';
import { asUserInput } from './errors.ts';

const LocationOriginRef = builder.enumType('LocationOrigin', {
  description: 'Where a location’s place came from.',
  values: {
    DATA: {
      value: LOCATION_ORIGINS[0],
      description: 'The segment data files: libphonenumber’s embedded data, the shipped phone.dat or PHONE_DAT_PATH.',
    },
    OVERLAY: { value: LOCATION_ORIGINS[1], description: 'The operator’s overlay (SEGMENTS_OVERLAY_PATH).' },
    LEARNED: {
      value: LOCATION_ORIGINS[2],
      description:
        'Matched searches that named this city, where the data places the segment nowhere; `evidence` says how many.',
    },
  } as const,
});

export const PhoneLocationRef = builder.objectRef<SegmentLocation>('PhoneLocation').implement({
  description:
    'Where a mobile segment is and which carrier runs it, from the segment data (where the segment is registered, not where its owner is now). Names are canonical short forms (浙江, 杭州, 中国移动).',
  fields: (t) => ({
    segment: t.exposeString('segment', { description: 'The first 7 digits.' }),
    province: t.string({
      nullable: true,
      description: 'Province short name, e.g. 浙江; null when not located.',
      resolve: (l) => l.province?.short ?? null,
    }),
    city: t.string({
      nullable: true,
      description: 'City short name, e.g. 杭州; null when not located.',
      resolve: (l) => l.city?.short ?? null,
    }),
    carrier: t.string({
      nullable: true,
      description:
        'Carrier short name (中国移动, 中国联通, 中国电信 or 中国广电); null when unknown. May be known when the place is not.',
      resolve: (l) => l.carrier?.name ?? null,
    }),
    provinceFullName: t.string({
      nullable: true,
      description: 'Province full name, e.g. 浙江省; null when not located.',
      resolve: (l) => l.province?.full ?? null,
    }),
    provinceEnglishName: t.string({
      nullable: true,
      description: 'Province English name, e.g. Zhejiang; null when not located.',
      resolve: (l) => l.province?.english ?? null,
    }),
    cityFullName: t.string({
      nullable: true,
      description: 'City full name, e.g. 杭州市; null when not located.',
      resolve: (l) => l.city?.full ?? null,
    }),
    cityEnglishName: t.string({
      nullable: true,
      description: 'City English name, e.g. Hangzhou; null when not located or when the data gives none.',
      resolve: (l) => l.city?.english ?? null,
    }),
    carrierEnglishName: t.string({
      nullable: true,
      description: 'Carrier English name, e.g. China Mobile; null when unknown.',
      resolve: (l) => l.carrier?.english ?? null,
    }),
    virtualOperator: t.boolean({
      nullable: true,
      description:
        'True for a virtual operator on the carrier’s network, which only phone.dat tells (with the embedded data alone it is false); null when the carrier is unknown.',
      resolve: (l) => l.carrier?.virtual ?? null,
    }),
    located: t.boolean({
      description: 'False when no segment source knows where this segment is: the place fields are then null.',
      resolve: (l) => l.city !== null,
    }),
    allocated: t.exposeBoolean('allocated', {
      description:
        'Whether the numbering plan allocates this segment (or number) to mobile; always true here, since phoneLocation returns null otherwise and matches are allocated.',
    }),
    zip: t.exposeString('zip', {
      nullable: true,
      description: 'Postal code of the place, e.g. 310000; only phone.dat has it (null otherwise).',
    }),
    areaCode: t.exposeString('areaCode', {
      nullable: true,
      description: 'Landline area code of the place, e.g. 0571; only phone.dat has it (null otherwise).',
    }),
    source: t.exposeString('source', {
      nullable: true,
      description:
        'Which data format located the segment: `libphonenumber` (embedded), `phone.dat` (shipped or PHONE_DAT_PATH) or `overlay`; null when not located or only learned.',
    }),
    origin: t.field({
      type: LocationOriginRef,
      nullable: true,
      description: 'Where the place came from: DATA, OVERLAY or LEARNED; null when not located.',
      resolve: (l) => l.origin,
    }),
    evidence: t.int({
      description:
        'Matched searches that named this city for this segment (each API key counted up to LEARN_PLACES_PER_KEY); 0 when none, when not located or when LEARN_PLACES=off.',
      resolve: (l, _args, { services }) =>
        l.city ? (services.index.learned?.countFor(Number(l.segment), l.city) ?? 0) : 0,
    }),
  }),
});

builder.queryField('phoneLocation', (t) =>
  t.field({
    type: PhoneLocationRef,
    nullable: true,
    description:
      'Province, city and carrier of a full number or a 7-digit segment, from the segment data, or from learned matches where the data has no place (`origin` says which; no order service, no quota); null when neither the numbering plan nor the loaded data allocates it to mobile. A malformed number gives BAD_USER_INPUT with extensions.field "number".',
    args: {
      number: t.arg.string({
        required: true,
        description:
          'An 11-digit mobile number or its first 7 digits, starting with 1; ASCII or full-width digits, surrounding spaces trimmed.',
      }),
    },
    resolve: (_root, { number }, { services }) =>
      asUserInput(() => {
        const digits = parseLookupNumber(number);
        const location = services.index.lookup(digits);
        return location.allocated ? locateWithLearning(location, services.index.learned) : null;
      }),
  }),
);
