import type { GraphQLResolveInfo } from 'graphql';
import type { SearchRequest } from '../plan/search-request.ts';
import type { GraphQLContext } from './context.ts';
import { type MatchPhoneInputShape, toSearchRequest } from './match-phone-input.ts';

/**
 * Extensions of a root field that starts a search from its `input` argument: the search preflight
 * (src/server/plugins/use-search-preflight.ts) validates an operation's searches together before
 * any of them starts.
 */
export const STARTS_SEARCH = { startsSearch: true } as const;

/** The validated request of a search field: the preflight's (`context.validatedSearches`), or validated now. */
export function searchRequestFor(
  input: MatchPhoneInputShape,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): SearchRequest {
  const request = info.path.prev === undefined ? context.validatedSearches?.get(String(info.path.key)) : undefined;
  return request ?? toSearchRequest(input, context);
}
