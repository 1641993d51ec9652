import type { PhoneMatch } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { PhoneLocationRef } from './phone-location.ts';
import { TierEnum } from './tier.ts';

export const PhoneMatchRef = builder.objectRef<PhoneMatch>('PhoneMatch').implement({
  fields: (t) => ({
    phone: t.exposeString('phone'),
    tier: t.field({ type: TierEnum, resolve: (m) => m.tier }),
    location: t.field({ type: PhoneLocationRef, nullable: true, resolve: (m) => m.location }),
  }),
});
