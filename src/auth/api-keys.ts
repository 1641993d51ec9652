import { createHash, timingSafeEqual } from 'node:crypto';

/** The sha256 hex of an API key: what API_KEYS holds (`id:hash`), so the key itself is never configured. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key from `Authorization: Bearer <key>`, or undefined. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}

/**
 * Checks a presented key against the configured hashes; returns the key's id, or undefined.
 * Every configured hash is compared, in constant time, so neither a match's position nor a
 * near-match shows in the timing.
 */
export function verifyApiKey(key: string | undefined, keys: ReadonlyMap<string, string>): string | undefined {
  if (key === undefined || key.length === 0 || key.length > 4096) return undefined;
  const presented = Buffer.from(hashApiKey(key), 'hex');
  let found: string | undefined;
  for (const [id, hash] of keys) {
    const expected = Buffer.from(hash, 'hex');
    if (expected.length === presented.length && timingSafeEqual(expected, presented) && found === undefined) found = id;
  }
  return found;
}

/** What the HTTP plugin, the WebSocket upgrade and /metrics share. */
export interface ApiKeyPolicy {
  /** Keys required (production); in dev mode every caller is `dev`. */
  readonly required: boolean;
  readonly keys: ReadonlyMap<string, string>;
}

export const DEV_KEY_ID = 'dev';

/**
 * The caller's key id from an Authorization header: the matching key's id, `dev` when keys are not
 * required and none (or an unknown one) was sent, undefined when refused.
 */
export function authenticate(policy: ApiKeyPolicy, authorization: string | null | undefined): string | undefined {
  const id = verifyApiKey(bearerToken(authorization), policy.keys);
  if (id !== undefined) return id;
  return policy.required ? undefined : DEV_KEY_ID;
}
