import type { Config } from '../config/config.ts';
import { SearchQuota } from '../quota/search-quota.ts';
import { MemorySearchRegistry } from '../search/memory-search-registry.ts';
import { type App, createApp, GRAPHQL_PATH } from '../server/app.ts';
import { CONSOLE_DIST } from '../server/console-build.ts';
import type { GraphiQLExamples } from '../server/graphiql.ts';
import type { SegmentIndex } from '../segments/segment-index.ts';
import { segmentDataDetails } from '../segments/segment-details.ts';
import { composeSearchService, type ComposeOptions, type SearchService } from './search-service.ts';

export interface RunningService extends SearchService {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly app: App;
}

export type StartOptions = ComposeOptions;

/** Builds and starts everything the configuration asks for: index, order service or simulator, checker, API. */
export async function startService(config: Config, options: StartOptions): Promise<RunningService> {
  const { logger } = options;
  const core = await composeSearchService(config, options);
  const { index, engine, metrics, exampleNumbers, fleet } = core;
  const searches = fleet
    ? await fleet.searchRegistry(engine, index, {
        ...config.startedSearches,
        maxCandidates: config.maxCandidates,
      })
    : new MemorySearchRegistry(engine, config.startedSearches, logger);
  const app = createApp({
    services: {
      index,
      engine,
      maxCandidates: config.maxCandidates,
      searches,
      quota: new SearchQuota({
        inFlight: config.searchQuota.inFlight,
        perMinute: config.searchQuota.perMinute,
        ...(fleet ? { shared: fleet.quota } : {}),
      }),
    },
    logger,
    graphiql: config.graphiql
      ? {
          ...graphiqlExamples(index, exampleNumbers, { simulated: core.simulator !== undefined }),
          keyRequired: config.mode === 'production',
        }
      : undefined,
    allowedOrigins: config.allowedOrigins,
    persistedOperations: config.persistedOperations,
    introspection: config.introspection,
    apiKeys: { required: config.mode === 'production', keys: config.apiKeys },
    operationLimits: config.operationLimits,
    maxBodyBytes: config.operationLimits.maxBodyBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    blockFieldSuggestions: config.mode === 'production',
    metrics,
    consoleDir: CONSOLE_DIST,
    readyDetails: () => ({
      segments: segmentDataDetails(index, core.learner),
      ...(fleet ? { redis: fleet.reachable ? 'reachable' : 'unreachable' } : {}),
    }),
  });
  let url: string;
  try {
    url = await app.listen(config.port, config.host);
  } catch (error) {
    await core.close();
    throw error;
  }
  logger.info({ url: `${url}${GRAPHQL_PATH}`, mode: config.mode }, 'phonematch listening');

  return {
    url,
    graphqlUrl: `${url}${GRAPHQL_PATH}`,
    ...core,
    app,
    async close() {
      await app.close({ graceMs: config.shutdownGraceMs });
      await core.close();
    },
  };
}

/** GraphiQL's examples: a number the simulator knows, searched in its own city so it matches in the CITY tier. */
export function graphiqlExamples(
  index: SegmentIndex,
  numbers: readonly string[],
  options: { simulated?: boolean } = {},
): GraphiQLExamples {
  const number = numbers[0] ?? '13800571234';
  const city = index.lookup(number).city;
  const matchInput = {
    prefix: number.slice(0, 3),
    suffix: number.slice(-4),
    ...(city ? { city: city.short } : {}),
    stopAt: 'FIRST_MATCH',
  };
  return {
    matchInput,
    lookupNumber: number.slice(0, 7),
    // Every tier (10,000 numbers, a few seconds at the simulator's latency) streams visibly; never
    // against a real order service, where one click would be 10,000 real requests.
    ...(options.simulated ? { eventsInput: { ...matchInput, stopAt: 'ALL' } } : {}),
  };
}
