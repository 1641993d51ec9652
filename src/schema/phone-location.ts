import { parseLookupNumber } from '../plan/lookup-number.ts';
import type { SegmentLocation } from '../segments/segment-index.ts';
import { builder } from './builder.ts';
import { asUserInput } from './errors.ts';

export const PhoneLocationRef = builder.objectRef<SegmentLocation>('PhoneLocation').implement({
  description:
    'Where a mobile segment is and which carrier runs it. Names are canonical short forms (浙江, 杭州, 中国移动).',
  fields: (t) => ({
    segment: t.exposeString('segment', { description: 'The first 7 digits.' }),
    province: t.string({ nullable: true, resolve: (l) => l.province?.short ?? null }),
    city: t.string({ nullable: true, resolve: (l) => l.city?.short ?? null }),
    carrier: t.string({ nullable: true, resolve: (l) => l.carrier?.name ?? null }),
    provinceFullName: t.string({ nullable: true, resolve: (l) => l.province?.full ?? null }),
    provinceEnglishName: t.string({ nullable: true, resolve: (l) => l.province?.english ?? null }),
    cityFullName: t.string({ nullable: true, resolve: (l) => l.city?.full ?? null }),
    cityEnglishName: t.string({ nullable: true, resolve: (l) => l.city?.english ?? null }),
    carrierEnglishName: t.string({ nullable: true, resolve: (l) => l.carrier?.english ?? null }),
    virtualOperator: t.boolean({
      nullable: true,
      description: 'True for a virtual operator on the carrier’s network; null when the carrier is unknown.',
      resolve: (l) => l.carrier?.virtual ?? null,
    }),
    located: t.boolean({
      description: 'False when no segment source knows where this segment is.',
      resolve: (l) => l.city !== null,
    }),
    allocated: t.exposeBoolean('allocated', {
      description: 'Whether the numbering plan allocates this segment (or number) to mobile.',
    }),
    zip: t.exposeString('zip', { nullable: true }),
    areaCode: t.exposeString('areaCode', { nullable: true }),
    source: t.exposeString('source', { nullable: true, description: '`libphonenumber` or `phone.dat`.' }),
  }),
});

builder.queryField('phoneLocation', (t) =>
  t.field({
    type: PhoneLocationRef,
    nullable: true,
    description:
      'Province, city and carrier of a full number or a 7-digit segment; null when the numbering plan does not allocate it.',
    args: { number: t.arg.string({ required: true }) },
    resolve: (_root, { number }, { services }) =>
      asUserInput(() => {
        const digits = parseLookupNumber(number);
        const location = services.index.lookup(digits);
        return location.allocated ? location : null;
      }),
  }),
);
