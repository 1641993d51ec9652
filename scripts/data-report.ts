/**
 * `npm run data:report [-- --phone-dat <file>] [-- --segments-overlay <file>] [-- --audit-db <file>] [-- --svg <file>]`
 *
 * What the segment data the service would load locates: each layer with its version, the located share
 * per prefix and carrier, and the learned segments (from the audit database, or from the fleet's Redis
 * when REDIS_URL is set). Prints the tables and writes the same figures as an SVG chart (default
 * `segment-data.svg`). Files default to the service's own settings: PHONE_DAT_PATH,
 * SEGMENTS_OVERLAY_PATH, AUDIT_DB_PATH. The figures are those /metrics serves.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_AUDIT_DB_PATH } from '../src/audit/defaults.ts';
import { RedisConnection } from '../src/fleet/redis-connection.ts';
import type { EvidenceStore } from '../src/learning/evidence-store.ts';
import { LearnedPlaces } from '../src/learning/learned-places.ts';
import { DEFAULT_LEARN_PER_KEY } from '../src/learning/place-learner.ts';
import { RedisEvidenceStore } from '../src/learning/redis-evidence-store.ts';
import { SqliteEvidenceStore } from '../src/learning/sqlite-evidence-store.ts';
import { learnedCoverage, segmentCoverage } from '../src/segments/segment-coverage.ts';
import { SegmentIndex } from '../src/segments/segment-index.ts';
import { SHIPPED_PHONE_DAT } from '../src/segments/shipped-data.ts';
import { reportSvg, reportTable } from './lib/data-report.ts';

const env = process.env;
const opts = new Command('data:report')
  .option('--phone-dat <file>', 'a newer phone.dat over the shipped one', env.PHONE_DAT_PATH)
  .option('--segments-overlay <file>', 'the operator overlay CSV', env.SEGMENTS_OVERLAY_PATH)
  .option('--audit-db <file>', 'the audit database holding learned places', env.AUDIT_DB_PATH ?? DEFAULT_AUDIT_DB_PATH)
  .option('--svg <file>', 'where to write the chart', 'segment-data.svg')
  .parse()
  .opts<{ phoneDat?: string; segmentsOverlay?: string; auditDb: string; svg: string }>();

const index = SegmentIndex.load({
  shippedPath: SHIPPED_PHONE_DAT,
  phoneDatPath: opts.phoneDat,
  overlayPath: opts.segmentsOverlay,
});

let redis: RedisConnection | undefined;
let store: EvidenceStore | undefined;
if (env.REDIS_URL) {
  redis = new RedisConnection({ target: { url: env.REDIS_URL }, keyPrefix: env.REDIS_KEY_PREFIX ?? 'phonematch:' });
  if (!(await redis.connect())) throw new Error('REDIS_URL is set but Redis does not answer');
  store = new RedisEvidenceStore(redis);
} else if (opts.auditDb !== 'off' && existsSync(opts.auditDb)) {
  store = new SqliteEvidenceStore(opts.auditDb);
}
const perKey = Number(env.LEARN_PLACES_PER_KEY ?? DEFAULT_LEARN_PER_KEY);
const learned = store
  ? learnedCoverage(LearnedPlaces.fromRows(await store.rows(), index.regions, perKey), index.data)
  : undefined;
await redis?.close();

const coverage = segmentCoverage(index.data);
process.stdout.write(reportTable(coverage, learned));
writeFileSync(opts.svg, reportSvg(coverage, learned));
process.stdout.write(`\nchart written to ${opts.svg}\n`);
