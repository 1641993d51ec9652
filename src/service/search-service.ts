import { randomBytes } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.ts';
import { SqliteLearnedLimits } from '../audit/learned-limit-store.ts';
import { LearnedLimitKeeper, limiterFor, OrderChecker, resolveCheckerConfig } from '../checker/index.ts';
import type { Config } from '../config/config.ts';
import { Fleet } from '../fleet/fleet.ts';
import { RedisLearnedLimits } from '../fleet/limit-memory.ts';
import { MemoryEvidenceStore } from '../learning/evidence-store.ts';
import { PlaceLearner } from '../learning/place-learner.ts';
import { RedisEvidenceStore } from '../learning/redis-evidence-store.ts';
import { SqliteEvidenceStore } from '../learning/sqlite-evidence-store.ts';
import type { Logger } from '../log/logger.ts';
import { Metrics } from '../metrics/metrics.ts';
import { registerSegmentMetrics } from '../metrics/segment-metrics.ts';
import { maskPhone } from '../phone/mask.ts';
import { SearchEngine } from '../search/search-engine.ts';
import { SegmentIndex } from '../segments/segment-index.ts';
import { SHIPPED_PHONE_DAT } from '../segments/shipped-data.ts';
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
  /** Learns segment places from matches; undefined when LEARN_PLACES=off. */
  readonly learner: PlaceLearner | undefined;
  /**
   * Reads the segment data files again (SIGHUP). Searches already planned keep the data they started
   * with; a bad file leaves the data in use as it was, and the reason is logged. Resolves whether it took.
   */
  reloadSegments(): boolean;
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
    SegmentIndex.load({
      shippedPath: SHIPPED_PHONE_DAT,
      phoneDatPath: config.phoneDatPath,
      overlayPath: config.segmentsOverlayPath,
      logger,
    });
  logSegmentData(index, logger, 'segment data ready');

  let simulator: Simulator | undefined;
  let exampleNumbers: string[] = [];
  let urlTemplate = config.orders.urlTemplate;
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
    const started = { url: simulator.url, numbersWithOrders: numbers.size, examples: exampleNumbers.map(maskPhone) };
    // In production the simulator was asked for (ORDERS_SIMULATOR=on); its answers are made up, so it is said loudly.
    if (config.mode === 'production')
      logger.warn(started, 'ORDERS_SIMULATOR=on: answering from the bundled simulator, whose orders are made up');
    else logger.info(started, 'no ORDERS_URL configured: started the bundled order-service simulator');
  }

  const metrics = new Metrics();
  const audit = config.audit.path
    ? new AuditLog({ path: config.audit.path, fullNumbers: config.audit.fullNumbers, logger })
    : undefined;
  if (audit) logger.info({ path: config.audit.path, fullNumbers: config.audit.fullNumbers }, 'search audit on');
  else logger.warn('search audit is off (AUDIT_DB_PATH=off)');
  const checkerConfig = checkerConfigFrom(config, urlTemplate, sessionToken);
  const limiter = limiterFor(resolveCheckerConfig(checkerConfig));
  const fleet = config.fleet.redis
    ? new Fleet({
        redis: config.fleet.redis,
        keyPrefix: config.fleet.keyPrefix,
        leaseMs: config.fleet.leaseMs,
        startShare: config.check.concurrencyMin,
        limiter,
        ratePerSecond: config.check.ratePerSecond,
        rateBurst: Math.max(1, config.check.ratePerSecond),
        answerTtlMs: config.check.cache.ttlMs,
        claimTtlMs: config.check.timeoutMs + 1000,
        quota: {
          perMinute: config.searchQuota.perMinute,
          // A dead instance's searches stop counting against their keys within a few leases.
          ticketLeaseMs: 3 * config.fleet.leaseMs,
        },
        logger,
      })
    : undefined;
  await fleet?.start();
  fleet?.registerMetrics(metrics.registry);
  // The limit last learned for this order service: in Redis for a fleet, else beside the audit. Not for
  // the bundled simulator, a new service on a new port at every start.
  const learnedLimit = simulator
    ? undefined
    : LearnedLimitKeeper.for(
        limiter,
        fleet
          ? new RedisLearnedLimits(fleet.redis)
          : config.audit.path
            ? new SqliteLearnedLimits(config.audit.path)
            : undefined,
        urlTemplate,
        { logger },
      );
  await learnedLimit?.start();
  const checker = new OrderChecker(checkerConfig, {
    logger,
    hooks: metrics.checkerHooks,
    limiter,
    ...(fleet
      ? { shared: fleet.answers, budget: fleet.budget, pause: fleet.pause, ...(fleet.rate ? { rate: fleet.rate } : {}) }
      : {}),
  });
  const learner = config.learnPlaces.enabled
    ? new PlaceLearner({
        store: fleet
          ? new RedisEvidenceStore(fleet.redis)
          : config.audit.path
            ? new SqliteEvidenceStore(config.audit.path)
            : new MemoryEvidenceStore(),
        index,
        perKey: config.learnPlaces.perKey,
        logger,
      })
    : undefined;
  if (learner) await learner.start();
  else index.learned = undefined;
  const engine = new SearchEngine(checker, {
    deadlineMs: config.searchDeadlineMs,
    logger,
    onFinished: (result, request, info) => {
      // Stopped here because another instance holds the search now: that one finishes and audits it.
      if (fleet?.handedOver(result.searchId)) return;
      metrics.searchFinished(result);
      audit?.record(result, request, info);
      learner?.record(result, request, info);
    },
  });
  metrics.bind({ checkerStats: () => checker.stats(), activeSearches: () => engine.activeSearches });
  const segmentMetrics = registerSegmentMetrics(metrics.registry, { index });

  return {
    index,
    checker,
    engine,
    metrics,
    audit,
    simulator,
    fleet,
    exampleNumbers,
    learner,
    reloadSegments() {
      try {
        index.reload(logger);
      } catch (error) {
        segmentMetrics.reloaded(false);
        logger.error({ err: error }, 'segment data reload failed; still serving the data loaded before');
        return false;
      }
      segmentMetrics.reloaded(true);
      logSegmentData(index, logger, 'segment data reloaded');
      return true;
    },
    async close() {
      await learner?.close();
      await learnedLimit?.close();
      audit?.close();
      await checker.close();
      await fleet?.close();
      await simulator?.stop();
    },
  };
}

function logSegmentData(index: SegmentIndex, logger: Logger, message: string): void {
  const { layers, ...stats } = index.stats;
  logger.info({ ...stats, layers: layers.map((l) => `${l.name} ${l.version}`) }, message);
}
