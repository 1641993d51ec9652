import { parseArgs } from 'node:util';
import type { z } from 'zod';
import type { OrderMethod, ResultReader } from '../checker/index.ts';
import { DEFAULT_AUDIT_DB_PATH } from '../audit/defaults.ts';
import { OPTIONS, type OptionName, type OptionSpec } from './options.ts';
import type { RedisTarget } from '../fleet/redis-connection.ts';

type Spec<K extends OptionName> = (typeof OPTIONS)[K];
/** Each option's parsed value; options with a `default` in the table are always set. */
type Raw = {
  -readonly [K in OptionName]: Spec<K> extends { default: unknown }
    ? z.output<Spec<K>['schema']>
    : z.output<Spec<K>['schema']> | undefined;
};

export interface Config {
  mode: 'dev' | 'production';
  host: string;
  port: number;
  logLevel: string;
  graphiql: boolean;
  /** Clients may read the schema (`__schema`, `__type`); when false such operations are refused before they run. */
  introspection: boolean;
  phoneDatPath: string | undefined;
  /** SEGMENTS_OVERLAY_PATH: an operator's CSV over all segment data. */
  segmentsOverlayPath: string | undefined;
  /** Learned places (LEARN_PLACES): whether matches teach segment places, and each API key's cap per segment and city. */
  learnPlaces: { enabled: boolean; perKey: number };
  maxCandidates: number;
  searchDeadlineMs: number;
  requestTimeoutMs: number;
  /** Started searches (startSearch): unwatched grace before cancelling, and retention once finished. */
  startedSearches: { unwatchedGraceMs: number; retentionMs: number };
  shutdownGraceMs: number;
  orders: {
    /** Unset: the bundled simulator answers (`simulated`), as dev mode does by default. */
    urlTemplate: string | undefined;
    /** Answers come from the bundled simulator's made-up orders (asked for explicitly in production). */
    simulated: boolean;
    cookie: string | undefined;
    bearerToken: string | undefined;
    method: OrderMethod;
    bodyTemplate: string | undefined;
    headers: Record<string, string>;
    jsonPath: string;
    readAs: ResultReader;
    noOrdersStatuses: number[];
    /** The batch contract; undefined when ORDERS_BATCH_URL is not set. */
    batch:
      | { url: string; bodyTemplate: string | undefined; size: number; resultsPath: string; phoneField: string }
      | undefined;
  };
  check: {
    /** `'auto'` or a pinned number. */
    concurrency: number | 'auto';
    concurrencyMin: number;
    concurrencyMax: number;
    ratePerSecond: number;
    timeoutMs: number;
    retry: { maxAttempts: number; baseMs: number };
    breaker: { consecutiveFailures: number; cooldownMs: number };
    cache: { max: number; ttlMs: number };
  };
  simulator: { latencyMs: number; jitterMs: number; seed: number; count: number; workers?: number; queue: number };
  /** Accepted API keys: id -> sha256 hex of the key. */
  apiKeys: Map<string, string>;
  allowedOrigins: string[];
  /** `only`: nothing but the committed operations' ids run. */
  persistedOperations: 'allow' | 'only';
  /** Operation limits (graphql-armor) and request size. */
  operationLimits: {
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
    maxDirectives: number;
    maxBodyBytes: number;
  };
  /** Per API key. */
  searchQuota: { inFlight: number; perMinute: number };
  /** `redis` undefined: this instance runs alone, everything in memory. */
  fleet: { redis: RedisTarget | undefined; keyPrefix: string; leaseMs: number };
  /** `path` undefined: auditing is off (dev mode only). */
  audit: { path: string | undefined; fullNumbers: boolean };
}

export class ConfigProblems extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigProblems';
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/** Reads flags (which win) and environment variables; every bad value is reported at once. */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config | 'help' {
  const flagOptions = Object.fromEntries(
    (Object.values(OPTIONS) as OptionSpec[]).map((o) => [o.flag, { type: 'string' as const }]),
  );
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        ...flagOptions,
        help: { type: 'boolean', short: 'h' },
        dev: { type: 'boolean' },
        production: { type: 'boolean' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new ConfigProblems([(error as Error).message]);
  }
  if (parsed.values.help) return 'help';

  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(OPTIONS) as Array<[OptionName, OptionSpec]>) {
    const fromFlag = (parsed.values as Record<string, unknown>)[spec.flag];
    const text = typeof fromFlag === 'string' ? fromFlag : env[spec.env];
    values[name] = spec.default;
    if (text === undefined || text === '') continue;
    const result = spec.schema.safeParse(text);
    if (result.success) {
      values[name] = result.data;
    } else {
      const shown = spec.secret ? '(hidden)' : JSON.stringify(text);
      problems.push(`${spec.env} / --${spec.flag} = ${shown}: ${result.error.issues.map((i) => i.message).join('; ')}`);
    }
  }
  const raw = values as Raw;
  if (parsed.values.dev) raw.mode = 'dev';
  if (parsed.values.production) raw.mode = 'production';
  const mode = raw.mode ?? (env.NODE_ENV === 'production' ? 'production' : 'dev');
  const host = raw.host;
  if (mode === 'dev' && !LOOPBACK.test(host)) {
    problems.push(
      `HOST / --host = ${JSON.stringify(host)}: dev mode listens on loopback only (127.0.0.1, ::1); use --production with API_KEYS to listen elsewhere`,
    );
  }
  const apiKeys = new Map<string, string>();
  for (const [position, entry] of (raw.apiKeys ?? []).entries()) {
    const [id, hash] = entry.split(':');
    // No part of a malformed entry is echoed: it may be a raw key pasted by mistake.
    if (!id || !hash || !/^[0-9a-f]{64}$/i.test(hash))
      problems.push(
        `API_KEYS: entry ${position + 1} is not id:sha256hex (the key itself is never configured; npm run hash-key -- <id> makes an entry)`,
      );
    else apiKeys.set(id, hash.toLowerCase());
  }
  const auditOff = raw.auditPath?.toLowerCase() === 'off';
  if (mode === 'production' && auditOff)
    problems.push('AUDIT_DB_PATH: production mode audits every search; "off" is for dev mode only');
  if (mode === 'production' && apiKeys.size === 0)
    problems.push('API_KEYS: production mode needs at least one API key (id:sha256hex)');
  problems.push(...simulatorProblems(mode, raw.ordersUrlTemplate, raw.ordersSimulator));
  if (raw.persistedOperations === 'only' && raw.graphiql === true)
    problems.push(
      'GRAPHIQL: GraphiQL sends its own documents (introspection, edited operations), which PERSISTED_OPERATIONS=only refuses; turn one of them off',
    );
  if (raw.graphiql === true && raw.introspection === 'off')
    problems.push(
      'INTROSPECTION: GraphiQL reads the schema by introspection (docs explorer, completion), which INTROSPECTION=off refuses; turn one of them off',
    );
  if (raw.redisUrl && raw.redisClusterNodes)
    problems.push(
      'REDIS_CLUSTER_NODES: the fleet runs on one Redis, a server (REDIS_URL) or a cluster; set one of them',
    );
  if (problems.length > 0) throw new ConfigProblems(problems);
  // GraphiQL's default follows what it needs: documents of its own (PERSISTED_OPERATIONS=allow) and
  // introspection. Introspection's follows GraphiQL: a production service shows its schema only where
  // the operator chose to serve GraphiQL.
  const graphiql =
    raw.graphiql ?? (mode === 'dev' && raw.persistedOperations !== 'only' && raw.introspection !== 'off');
  const introspection = raw.introspection === undefined ? mode === 'dev' || graphiql : raw.introspection === 'on';

  return {
    mode,
    host,
    port: raw.port,
    logLevel: raw.logLevel,
    graphiql,
    introspection,
    phoneDatPath: raw.phoneDatPath,
    segmentsOverlayPath: raw.segmentsOverlayPath,
    learnPlaces: { enabled: raw.learnPlaces === 'on', perKey: raw.learnPlacesPerKey },
    maxCandidates: raw.maxCandidates,
    searchDeadlineMs: raw.searchDeadlineMs,
    requestTimeoutMs: raw.requestTimeoutMs,
    startedSearches: { unwatchedGraceMs: raw.searchUnwatchedGraceMs, retentionMs: raw.searchRetentionMs },
    shutdownGraceMs: raw.shutdownGraceMs,
    orders: {
      urlTemplate: raw.ordersUrlTemplate,
      simulated: raw.ordersUrlTemplate === undefined,
      cookie: raw.ordersCookie,
      bearerToken: raw.ordersBearerToken,
      method: raw.ordersMethod,
      bodyTemplate: raw.ordersBodyTemplate,
      headers: raw.ordersHeaders ?? {},
      jsonPath: raw.ordersJsonPath,
      readAs: raw.ordersReadAs,
      noOrdersStatuses: raw.ordersNoOrdersStatuses ?? [],
      batch: raw.ordersBatchUrl
        ? {
            url: raw.ordersBatchUrl,
            bodyTemplate: raw.ordersBatchBodyTemplate,
            size: raw.ordersBatchSize,
            resultsPath: raw.ordersBatchResultsPath ?? '',
            phoneField: raw.ordersBatchPhoneField ?? '',
          }
        : undefined,
    },
    check: {
      concurrency: raw.checkConcurrency,
      concurrencyMin: raw.checkConcurrencyMin,
      concurrencyMax: raw.checkConcurrencyMax,
      ratePerSecond: raw.checkRatePerSecond,
      timeoutMs: raw.checkTimeoutMs,
      retry: { maxAttempts: raw.checkMaxAttempts, baseMs: raw.checkRetryBaseMs },
      breaker: { consecutiveFailures: raw.breakerConsecutiveFailures, cooldownMs: raw.breakerCooldownMs },
      cache: { max: raw.cacheMax, ttlMs: raw.cacheTtlMs },
    },
    simulator: {
      latencyMs: raw.simLatencyMs,
      jitterMs: raw.simJitterMs,
      seed: raw.simSeed,
      count: raw.simCount,
      ...(raw.simWorkers === undefined ? {} : { workers: raw.simWorkers }),
      queue: raw.simQueue,
    },
    apiKeys,
    allowedOrigins: raw.allowedOrigins ?? [],
    persistedOperations: raw.persistedOperations,
    operationLimits: {
      maxDepth: raw.maxDepth,
      maxAliases: raw.maxAliases,
      maxTokens: raw.maxTokens,
      maxCost: raw.maxCost,
      maxDirectives: raw.maxDirectives,
      maxBodyBytes: raw.maxBodyBytes,
    },
    searchQuota: { inFlight: raw.searchesInFlightPerKey, perMinute: raw.searchesPerMinutePerKey },
    fleet: {
      redis: raw.redisClusterNodes
        ? { clusterNodes: raw.redisClusterNodes }
        : raw.redisUrl
          ? { url: raw.redisUrl }
          : undefined,
      keyPrefix: raw.redisKeyPrefix,
      leaseMs: raw.fleetLeaseMs,
    },
    audit: {
      path: auditOff ? undefined : (raw.auditPath ?? DEFAULT_AUDIT_DB_PATH),
      fullNumbers: raw.auditFullNumbers,
    },
  };
}

/**
 * Where the answers come from. A production service without ORDERS_URL would answer from the bundled
 * simulator's made-up orders, so production asks for that in words (ORDERS_SIMULATOR=on); dev mode
 * uses the simulator when no order service is given.
 */
function simulatorProblems(mode: 'dev' | 'production', ordersUrl: string | undefined, simulator: boolean | undefined) {
  if (ordersUrl !== undefined && simulator === true)
    return [
      'ORDERS_SIMULATOR: on answers from the bundled simulator, but ORDERS_URL names an order service; set one of them',
    ];
  if (ordersUrl === undefined && simulator === false)
    return [
      "ORDERS_URL: no order service is configured and ORDERS_SIMULATOR=off; set ORDERS_URL to the order service's URL template with {phone}",
    ];
  if (mode === 'production' && ordersUrl === undefined && simulator !== true)
    return [
      "ORDERS_URL: production mode needs the order service's URL template with {phone} (e.g. https://orders.example/orders?phone={phone}); to answer from the bundled simulator's made-up orders instead, set ORDERS_SIMULATOR=on",
    ];
  return [];
}

/** The `--help` text, generated from the option table. */
export function helpText(): string {
  const specs = Object.values(OPTIONS) as OptionSpec[];
  const flagWidth = Math.max(34, ...specs.map((o) => `  --${o.flag} <value>`.length + 2));
  const envWidth = Math.max(26, ...specs.map((o) => o.env.length + 2));
  const rows = specs.map((o) => {
    const left = `  --${o.flag} <value>`.padEnd(flagWidth);
    const shownDefault = o.defaultText ?? (o.default === undefined ? undefined : String(o.default));
    return `${left}${o.env.padEnd(envWidth)}${o.description}${shownDefault === undefined ? '' : ` (default: ${shownDefault})`}`;
  });
  return [
    'phonematch: find the full mobile number behind a partial one, checked against the order service.',
    '',
    'Usage: npm start -- [options]     (flags win over environment variables)',
    '',
    `  ${'flag'.padEnd(flagWidth - 2)}${'environment'.padEnd(envWidth)}meaning`,
    `${'  --dev / --production'.padEnd(flagWidth)}${'PHONEMATCH_MODE'.padEnd(envWidth)}shorthand for --mode`,
    ...rows,
    `${'  -h, --help'.padEnd(flagWidth + envWidth)}this text`,
    '',
  ].join('\n');
}
