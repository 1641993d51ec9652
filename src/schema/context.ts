import type { SearchRequest } from '../plan/search-request.ts';
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

/** What the server builds for each operation (src/server/app.ts). */
export interface OperationContext {
  readonly services: Services;
  /**
   * Aborted when the client goes away (HTTP request aborted, WebSocket closed) or the server shuts
   * down; for resolvers also once the operation's result is settled (`OperationSettlement`).
   */
  readonly signal: AbortSignal;
  /** Id of the API key the operation runs under; `dev` in dev mode. */
  readonly apiKeyId: string;
}

/**
 * What becomes of an operation's result, kept by the settled-operations plugin
 * (src/server/plugins/use-settled-operations.ts), which also narrows `signal` to it.
 */
export interface OperationSettlement {
  /**
   * For a root field that starts something meant to outlive the operation (startSearch): `cleanup`
   * runs if the operation's result does not carry the field at `responseKey`, e.g. a sibling made
   * `data` null. Nobody learns the search's id then, so nobody could watch or cancel it.
   */
  unlessDelivered(responseKey: string, cleanup: () => void): void;
}

/** What resolvers see: the operation's context as the server's plugins extend it (envelop's `extendContext`). */
export interface GraphQLContext extends OperationContext {
  readonly settlement: OperationSettlement;
  /**
   * The HTTP request's id (X-Request-Id), or one per graphql-ws operation; in the search logs and
   * audit. Given by the request-id plugin (src/server/plugins/use-request-id.ts).
   */
  readonly requestId: string;
  /**
   * The requests of the operation's search fields, by response key, validated together before
   * execution by the search preflight (src/server/plugins/use-search-preflight.ts); absent when the
   * operation has none or was not run through it.
   */
  readonly validatedSearches?: ReadonlyMap<string, SearchRequest>;
}
