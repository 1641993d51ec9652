import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import { maskPhone, maskPhonesIn } from '../phone/mask.ts';
import { parseRetryAfter } from './backoff.ts';
import type { ResolvedCheckerConfig } from './config.ts';
import { CheckCancelledError, CheckTimeoutError, NetworkError, UnreadableResponseError, type CheckError, HttpStatusError } from './errors.ts';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * One attempt against the order service: builds the request from the configured contract, sends it
 * over a shared keep-alive pool and turns the reply into has-orders true/false or a `CheckError`.
 * Templates and headers are prepared once, so a request costs two string concatenations.
 */
export class OrderServiceClient {
  private readonly pool: Pool;
  private readonly pathParts: string[];
  private readonly bodyParts: string[] | undefined;
  private readonly method: Dispatcher.HttpMethod;
  private readonly headers: Record<string, string>;
  private readonly path: string[];
  private readonly reader: ResolvedCheckerConfig['orderService']['reader'];
  private readonly noOrdersStatuses: ReadonlySet<number>;
  private readonly timeoutMs: number;
  private readonly retryAfterMaxMs: number;

  constructor(config: ResolvedCheckerConfig) {
    const os = config.orderService;
    const template = os.urlTemplate;
    const authorityStart = template.indexOf('//') + 2;
    const rest = template.slice(authorityStart).search(/[/?#]/);
    const pathStart = rest === -1 ? template.length : authorityStart + rest;
    const origin = new URL(template.slice(0, pathStart)).origin;
    this.pathParts = (template.slice(pathStart) || '/').split('{phone}');
    this.method = os.method;
    this.bodyParts = os.method === 'POST' ? os.bodyTemplate.split('{phone}') : undefined;
    this.path = os.jsonPath.split('.');
    this.reader = os.reader;
    this.noOrdersStatuses = new Set(os.noOrdersStatuses);
    this.timeoutMs = config.timeoutMs;
    this.retryAfterMaxMs = config.retry.retryAfterMaxMs;

    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(os.headers)) headers[k.toLowerCase()] = v;
    if (os.sessionToken) headers.cookie = headers.cookie ? `${headers.cookie}; session=${os.sessionToken}` : `session=${os.sessionToken}`;
    if (os.bearerToken) headers.authorization = `Bearer ${os.bearerToken}`;
    if (this.bodyParts) headers['content-type'] ??= 'application/json';
    headers.accept ??= 'application/json';
    this.headers = headers;

    // The per-attempt timeout is undici's headersTimeout/bodyTimeout: they run on undici's shared timer
    // wheel (about 1 s resolution) instead of one setTimeout per request, so sub-second values round up.
    // connections = concurrency: the scheduler never has more requests in flight than that, so every
    // request gets its own keep-alive socket and nothing queues inside undici.
    this.pool = new Pool(origin, {
      connections: config.concurrency,
      pipelining: 1,
      keepAliveTimeout: config.keepAliveMs,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connect: { timeout: config.timeoutMs },
    });
  }

  /** Resolves true/false (has orders) or rejects with a `CheckError`. */
  async hasOrders(phone: string, signal: AbortSignal): Promise<boolean> {
    let response: Dispatcher.ResponseData;
    try {
      response = await this.pool.request({
        path: this.pathParts.join(encodeURIComponent(phone)),
        method: this.method,
        headers: this.headers,
        body: this.bodyParts?.join(JSON.stringify(phone).slice(1, -1)),
        signal,
      });
    } catch (err) {
      throw this.classify(err, phone, signal);
    }
    const { statusCode, body } = response;
    if (statusCode >= 200 && statusCode < 300) {
      let text: string;
      try {
        text = await body.text();
      } catch (err) {
        throw this.classify(err, phone, signal);
      }
      return this.read(text, phone);
    }
    // Always drain or destroy the body, or the keep-alive socket is stuck with it.
    await body.dump().catch(() => {});
    if (this.noOrdersStatuses.has(statusCode)) return false;
    const retryAfter =
      statusCode === 429 || statusCode === 503 ? parseRetryAfter(response.headers['retry-after'], this.retryAfterMaxMs) : undefined;
    throw new HttpStatusError(statusCode, `order service answered HTTP ${statusCode} for ${maskPhone(phone)}`, retryAfter);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }

  private read(text: string, phone: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UnreadableResponseError(`order service reply for ${maskPhone(phone)} is not JSON`);
    }
    for (const key of this.path) {
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    switch (this.reader) {
      case 'number>0':
        if (typeof value === 'number' && Number.isFinite(value)) return value > 0;
        break;
      case 'true':
        if (typeof value === 'boolean') return value;
        break;
      case 'non-empty-array':
        if (Array.isArray(value)) return value.length > 0;
        break;
    }
    throw new UnreadableResponseError(
      `order service reply for ${maskPhone(phone)} has no value readable as ${this.reader} at ${this.path.join('.')}`,
    );
  }

  private classify(err: unknown, phone: string, signal: AbortSignal): CheckError {
    const masked = maskPhone(phone);
    if (signal.aborted) return new CheckCancelledError(`check of ${masked} was cancelled`);
    const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'UNKNOWN';
    if (TIMEOUT_CODES.has(code)) return new CheckTimeoutError(`order service gave no answer within ${this.timeoutMs} ms for ${masked}`);
    // Upstream messages may quote the request; mask any number they carry.
    const detail = maskPhonesIn(err instanceof Error ? err.message : String(err));
    return new NetworkError(`request for ${masked} failed: ${detail} (${code})`);
  }
}
