import { Command } from 'commander';
import { startBalancer } from './lib/balancer.ts';
import { startInstanceProcess, type InstanceProcess } from './lib/instance-process.ts';
import { startPrivateRedis, type PrivateRedis } from './lib/redis-server.ts';
import { SegmentIndex } from '../src/segments/segment-index.ts';
import { generateNumbers } from '../src/simulator/dataset.ts';
import { segmentPicker } from '../src/simulator/segment-picker.ts';
import { startSimulator } from '../src/simulator/server.ts';

/**
 * `npm run fleet -- --instances 3`: a local fleet to try by hand. One order-service simulator, one
 * private redis-server (or REDIS_URL), N phonematch instances in their own processes sharing both,
 * and a round-robin balancer in front. Ctrl-C stops everything.
 */
const program = new Command('fleet')
  .option('--instances <n>', 'phonematch instances', '3')
  .option('--port <port>', 'port of the load balancer', '4000')
  .option('--check-concurrency <n>', 'CHECK_CONCURRENCY for the whole fleet', '16')
  .parse();
const opts = program.opts<{ instances: string; port: string; checkConcurrency: string }>();
const count = Math.max(1, Number(opts.instances));

const index = SegmentIndex.load();
const token = 'fleet-demo-session';
const numbers = generateNumbers({ seed: 1, count: 5000, pick: segmentPicker(index) });
const simulator = await startSimulator({ numbers, token, latencyMs: 20, jitterMs: 10 });
let redis: PrivateRedis | undefined;
const redisUrl = process.env.REDIS_URL ?? (redis = await startPrivateRedis()).url;
const env = {
  ORDERS_URL: simulator.ordersUrlTemplate,
  ORDERS_COOKIE: token,
  CHECK_CONCURRENCY: opts.checkConcurrency,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX ?? 'phonematch-fleet:',
  LOG_LEVEL: 'info',
};
process.stderr.write(`starting ${count} instances…\n`);
const instances: InstanceProcess[] = await Promise.all(Array.from({ length: count }, () => startInstanceProcess(env)));
const balancer = await startBalancer(
  instances.map((i) => new URL(i.url)),
  Number(opts.port),
);
const example = [...numbers.keys()][0]!;
process.stderr.write(
  [
    '',
    `phonematch fleet: http://127.0.0.1:${opts.port}/graphql (round robin over ${count} instances)`,
    ...instances.map(
      (i, n) => `  instance ${n + 1}: ${i.graphqlUrl}  (pid ${i.child.pid}; kill -9 it to see its searches resumed)`,
    ),
    `  Redis: ${redis ? `private redis-server on port ${redis.port}` : 'REDIS_URL'}; simulator: ${simulator.url}`,
    `  try: startSearch(input: { prefix: "${example.slice(0, 3)}", suffix: "${example.slice(-4)}" }) on one, searchEvents(id) on another`,
    '',
  ].join('\n'),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  balancer.close();
  await Promise.all(instances.map((i) => i.stop()));
  await simulator.stop();
  await redis?.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
