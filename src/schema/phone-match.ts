import type { PhoneMatch } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { PhoneLocationRef } from './phone-location.ts';
import { TierEnum } from './tier.ts';

export const PhoneMatchRef = builder.objectRef<PhoneMatch>('PhoneMatch').implement({
  description: 'A candidate the order service says has orders: the number behind the partial one.',
  fields: (t) => ({
    phone: t.exposeString('phone', { description: 'The full 11-digit number, e.g. 13812341234.' }),
    tier: t.field({ type: TierEnum, description: 'The tier it was found in.', resolve: (m) => m.tier }),
    location: t.field({
      type: PhoneLocationRef,
      nullable: true,
      description:
        'Where its segment is and its carrier. Never null in practice (a match is always an allocated number).',
      resolve: (m) => m.location,
    }),
  }),
});
