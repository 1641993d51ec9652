import { randomBytes } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.ts';
import { limiterFor, OrderChecker, resolveCheckerConfig } from '../checker/index.ts';
import type { Config } from '../config/config.ts';
import { Fleet } from '../fleet/fleet.ts';
import type { Logger } from '../log/logger.ts';
import { Metrics } from '../metrics/metrics.ts';
import { maskPhone } from '../phone/mask.ts';
import { SearchEngine } from '../search/search-engine.ts';
import { SegmentIndex } from '../segments/segment-index.ts';
import { generateNumbers } from '../simulator/dataset.ts';
import { segmentPicker } from '../simulator/segment-picker.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { checkerConfigFrom } from './order-service-config.ts';

/** Everything that runs searches, without the API in front: what the server and the in-process CLI share. */
export interface SearchService {
  readonly index: SegmentIndex;
  readonly checker: OrderChecker;
  readonly engine: SearchEngine;
  readonly metrics: Metrics;
  /** The audit database; undefined when AUDIT_DB_PATH=off (dev mode only). */
  readonly audit: AuditLog | undefined;
  /** The bundled simulator, when no order service was configured. */
  readonly simulator: Simulator | undefined;
  /** The fleet's shared parts when REDIS_URL is set; undefined when this instance runs alone. */
  readonly fleet: Fleet | undefined;
  /** Numbers the bundled simulator has orders for (empty with a real order service). */
  readonly exampleNumbers: readonly string[];
  /** Closes the audit, the checker (cancelling its checks), the fleet's connections and the simulator. */
  close(): Promise<void>;
}

export interface ComposeOptions {
  logger: Logger;
  /** An index already loaded (tests share one); loaded from the config otherwise. */
  index?: SegmentIndex;
}

/** Builds the search side the configuration asks for: index, order service or simulator, checker, engine, audit. */
export async function composeSearchService(config: Config, options: ComposeOptions): Promise<SearchService> {
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
  const checkerConfig = checkerConfigFrom(config, urlTemplate, sessionToken);
  const fleet = config.fleet.redisUrl
    ? new Fleet({
        redisUrl: config.fleet.redisUrl,
        keyPrefix: config.fleet.keyPrefix,
        leaseMs: config.fleet.leaseMs,
        limiter: limiterFor(resolveCheckerConfig(checkerConfig)),
        ratePerSecond: config.check.rateLimit,
        rateBurst: Math.max(1, config.check.rateLimit),
        answerTtlMs: config.check.cacheTtlMs,
        claimTtlMs: config.check.timeoutMs + 1000,
        quota: {
          perMinute: config.searchQuota.perMinute,
          runningLeaseMs: config.searchDeadlineMs + 60_000,
        },
        logger,
      })
    : undefined;
  await fleet?.start();
  fleet?.registerMetrics(metrics.registry);
  const checker = new OrderChecker(checkerConfig, {
    logger,
    hooks: metrics.checkerHooks,
    ...(fleet
      ? { shared: fleet.answers, budget: fleet.budget, pause: fleet.pause, ...(fleet.rate ? { rate: fleet.rate } : {}) }
      : {}),
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

  return {
    index,
    checker,
    engine,
    metrics,
    audit,
    simulator,
    fleet,
    exampleNumbers,
    async close() {
      audit?.close();
      await checker.close();
      await fleet?.close();
      await simulator?.stop();
    },
  };
}
