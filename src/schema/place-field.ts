import type { PlaceField } from '../regions/resolve-place.ts';
import { builder } from './builder.ts';

export const PlaceFieldEnum = builder.enumType('PlaceField', {
  description: 'The MatchPhoneInput field a place was read from.',
  values: {
    CITY: { value: 'city', description: 'MatchPhoneInput.city.' },
    PROVINCE: { value: 'province', description: 'MatchPhoneInput.province.' },
    ADDRESS: { value: 'address', description: 'MatchPhoneInput.address.' },
  } satisfies Record<Uppercase<PlaceField>, { value: PlaceField; description: string }>,
});
