import type { SearchQuota } from '../quota/search-quota.ts';
import type { SearchEngine } from '../search/search-engine.ts';
import type { SearchRegistry } from '../search/search-registry.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';

/** What resolvers work with; built once per process. */
export interface Services {
  readonly index: SegmentIndex;
  readonly engine: SearchEngine;
  /** Largest candidate set of one search (MAX_CANDIDATES). */
  readonly maxCandidates: number;
  /** Started searches (startSearch, search, searchEvents, cancelSearch). */
  readonly searches: SearchRegistry;
  /** Per-API-key admission of searches; none means unlimited. */
  readonly quota?: SearchQuota | undefined;
}

export interface GraphQLContext {
  readonly services: Services;
  /** Aborted when the client goes away (HTTP request aborted, WebSocket closed) or the server shuts down. */
  readonly signal: AbortSignal;
  /** Id of the API key the operation runs under; `dev` in dev mode. */
  readonly apiKeyId: string;
  /** The HTTP request's id (X-Request-Id), or one per graphql-ws operation; in the search logs and audit. */
  readonly requestId: string;
}
