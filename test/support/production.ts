import { hashApiKey } from '../../src/auth/api-keys.ts';

/** Two API keys and the environment of a production service that knows them. */
export const ALICE_KEY = 'alice-key-0123456789abcdef';
export const BOB_KEY = 'bob-key-fedcba9876543210';
export const PRODUCTION = {
  PHONEMATCH_MODE: 'production',
  API_KEYS: `alice:${hashApiKey(ALICE_KEY)},bob:${hashApiKey(BOB_KEY)}`,
};

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A full mainland mobile number anywhere in a text (logs and responses must not carry one). */
export const FULL_NUMBER = /(?<!\d)1[3-9]\d{9}(?!\d)/;
