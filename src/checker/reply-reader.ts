import { maskPhone, maskPhonesIn } from '../phone/mask.ts';
import { readAnswer } from './answer-reader.ts';
import { parseRetryAfter } from './backoff.ts';
import type { ResolvedCheckerConfig, ResultReader } from './config.ts';
import {
  CheckCancelledError,
  CheckTimeoutError,
  HttpStatusError,
  NetworkError,
  UnreadableResponseError,
  type CheckError,
} from './errors.ts';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** Reads the order service's replies per the configured contract: an answer, or a named `CheckError`. */
export class ReplyReader {
  private readonly path: string[];
  private readonly readAs: ResultReader;
  private readonly noOrdersStatuses: ReadonlySet<number>;
  private readonly timeoutMs: number;
  private readonly retryAfterMaxMs: number;

  constructor(config: ResolvedCheckerConfig) {
    const os = config.orderService;
    this.path = os.jsonPath.split('.');
    this.readAs = os.readAs;
    this.noOrdersStatuses = new Set(os.noOrdersStatuses);
    this.timeoutMs = config.timeoutMs;
    this.retryAfterMaxMs = config.retry.retryAfterMaxMs;
  }

  /** Turns a finished 2xx/other reply into the answer, or throws a `CheckError`. */
  read(status: number, body: string, retryAfterHeader: string | string[] | undefined, phone: string): boolean {
    if (status >= 200 && status < 300) return this.readBody(body, phone);
    if (this.noOrdersStatuses.has(status)) return false;
    throw httpStatusError(status, maskPhone(phone), retryAfterHeader, this.retryAfterMaxMs);
  }

  private readBody(text: string, phone: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new UnreadableResponseError(`order service reply for ${maskPhone(phone)} is not JSON`);
    }
    const hasOrders = readAnswer(value, this.path, this.readAs);
    if (hasOrders !== undefined) return hasOrders;
    throw new UnreadableResponseError(
      `order service reply for ${maskPhone(phone)} has no value readable as ${this.readAs} at ${this.path.join('.')}`,
    );
  }

  /** Names a transport failure (or our own abort). */
  classify(err: unknown, phone: string, aborted: boolean): CheckError {
    return classifyFailure(err, maskPhone(phone), aborted, this.timeoutMs);
  }
}

/**
 * A reply with a status that answers nothing, as an `HttpStatusError`; a 429 or 503 carries its
 * Retry-After (capped at `retryAfterMaxMs`). `subject` names what was asked, already masked.
 */
export function httpStatusError(
  status: number,
  subject: string,
  retryAfterHeader: string | string[] | undefined,
  retryAfterMaxMs: number,
): HttpStatusError {
  const retryAfter = status === 429 || status === 503 ? parseRetryAfter(retryAfterHeader, retryAfterMaxMs) : undefined;
  return new HttpStatusError(status, `order service answered HTTP ${status} for ${subject}`, retryAfter);
}

/**
 * A transport failure (or our own abort) as a named `CheckError`. `subject` names what was asked,
 * already masked (`138****1234`, `a batch of 50 numbers`).
 */
export function classifyFailure(err: unknown, subject: string, aborted: boolean, timeoutMs: number): CheckError {
  if (err instanceof UnreadableResponseError) return err;
  if (aborted) return new CheckCancelledError(`check of ${subject} was cancelled`);
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'UNKNOWN';
  if (TIMEOUT_CODES.has(code))
    return new CheckTimeoutError(`order service gave no answer within ${timeoutMs} ms for ${subject}`);
  // Upstream messages may quote the request; mask any number they carry.
  const detail = maskPhonesIn(err instanceof Error ? err.message : String(err));
  return new NetworkError(`request for ${subject} failed: ${detail} (${code})`);
}
