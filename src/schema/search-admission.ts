import type { SearchOwner } from '../search/search-registry.ts';
import type { GraphQLContext } from './context.ts';
import { toGraphQLError } from './errors.ts';

/**
 * Admits one search for the caller's API key, or throws TOO_MANY_SEARCHES / RATE_LIMITED; returns the
 * release of its quota slot, to call when the search ends.
 */
export async function admitSearch(context: GraphQLContext): Promise<() => void> {
  if (!context.services.quota) return () => {};
  try {
    return await context.services.quota.acquire(context.apiKeyId);
  } catch (error) {
    throw toGraphQLError(error);
  }
}

/** Who started the search, for its logs and audit row. */
export function searchMeta(context: GraphQLContext): SearchOwner {
  return { apiKeyId: context.apiKeyId, requestId: context.requestId };
}
