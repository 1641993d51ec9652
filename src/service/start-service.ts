import { randomBytes } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.ts';
import { OrderChecker } from '../checker/index.ts';
import type { Config } from '../config/config.ts';
import { SearchQuota } from '../limits/search-quota.ts';
import type { Logger } from '../log/logger.ts';
import { Metrics } from '../metrics/metrics.ts';
import { maskPhone } from '../phone/mask.ts';
import { MemorySearchRegistry } from '../search/memory-search-registry.ts';
import { SearchEngine } from '../search/search-engine.ts';
import { SegmentIndex } from '../segments/segment-index.ts';
import { type App, createApp, GRAPHQL_PATH } from '../server/app.ts';
import { CONSOLE_DIST } from '../server/console-build.ts';
import type { GraphiQLExamples } from '../server/graphiql.ts';
import { generateNumbers } from '../simulator/dataset.ts';
import { segmentPicker } from '../simulator/segment-picker.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { checkerConfigFrom } from './order-service-config.ts';

export interface RunningService {
  readonly url: string;
  readonly graphqlUrl: string;
  readonly app: App;
  readonly index: SegmentIndex;
  readonly checker: OrderChecker;
  readonly engine: SearchEngine;
  readonly metrics: Metrics;
  /** The audit database; undefined when AUDIT_DB_PATH=off (dev mode only). */
  readonly audit: AuditLog | undefined;
  /** The bundled simulator, when no order service was configured. */
  readonly simulator: Simulator | undefined;
  /** Numbers the bundled simulator has orders for (empty with a real order service). */
  readonly exampleNumbers: readonly string[];
  close(): Promise<void>;
}

export interface StartOptions {
  logger: Logger;
  /** An index already loaded (tests share one); loaded from the config otherwise. */
  index?: SegmentIndex;
}

/** Builds and starts everything the configuration asks for: index, order service or simulator, checker, API. */
export async function startService(config: Config, options: StartOptions): Promise<RunningService> {
  const { logger } = options;
  const index =
    options.index ??
    SegmentIndex.load({ ...(config.phoneDatPath ? { phoneDatPath: config.phoneDatPath } : {}), logger });
  logger.info({ ...index.stats, phoneDat: index.stats.phoneDat?.version ?? null }, 'segment index ready');

  let simulator: Simulator | undefined;
  let exampleNumbers: string[] = [];
  let urlTemplate = config.orders.url;
  let sessionToken: string | undefined;
  if (!urlTemplate) {
    const numbers = generateNumbers({
      seed: config.simulator.seed,
      count: config.simulator.count,
      pick: segmentPicker(index),
    });
    sessionToken = randomBytes(16).toString('hex');
    simulator = await startSimulator({
      numbers,
      token: sessionToken,
      latencyMs: config.simulator.latencyMs,
      jitterMs: config.simulator.jitterMs,
      seed: config.simulator.seed,
      capacity: { workers: config.simulator.workers, queue: config.simulator.queue },
    });
    urlTemplate = simulator.ordersUrlTemplate;
    exampleNumbers = [...numbers.keys()].slice(0, 3);
    logger.info(
      { url: simulator.url, numbersWithOrders: numbers.size, examples: exampleNumbers.map(maskPhone) },
      'no ORDERS_URL configured: started the bundled order-service simulator',
    );
  }

  const metrics = new Metrics();
  const audit = config.audit.path
    ? new AuditLog({ path: config.audit.path, fullNumbers: config.audit.fullNumbers, logger })
    : undefined;
  if (audit) logger.info({ path: config.audit.path, fullNumbers: config.audit.fullNumbers }, 'search audit on');
  else logger.warn('search audit is off (AUDIT_DB_PATH=off)');
  const checker = new OrderChecker(checkerConfigFrom(config, urlTemplate, sessionToken), {
    logger,
    hooks: metrics.checkerHooks,
  });
  const engine = new SearchEngine(index, checker, {
    deadlineMs: config.searchDeadlineMs,
    logger,
    onFinished: (result, request, info) => {
      metrics.searchFinished(result);
      audit?.record(result, request, info);
    },
  });
  metrics.bind({ checkerStats: () => checker.stats(), activeSearches: () => engine.activeSearches });
  const app = createApp({
    services: {
      index,
      engine,
      limits: { maxCandidates: config.maxCandidates },
      searches: new MemorySearchRegistry(engine, config.startedSearches),
      quota: new SearchQuota({ inFlight: config.searchQuota.inFlight, perMinute: config.searchQuota.perMinute }),
    },
    logger,
    graphiql: config.graphiql
      ? {
          ...graphiqlExamples(index, exampleNumbers, { simulated: simulator !== undefined }),
          keyRequired: config.mode === 'production',
        }
      : undefined,
    allowedOrigins: config.allowedOrigins,
    persistedOperations: config.persistedOperations,
    apiKeys: { required: config.mode === 'production', keys: config.apiKeys },
    operationLimits: config.limits,
    maxRequestBodyBytes: config.limits.maxBodyBytes,
    requestTimeoutMs: config.requestTimeoutMs,
    blockFieldSuggestions: config.mode === 'production',
    metrics,
    consoleDir: CONSOLE_DIST,
  });
  let url: string;
  try {
    url = await app.listen(config.port, config.host);
  } catch (error) {
    audit?.close();
    await checker.close();
    await simulator?.stop();
    throw error;
  }
  logger.info({ url: `${url}${GRAPHQL_PATH}`, mode: config.mode }, 'phonematch listening');

  return {
    url,
    graphqlUrl: `${url}${GRAPHQL_PATH}`,
    app,
    index,
    checker,
    engine,
    metrics,
    audit,
    simulator,
    exampleNumbers,
    async close() {
      await app.close({ graceMs: config.shutdownGraceMs });
      audit?.close();
      await checker.close();
      await simulator?.stop();
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
