import type { SearchLimits } from '../plan/search-request.ts';
import type { SearchEngine } from '../search/search-engine.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';

/** What resolvers work with; built once per process. */
export interface Services {
  readonly index: SegmentIndex;
  readonly engine: SearchEngine;
  readonly limits: SearchLimits;
}

export interface GraphQLContext {
  readonly services: Services;
  /** Aborted when the client goes away (HTTP request aborted, WebSocket closed) or the server shuts down. */
  readonly signal: AbortSignal;
}
