import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { OPTIONS, type OptionName, type OptionSpec } from './options.ts';

type Raw = { -readonly [K in OptionName]?: z.output<(typeof OPTIONS)[K]['schema']> };

export interface Config {
  mode: 'dev' | 'production';
  host: string;
  port: number;
  logLevel: string;
  graphiql: boolean;
  phoneDatPath: string | undefined;
  maxCandidates: number;
  searchDeadlineMs: number;
  shutdownGraceMs: number;
  orders: {
    url: string | undefined;
    cookie: string | undefined;
    bearerToken: string | undefined;
    method: 'GET' | 'POST';
    body: string | undefined;
    headers: Record<string, string>;
    jsonPath: string;
    readAs: 'number>0' | 'true' | 'non-empty-array';
    noOrdersStatuses: number[];
  };
  check: {
    concurrency: number;
    rateLimit: number;
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    breakerFailures: number;
    breakerCooldownMs: number;
    cacheMax: number;
    cacheTtlMs: number;
  };
  simulator: { latencyMs: number; jitterMs: number; seed: number; count: number };
  /** Accepted API keys: id -> sha256 hex of the key. */
  apiKeys: Map<string, string>;
  allowedOrigins: string[];
  /** Operation limits (graphql-armor) and request size. */
  limits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxDirectives: number; maxBodyBytes: number };
  /** Per API key. */
  searchQuota: { inFlight: number; perMinute: number };
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
      options: { ...flagOptions, help: { type: 'boolean', short: 'h' }, dev: { type: 'boolean' }, production: { type: 'boolean' } },
      allowPositionals: false,
      strict: true,
    });
  } catch (error) {
    throw new ConfigProblems([(error as Error).message]);
  }
  if (parsed.values.help) return 'help';

  const problems: string[] = [];
  const raw: Raw = {};
  for (const [name, spec] of Object.entries(OPTIONS) as Array<[OptionName, OptionSpec]>) {
    const fromFlag = (parsed.values as Record<string, unknown>)[spec.flag];
    const text = typeof fromFlag === 'string' ? fromFlag : env[spec.env];
    if (text === undefined || text === '') continue;
    const result = spec.schema.safeParse(text);
    if (result.success) {
      (raw as Record<string, unknown>)[name] = result.data;
    } else {
      const shown = spec.secret ? '(hidden)' : JSON.stringify(text);
      problems.push(`${spec.env} / --${spec.flag} = ${shown}: ${result.error.issues.map((i) => i.message).join('; ')}`);
    }
  }
  if (parsed.values.dev) raw.mode = 'dev';
  if (parsed.values.production) raw.mode = 'production';
  const mode = raw.mode ?? (env.NODE_ENV === 'production' ? 'production' : 'dev');
  const host = raw.host ?? '127.0.0.1';
  if (mode === 'dev' && !LOOPBACK.test(host)) {
    problems.push(`HOST / --host = ${JSON.stringify(host)}: dev mode listens on loopback only (127.0.0.1, ::1); use --production with API_KEYS to listen elsewhere`);
  }
  const apiKeys = new Map<string, string>();
  for (const entry of raw.apiKeys ?? []) {
    const [id, hash] = entry.split(':');
    if (!id || !hash || !/^[0-9a-f]{64}$/i.test(hash)) problems.push(`API_KEYS: entries must be id:sha256hex (the key itself is never configured), got one starting ${JSON.stringify(entry.slice(0, 8))}`);
    else apiKeys.set(id, hash.toLowerCase());
  }
  const auditOff = raw.auditDbPath?.toLowerCase() === 'off';
  if (mode === 'production' && auditOff) problems.push('AUDIT_DB_PATH: production mode audits every search; "off" is for dev mode only');
  if (mode === 'production' && apiKeys.size === 0) problems.push('API_KEYS: production mode needs at least one API key (id:sha256hex)');
  if (problems.length > 0) throw new ConfigProblems(problems);

  return {
    mode,
    host,
    port: raw.port ?? 4000,
    logLevel: raw.logLevel ?? 'info',
    graphiql: raw.graphiql ?? mode === 'dev',
    phoneDatPath: raw.phoneDatPath,
    maxCandidates: raw.maxCandidates ?? 200_000,
    searchDeadlineMs: raw.searchDeadlineMs ?? 120_000,
    shutdownGraceMs: raw.shutdownGraceMs ?? 10_000,
    orders: {
      url: raw.ordersUrl,
      cookie: raw.ordersCookie,
      bearerToken: raw.ordersBearerToken,
      method: raw.ordersMethod ?? 'GET',
      body: raw.ordersBody,
      headers: raw.ordersHeaders ?? {},
      jsonPath: raw.ordersJsonPath ?? 'total',
      readAs: raw.ordersReadAs ?? 'number>0',
      noOrdersStatuses: raw.ordersNoOrdersStatus ?? [],
    },
    check: {
      concurrency: raw.checkConcurrency ?? 64,
      rateLimit: raw.checkRateLimit ?? 0,
      timeoutMs: raw.checkTimeoutMs ?? 5000,
      maxAttempts: raw.checkMaxAttempts ?? 4,
      retryBaseMs: raw.checkRetryBaseMs ?? 100,
      breakerFailures: raw.breakerFailures ?? 20,
      breakerCooldownMs: raw.breakerCooldownMs ?? 10_000,
      cacheMax: raw.cacheMax ?? 100_000,
      cacheTtlMs: raw.cacheTtlMs ?? 600_000,
    },
    simulator: {
      latencyMs: raw.simLatencyMs ?? 20,
      jitterMs: raw.simJitterMs ?? 10,
      seed: raw.simSeed ?? 1,
      count: raw.simCount ?? 5000,
    },
    apiKeys,
    allowedOrigins: raw.allowedOrigins ?? [],
    limits: {
      maxDepth: raw.maxDepth ?? 8,
      maxAliases: raw.maxAliases ?? 5,
      maxTokens: raw.maxTokens ?? 1000,
      maxCost: raw.maxCost ?? 5000,
      maxDirectives: raw.maxDirectives ?? 10,
      maxBodyBytes: raw.maxBodyBytes ?? 65_536,
    },
    searchQuota: { inFlight: raw.searchesInFlightPerKey ?? 4, perMinute: raw.searchesPerMinutePerKey ?? 30 },
    audit: { path: auditOff ? undefined : (raw.auditDbPath ?? 'data/audit.sqlite'), fullNumbers: raw.auditFullNumbers ?? false },
  };
}

/** The `--help` text, generated from the option table. */
export function helpText(): string {
  const specs = Object.values(OPTIONS) as OptionSpec[];
  const flagWidth = Math.max(34, ...specs.map((o) => `  --${o.flag} <value>`.length + 2));
  const envWidth = Math.max(26, ...specs.map((o) => o.env.length + 2));
  const rows = specs.map((o) => {
    const left = `  --${o.flag} <value>`.padEnd(flagWidth);
    return `${left}${o.env.padEnd(envWidth)}${o.description}${o.defaultText ? ` (default: ${o.defaultText})` : ''}`;
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
