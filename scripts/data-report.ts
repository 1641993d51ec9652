/**
 * `npm run data:report [-- --phone-dat <file>] [-- --segments-overlay <file>] [-- --audit-db <file>] [-- --svg <file>]`
 *
 * What the segment data the service would load locates: each layer with its version, the located share
 * per prefix and carrier, and the learned segments (from the fleet's Redis when one is configured, else
 * from the audit database). Prints the tables and writes the same figures as an SVG chart (default
 * `segment-data.svg`). The settings are the service's own, read as the service reads them (its
 * environment variables, these flags over them): PHONE_DAT_PATH, SEGMENTS_OVERLAY_PATH, AUDIT_DB_PATH,
 * REDIS_URL or REDIS_CLUSTER_NODES, REDIS_KEY_PREFIX, LEARN_PLACES_PER_KEY. The figures are those /metrics serves.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadServiceConfig, serviceFlags } from '../src/cli/service-options.ts';
import { ConfigProblems } from '../src/config/config.ts';
import { OPTIONS, type OptionSpec } from '../src/config/options.ts';
import { RedisConnection } from '../src/fleet/redis-connection.ts';
import type { EvidenceStore } from '../src/learning/evidence-store.ts';
import { LearnedPlaces } from '../src/learning/learned-places.ts';
import { RedisEvidenceStore } from '../src/learning/redis-evidence-store.ts';
import { SqliteEvidenceStore } from '../src/learning/sqlite-evidence-store.ts';
import { learnedCoverage, segmentCoverage } from '../src/segments/segment-coverage.ts';
import { SegmentIndex } from '../src/segments/segment-index.ts';
import { SHIPPED_PHONE_DAT } from '../src/segments/shipped-data.ts';
import { reportSvg, reportTable } from './lib/data-report.ts';

/** The service's settings this report reads (the others are the service's alone). */
const REPORT_SETTINGS: ReadonlySet<OptionSpec> = new Set([
  OPTIONS.phoneDatPath,
  OPTIONS.segmentsOverlayPath,
  OPTIONS.auditPath,
  OPTIONS.redisUrl,
  OPTIONS.redisClusterNodes,
  OPTIONS.redisKeyPrefix,
  OPTIONS.learnPlacesPerKey,
]);
const flags = serviceFlags().filter((f) => REPORT_SETTINGS.has(f.spec));
const command = new Command('data:report').option('--svg <file>', 'where to write the chart', 'segment-data.svg');
for (const { option } of flags)
  command.addOption(option.helpGroup("The service's settings (flags win over the environment variables in brackets):"));
const opts = command.parse().opts<{ svg: string }>();

let config;
try {
  config = loadServiceConfig(flags, opts, process.env);
} catch (error) {
  if (!(error instanceof ConfigProblems)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

const index = SegmentIndex.load({
  shippedPath: SHIPPED_PHONE_DAT,
  phoneDatPath: config.phoneDatPath,
  overlayPath: config.segmentsOverlayPath,
});

let redis: RedisConnection | undefined;
let store: EvidenceStore | undefined;
if (config.fleet.redis) {
  redis = new RedisConnection({
    target: config.fleet.redis,
    keyPrefix: config.fleet.keyPrefix,
    name: 'phonematch:data-report',
  });
  if (!(await redis.connect())) {
    process.stderr.write("the fleet's Redis (REDIS_URL / REDIS_CLUSTER_NODES) does not answer\n");
    process.exit(1);
  }
  store = new RedisEvidenceStore(redis);
} else if (config.audit.path && existsSync(config.audit.path)) {
  store = new SqliteEvidenceStore(config.audit.path);
}
const learned = store
  ? learnedCoverage(LearnedPlaces.fromRows(await store.rows(), index.regions, config.learnPlaces.perKey), index.data)
  : undefined;
store?.close?.();
await redis?.close();

const coverage = segmentCoverage(index.data);
process.stdout.write(reportTable(coverage, learned));
writeFileSync(opts.svg, reportSvg(coverage, learned));
process.stdout.write(`\nchart written to ${opts.svg}\n`);
