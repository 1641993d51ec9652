import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { builtinPicker, type PhonePicker } from './dataset.ts';
import { SegmentIndex } from '../segments/segment-index.ts';
import { segmentPicker } from './segment-picker.ts';
import { DEFAULT_SEED, startSimulator, type LatencyDistribution, type Simulator } from './server.ts';

const HELP = `Order-service simulator for phonematch.

Usage: npm run sim -- [options]

Serves GET /orders?phone=<11 digits> (and POST /orders with {"phone": "..."}) replying
{"phone","total","hasOrders","orders","data":{"total"}}; POST /orders/batch with {"phones":[...]}
replying one such answer per number, keyed by number (a batch takes one worker for the latency
plus --batch-per-number per number); GET /stats, POST /stats/reset;
POST /admin/capacity {"workers","queue","overloadStatus","latencyMs","jitterMs"} changes capacity live.

Options:
  --port <n>              port to listen on (default 4001; 0 picks a free port)
  --host <addr>           address to bind (default 127.0.0.1)
  --token <t>             require "Cookie: session=<t>" on /orders, else 401
  --csv <file>            numbers with orders, "phone,total" lines (optional header)
  --seed <n>              seed for generated numbers, latency jitter and faults (default ${DEFAULT_SEED})
  --count <n>             generate <n> numbers with orders from the seed
  --latency <d>           reply latency, e.g. 20ms, 0.5s or 20 (ms) (default 0)
  --jitter <d>            latency varies within ±jitter (default 0)
  --error-rate <r>        share of requests answered 503 (0..1)
  --rate-limit-rate <r>   share answered 429 with Retry-After
  --retry-after <v>       Retry-After value on 429 (seconds or HTTP date; default 1)
  --hang-rate <r>         share never answered
  --reset-rate <r>        share cut off mid-body (socket destroyed)
  --malformed-rate <r>    share answered with HTML or truncated JSON
  --no-orders-status <n>  status for numbers without orders (default 200 with total 0)
  --batch-per-number <d>  a batch's service time is the latency plus this per number (default 0.2ms)
  --batch-max <n>         largest batch accepted, more is a 413 (default 1000)
  --batch-reply <shape>   keyed ({"<phone>":{...}}, default) or list ({"results":[{"phone",...}]})
  --workers <n>           capacity: requests worked on at once (default unlimited)
  --queue <n>             capacity: requests waiting for a worker before refusals (default 0)
  --overload-status <n>   capacity: 429 or 503 when the queue is full (default 429)
  --distribution <d>      service times: uniform (latency ± jitter) or exponential (mean latency)
  -h, --help              show this help
`;

/** Parses `20ms`, `1.5s` or a bare number of milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (!m) throw new Error(`invalid duration: ${text}`);
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : n;
}

function parseNumber(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number`);
  return n;
}

function parseDistribution(text: string | undefined): LatencyDistribution {
  if (text === 'uniform' || text === 'exponential') return text;
  throw new Error('--distribution must be uniform or exponential');
}

/**
 * Runs the CLI. `picker` is the hook for generating numbers from the real segment index; without it,
 * `--count` numbers come from a built-in list of prefixes.
 */
export async function main(argv: string[], hooks: { picker?: PhonePicker } = {}): Promise<Simulator | undefined> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string', default: '4001' },
      host: { type: 'string', default: '127.0.0.1' },
      token: { type: 'string' },
      csv: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      count: { type: 'string' },
      latency: { type: 'string', default: '0' },
      jitter: { type: 'string', default: '0' },
      'error-rate': { type: 'string' },
      'rate-limit-rate': { type: 'string' },
      'retry-after': { type: 'string' },
      'hang-rate': { type: 'string' },
      'reset-rate': { type: 'string' },
      'malformed-rate': { type: 'string' },
      'no-orders-status': { type: 'string' },
      'batch-per-number': { type: 'string' },
      'batch-max': { type: 'string' },
      'batch-reply': { type: 'string' },
      workers: { type: 'string' },
      queue: { type: 'string' },
      'overload-status': { type: 'string' },
      distribution: { type: 'string', default: 'uniform' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return undefined;
  }
  const seed = parseNumber(values.seed, 'seed') ?? DEFAULT_SEED;
  const batchReply = values['batch-reply'];
  if (batchReply !== undefined && batchReply !== 'keyed' && batchReply !== 'list')
    throw new Error('--batch-reply must be keyed or list');
  const count = parseNumber(values.count, 'count');
  const sim = await startSimulator({
    port: parseNumber(values.port, 'port'),
    host: values.host,
    token: values.token,
    csv: values.csv,
    seed,
    generate: count === undefined ? undefined : { seed, count, pick: hooks.picker ?? builtinPicker },
    latencyMs: parseDuration(values.latency),
    jitterMs: parseDuration(values.jitter),
    noOrdersStatus: parseNumber(values['no-orders-status'], 'no-orders-status'),
    latencyDistribution: parseDistribution(values.distribution),
    capacity: {
      workers: parseNumber(values.workers, 'workers'),
      queue: parseNumber(values.queue, 'queue'),
      overloadStatus: parseNumber(values['overload-status'], 'overload-status') as 429 | 503 | undefined,
    },
    batch: {
      perNumberMs: values['batch-per-number'] === undefined ? undefined : parseDuration(values['batch-per-number']),
      maxSize: parseNumber(values['batch-max'], 'batch-max'),
      reply: batchReply,
    },
    faults: {
      errorRate: parseNumber(values['error-rate'], 'error-rate'),
      rateLimitRate: parseNumber(values['rate-limit-rate'], 'rate-limit-rate'),
      hangRate: parseNumber(values['hang-rate'], 'hang-rate'),
      resetRate: parseNumber(values['reset-rate'], 'reset-rate'),
      malformedRate: parseNumber(values['malformed-rate'], 'malformed-rate'),
      retryAfter: values['retry-after'],
    },
  });
  // The token is a credential: say whether one is required, never what it is.
  process.stdout.write(
    `order-service simulator listening on ${sim.url} (template ${sim.ordersUrlTemplate}, batches ${sim.batchUrl}, ` +
      `token ${values.token ? 'required' : 'off'}, workers ${values.workers ?? 'unlimited'}, queue ${values.queue ?? 0})\n`,
  );
  return sim;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Generated numbers come from the real segment index (loaded only if --count asks for them), so
  // their matches fall in known cities and tiers.
  let realPicker: PhonePicker | undefined;
  const picker: PhonePicker = (rng) => (realPicker ??= segmentPicker(SegmentIndex.load()))(rng);
  main(process.argv.slice(2), { picker }).then(
    (sim) => {
      if (!sim) return;
      const shutdown = () => void sim.stop().then(() => process.exit(0));
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
      process.exit(2);
    },
  );
}
