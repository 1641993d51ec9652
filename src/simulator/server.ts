import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateNumbers, loadCsv, type GenerateOptions } from './dataset.ts';
import { FaultPlan, type FaultKind, type FaultOptions } from './faults.ts';
import { mulberry32 } from './prng.ts';

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
  faults?: FaultOptions;
  /** Seed for the latency jitter and random faults. @default 1 */
  seed?: number;
  /**
   * Status for numbers without orders. 200 replies `{"total":0}`; some operators answer 404 instead.
   * @default 200
   */
  noOrdersStatus?: number;
  /** Entries kept in the request log ring. @default 10000 */
  requestLogSize?: number;
}

/** How the simulator ended a request. */
export type RequestOutcome = 'orders' | 'no-orders' | 'unauthorized' | 'bad-request' | FaultKind | 'aborted';

export interface RequestLogEntry {
  readonly phone: string;
  /** `performance.now()` when the request arrived. */
  readonly at: number;
  readonly method: string;
  outcome: RequestOutcome | 'pending';
}

export interface SimulatorStats {
  requests: number;
  inFlight: number;
  peakInFlight: number;
  outcomes: Partial<Record<RequestOutcome, number>>;
  faultsInjected: number;
  perPhone: Record<string, number>;
}

export interface Simulator {
  readonly url: string;
  /** Ready-made template for the checker: `http://127.0.0.1:<port>/orders?phone={phone}`. */
  readonly ordersUrlTemplate: string;
  readonly port: number;
  stats(): SimulatorStats;
  /** Requests for `/orders` seen for one number since the last reset. */
  requestsFor(phone: string): number;
  /** Oldest-first copy of the bounded request log. */
  readonly requestLog: readonly RequestLogEntry[];
  resetStats(): void;
  /** Replaces the whole fault plan (rates and per-phone faults). */
  setFaults(faults: FaultOptions): void;
  setLatency(latencyMs: number, jitterMs?: number): void;
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

  const rng = mulberry32(options.seed ?? 1);
  const expectedCookie = options.token === undefined ? undefined : `session=${options.token}`;
  const noOrdersStatus = options.noOrdersStatus ?? 200;
  const logSize = options.requestLogSize ?? 10_000;
  let faults = new FaultPlan(options.faults);
  let latencyMs = options.latencyMs ?? 0;
  let jitterMs = options.jitterMs ?? 0;

  let requests = 0;
  let inFlight = 0;
  let peakInFlight = 0;
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
    inFlight,
    peakInFlight,
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
    const orders = Array.from({ length: Math.min(total, 20) }, (_, i) => ({ id: `o${i + 1}` }));
    // `hasOrders` and `data.total` are alternate shapes so checker readers other than the default can be exercised.
    sendJson(res, 200, { phone, total, hasOrders: total > 0, orders, data: { total } });
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
    if (jitterMs === 0) return latencyMs;
    return Math.max(0, latencyMs + (rng() * 2 - 1) * jitterMs);
  };

  const handleOrders = (req: IncomingMessage, res: ServerResponse, phone: string | null) => {
    requests++;
    inFlight++;
    if (inFlight > peakInFlight) peakInFlight = inFlight;
    const entry: RequestLogEntry = {
      phone: phone ?? '',
      at: performance.now(),
      method: req.method ?? 'GET',
      outcome: 'pending',
    };
    if (log.length < logSize) log.push(entry);
    else {
      log[logNext] = entry;
      logNext = (logNext + 1) % logSize;
    }
    if (phone) perPhone.set(phone, (perPhone.get(phone) ?? 0) + 1);
    let timer: NodeJS.Timeout | undefined;
    res.once('close', () => {
      inFlight--;
      if (timer) clearTimeout(timer);
      if (entry.outcome === 'pending') {
        entry.outcome = 'aborted';
        count('aborted');
      }
    });

    if (expectedCookie !== undefined && !hasCookie(req.headers.cookie, expectedCookie)) {
      entry.outcome = 'unauthorized';
      count('unauthorized');
      return sendJson(res, 401, { error: 'unauthorized' });
    }
    if (!phone || !/^\d{11}$/.test(phone)) {
      entry.outcome = 'bad-request';
      count('bad-request');
      return sendJson(res, 400, { error: 'phone must be 11 digits' });
    }
    const ms = delay();
    if (ms <= 0) answer(res, phone, entry);
    else timer = setTimeout(answer, ms, res, phone, entry);
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
    if (url.pathname === '/stats' && req.method === 'GET') return sendJson(res, 200, stats());
    if (url.pathname === '/stats/reset' && req.method === 'POST') {
      resetStats();
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: 'no such route' });
  });
  // The checker keeps connections alive for a long time; the simulator must not be the side that drops them.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  server.requestTimeout = 0; // hung requests stay open on purpose
  let stopped: Promise<void> | undefined;

  const resetStats = () => {
    requests = 0;
    peakInFlight = inFlight;
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
