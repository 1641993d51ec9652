import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  batchReply,
  DEFAULT_BATCH_MAX_SIZE,
  DEFAULT_BATCH_PER_NUMBER_MS,
  orderAnswer,
  parseBatchBody,
  type BatchEndpointOptions,
} from './batch-endpoint.ts';
import { Capacity, type CapacityOptions, type CapacityStats, type Work } from './capacity.ts';
import { generateNumbers, loadCsv, type GenerateOptions } from './dataset.ts';
import { FaultPlan, type FaultKind, type FaultOptions } from './faults.ts';
import { mulberry32 } from './prng.ts';

/** The seed when none is given (also `SIM_SEED`'s default for the bundled simulator). */
export const DEFAULT_SEED = 1;

export interface SimulatorOptions {
  /** Port to listen on; 0 picks a free one (tests). @default 0 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** When set, `/orders` requires `Cookie: session=<token>` and answers 401 otherwise. */
  token?: string;
  /** Numbers with orders: phone -> order count, or a set (each with 1 order). */
  numbers?: ReadonlyMap<string, number> | ReadonlySet<string>;
  /** CSV file of `phone,total` lines (optional header), merged into `numbers`. */
  csv?: string;
  /** Seeded synthetic numbers, merged into `numbers`. */
  generate?: GenerateOptions;
  /** Base reply latency. @default 0 */
  latencyMs?: number;
  /** Latency varies uniformly within ±jitter of `latencyMs` (never below 0). @default 0 */
  jitterMs?: number;
  /**
   * How service times are drawn: `uniform` (latencyMs ± jitterMs) or `exponential` (mean latencyMs,
   * the long tail of a real service; jitterMs ignored). @default 'uniform'
   */
  latencyDistribution?: LatencyDistribution;
  /** Workers, queue and refusal status (see `Capacity`); without workers the capacity is unlimited. */
  capacity?: CapacityOptions;
  faults?: FaultOptions;
  /** Seed for the latency jitter and random faults. @default {@link DEFAULT_SEED} */
  seed?: number;
  /**
   * Status for numbers without orders. 200 replies `{"total":0}`; some operators answer 404 instead.
   * @default 200
   */
  noOrdersStatus?: number;
  /** Entries kept in the request log ring. @default 10000 */
  requestLogSize?: number;
  /** The batch endpoint, `POST /orders/batch` (always served; these tune it). */
  batch?: BatchEndpointOptions;
}

export type LatencyDistribution = 'uniform' | 'exponential';

/**
 * How the simulator ended a request. `overloaded`: refused because the capacity's queue was full;
 * `batch`: a batch answered (some of its numbers may have been left out).
 */
export type RequestOutcome =
  'orders' | 'no-orders' | 'batch' | 'unauthorized' | 'bad-request' | 'overloaded' | FaultKind | 'aborted';

export interface RequestLogEntry {
  /** The number asked; `''` for a batch. */
  readonly phone: string;
  /** The numbers of a batch request, in the order asked. */
  readonly batch?: readonly string[];
  /** `performance.now()` when the request arrived. */
  readonly at: number;
  readonly method: string;
  outcome: RequestOutcome | 'pending';
}

export interface SimulatorStats {
  /** Every request to `/orders` and `/orders/batch`. */
  requests: number;
  /** Requests to `/orders/batch`, and the numbers they asked about. */
  batchRequests: number;
  batchNumbers: number;
  /**
   * Requests the service holds now: received and not yet both answered and done with. A request whose
   * client went away while a worker had it stays counted until the worker finishes (the service does
   * not know the client left), so this is the load the order service really carries.
   */
  inFlight: number;
  /** High-water mark of `inFlight` since the last reset. */
  peakInFlight: number;
  /** TCP connections: opened since the last reset, open now, most open at once since the last reset. */
  connections: { opened: number; open: number; peakOpen: number };
  capacity: CapacityStats;
  outcomes: Partial<Record<RequestOutcome, number>>;
  faultsInjected: number;
  /** Times each number was asked about, alone or in a batch. */
  perPhone: Record<string, number>;
}

export interface Simulator {
  readonly url: string;
  /** Ready-made template for the checker: `http://127.0.0.1:<port>/orders?phone={phone}`. */
  readonly ordersUrlTemplate: string;
  /** The batch endpoint for the checker's batch contract: `http://127.0.0.1:<port>/orders/batch`. */
  readonly batchUrl: string;
  readonly port: number;
  stats(): SimulatorStats;
  /** Times one number was asked about (alone or in a batch) since the last reset. */
  requestsFor(phone: string): number;
  /** Oldest-first copy of the bounded request log. */
  readonly requestLog: readonly RequestLogEntry[];
  resetStats(): void;
  /** Replaces the whole fault plan (rates and per-phone faults). */
  setFaults(faults: FaultOptions): void;
  setLatency(latencyMs: number, jitterMs?: number): void;
  /** Changes workers, queue or refusal status at run time (also `POST /admin/capacity`). */
  setCapacity(capacity: CapacityOptions): void;
  /** Closes the listener and destroys every open connection, including hung requests. */
  stop(): Promise<void>;
}

const HTML_PAGE = '<!doctype html><html><head><title>Login</title></head><body>Please sign in</body></html>';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const numbers = new Map<string, number>();
  if (options.numbers instanceof Set) for (const p of options.numbers) numbers.set(p, 1);
  else if (options.numbers) for (const [p, n] of options.numbers as ReadonlyMap<string, number>) numbers.set(p, n);
  if (options.csv) for (const [p, n] of await loadCsv(options.csv)) numbers.set(p, n);
  if (options.generate) for (const [p, n] of generateNumbers(options.generate)) numbers.set(p, n);

  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  const expectedCookie = options.token === undefined ? undefined : `session=${options.token}`;
  const noOrdersStatus = options.noOrdersStatus ?? 200;
  const logSize = options.requestLogSize ?? 10_000;
  let faults = new FaultPlan(options.faults);
  let latencyMs = options.latencyMs ?? 0;
  let jitterMs = options.jitterMs ?? 0;
  const distribution = options.latencyDistribution ?? 'uniform';
  const capacity = new Capacity(options.capacity);
  let capacityLimited = options.capacity?.workers !== undefined;
  const perNumberMs = options.batch?.perNumberMs ?? DEFAULT_BATCH_PER_NUMBER_MS;
  const maxBatch = options.batch?.maxSize ?? DEFAULT_BATCH_MAX_SIZE;
  const batchShape = options.batch?.reply ?? 'keyed';

  let requests = 0;
  let batchRequests = 0;
  let batchNumbers = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let connectionsOpened = 0;
  let connectionsOpen = 0;
  let peakConnectionsOpen = 0;
  let faultsInjected = 0;
  let outcomes: Partial<Record<RequestOutcome, number>> = {};
  let perPhone = new Map<string, number>();
  let log: RequestLogEntry[] = [];
  let logNext = 0;

  const count = (o: RequestOutcome) => {
    outcomes[o] = (outcomes[o] ?? 0) + 1;
  };

  const stats = (): SimulatorStats => ({
    requests,
    batchRequests,
    batchNumbers,
    inFlight,
    peakInFlight,
    connections: { opened: connectionsOpened, open: connectionsOpen, peakOpen: peakConnectionsOpen },
    capacity: capacity.stats(),
    outcomes: { ...outcomes },
    faultsInjected,
    perPhone: Object.fromEntries(perPhone),
  });

  const sendJson = (res: ServerResponse, status: number, body: unknown, extra?: Record<string, string>) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...extra });
    res.end(text);
  };

  const answer = (res: ServerResponse, phone: string, entry: RequestLogEntry) => {
    const fault = faults.pick(phone, rng);
    if (fault !== undefined) {
      faultsInjected++;
      entry.outcome = fault;
      count(fault);
      injectFault(res, fault, phone);
      return;
    }
    const total = numbers.get(phone) ?? 0;
    entry.outcome = total > 0 ? 'orders' : 'no-orders';
    count(entry.outcome);
    if (total === 0 && noOrdersStatus !== 200) return sendJson(res, noOrdersStatus, { error: 'not found' });
    sendJson(res, 200, { phone, ...orderAnswer(total) });
  };

  const answerBatch = (res: ServerResponse, phones: readonly string[], entry: RequestLogEntry) => {
    const fault = faults.pickBatch(phones, rng);
    if (fault !== undefined) {
      faultsInjected++;
      entry.outcome = fault;
      count(fault);
      injectFault(res, fault, phones[0]!);
      return;
    }
    entry.outcome = 'batch';
    count('batch');
    sendJson(
      res,
      200,
      batchReply(phones, (p) => numbers.get(p) ?? 0, faults.omitFromBatch, batchShape),
    );
  };

  const injectFault = (res: ServerResponse, fault: FaultKind, phone: string) => {
    switch (fault) {
      case 'error':
        return sendJson(res, faults.errorStatus, { error: 'upstream unavailable' });
      case 'rate-limit':
        return sendJson(res, 429, { error: 'too many requests' }, { 'retry-after': faults.retryAfter });
      case 'hang':
        return; // the client's timeout (or stop()) ends it
      case 'reset': {
        const text = JSON.stringify({ phone, total: 0, orders: [] });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, 10), () => res.socket?.destroy());
        return;
      }
      case 'malformed-html':
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML_PAGE) });
        return void res.end(HTML_PAGE);
      case 'malformed-json': {
        const text = JSON.stringify({ phone, total: 1 }).slice(0, 12);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        return void res.end(text);
      }
    }
  };

  const delay = () => {
    if (distribution === 'exponential') return -Math.log(1 - rng()) * latencyMs;
    if (jitterMs === 0) return latencyMs;
    return Math.max(0, latencyMs + (rng() * 2 - 1) * jitterMs);
  };

  const handleOrders = (req: IncomingMessage, res: ServerResponse, phone: string | null) => {
    const entry: RequestLogEntry = {
      phone: phone ?? '',
      at: performance.now(),
      method: req.method ?? 'GET',
      outcome: 'pending',
    };
    if (phone) perPhone.set(phone, (perPhone.get(phone) ?? 0) + 1);
    const invalid = !phone || !/^\d{11}$/.test(phone) ? { status: 400, error: 'phone must be 11 digits' } : undefined;
    serve(req, res, entry, invalid, delay, () => answer(res, phone!, entry));
  };

  const handleBatch = (req: IncomingMessage, res: ServerResponse, body: string) => {
    batchRequests++;
    const parsed = parseBatchBody(body, maxBatch);
    const phones = 'phones' in parsed ? parsed.phones : undefined;
    const entry: RequestLogEntry = {
      phone: '',
      ...(phones ? { batch: phones } : {}),
      at: performance.now(),
      method: 'POST',
      outcome: 'pending',
    };
    if (phones) {
      batchNumbers += phones.length;
      for (const p of phones) perPhone.set(p, (perPhone.get(p) ?? 0) + 1);
    }
    // One worker for the request's latency plus a small cost per number: see batch-endpoint.ts.
    const serviceMs = () => delay() + perNumberMs * phones!.length;
    serve(req, res, entry, 'error' in parsed ? parsed : undefined, serviceMs, () => answerBatch(res, phones!, entry));
  };

  /**
   * One request to the service, for one number or a batch: counted and logged, its cookie checked,
   * then handed to the capacity model; the worker that takes it holds it for `serviceMs()`, then
   * `respond` answers it (if the client is still there).
   */
  const serve = (
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestLogEntry,
    invalid: { status: number; error: string } | undefined,
    serviceMs: () => number,
    respond: () => void,
  ) => {
    requests++;
    inFlight++;
    if (inFlight > peakInFlight) peakInFlight = inFlight;
    if (log.length < logSize) log.push(entry);
    else {
      log[logNext] = entry;
      logNext = (logNext + 1) % logSize;
    }
    // Held until the response is closed and no worker has it any more, whichever comes last.
    let open = true;
    let working = false;
    const leave = () => {
      if (!open && !working) inFlight--;
    };
    let timer: NodeJS.Timeout | undefined;
    const work: Work = {
      queued: false,
      begin: () => {
        working = true;
        const done = () => {
          timer = undefined;
          working = false;
          capacity.finish();
          if (open) respond();
          leave();
        };
        const ms = serviceMs();
        if (ms <= 0) done();
        else timer = setTimeout(done, ms);
      },
    };
    res.once('close', () => {
      open = false;
      if (work.queued) capacity.withdraw(work);
      if (entry.outcome === 'pending') {
        entry.outcome = 'aborted';
        count('aborted');
      }
      // Without a capacity model nobody else is waiting: the simulated work stops with the request.
      if (working && timer && !capacityLimited) {
        clearTimeout(timer);
        working = false;
        capacity.finish();
      }
      leave();
    });

    if (expectedCookie !== undefined && !hasCookie(req.headers.cookie, expectedCookie)) {
      entry.outcome = 'unauthorized';
      count('unauthorized');
      return sendJson(res, 401, { error: 'unauthorized' });
    }
    if (invalid) {
      entry.outcome = 'bad-request';
      count('bad-request');
      return sendJson(res, invalid.status, { error: invalid.error });
    }
    if (!capacity.admit(work)) {
      entry.outcome = 'overloaded';
      count('overloaded');
      return sendJson(res, capacity.overloadStatus, { error: 'order service is over capacity' });
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname === '/orders' && req.method === 'GET')
      return handleOrders(req, res, url.searchParams.get('phone'));
    if (url.pathname === '/orders' && req.method === 'POST') {
      return readBody(req, (body) => {
        let phone: string | null = null;
        try {
          const parsed: unknown = JSON.parse(body);
          if (parsed && typeof parsed === 'object' && 'phone' in parsed && typeof parsed.phone === 'string')
            phone = parsed.phone;
        } catch {
          // phone stays null -> 400
        }
        handleOrders(req, res, phone);
      });
    }
    if (url.pathname === '/orders/batch' && req.method === 'POST')
      return readBody(req, (body) => handleBatch(req, res, body));
    if (url.pathname === '/stats' && req.method === 'GET') return sendJson(res, 200, stats());
    if (url.pathname === '/admin/capacity' && req.method === 'POST') {
      return readBody(req, (body) => {
        try {
          const next = JSON.parse(body) as CapacityOptions & { latencyMs?: number; jitterMs?: number };
          setCapacity(next);
          if (next.latencyMs !== undefined) {
            latencyMs = next.latencyMs;
            jitterMs = next.jitterMs ?? jitterMs;
          }
          sendJson(res, 200, { ok: true, capacity: capacity.stats() });
        } catch (err) {
          sendJson(res, 400, { error: err instanceof Error ? err.message : 'bad capacity' });
        }
      });
    }
    if (url.pathname === '/stats/reset' && req.method === 'POST') {
      resetStats();
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: 'no such route' });
  });
  server.on('connection', (socket) => {
    connectionsOpened++;
    if (++connectionsOpen > peakConnectionsOpen) peakConnectionsOpen = connectionsOpen;
    socket.once('close', () => connectionsOpen--);
  });
  const setCapacity = (next: CapacityOptions) => {
    capacity.set(next);
    if (next.workers !== undefined) capacityLimited = true;
  };
  // The checker keeps connections alive for a long time; the simulator must not be the side that drops them.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  server.requestTimeout = 0; // hung requests stay open on purpose
  let stopped: Promise<void> | undefined;

  const resetStats = () => {
    requests = 0;
    batchRequests = 0;
    batchNumbers = 0;
    peakInFlight = inFlight;
    connectionsOpened = 0;
    peakConnectionsOpen = connectionsOpen;
    capacity.resetStats();
    faultsInjected = 0;
    outcomes = {};
    perPhone = new Map();
    log = [];
    logNext = 0;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;

  return {
    url,
    ordersUrlTemplate: `${url}/orders?phone={phone}`,
    batchUrl: `${url}/orders/batch`,
    port,
    stats,
    requestsFor: (phone) => perPhone.get(phone) ?? 0,
    get requestLog() {
      return log.length < logSize ? log.slice() : [...log.slice(logNext), ...log.slice(0, logNext)];
    },
    resetStats,
    setFaults(next) {
      faults = new FaultPlan(next);
    },
    setLatency(ms, jitter = 0) {
      latencyMs = ms;
      jitterMs = jitter;
    },
    setCapacity,
    // Idempotent: a test's own stop and its cleanup may both call it.
    stop: () =>
      (stopped ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      })),
  };
}

function hasCookie(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  return header.split(';').some((part) => part.trim() === expected);
}

function readBody(req: IncomingMessage, done: (body: string) => void): void {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => {
    body += chunk;
  });
  req.on('end', () => done(body));
}
