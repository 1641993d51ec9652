import { Pool } from 'undici';
import { parseRetryAfter } from '../backoff.ts';
import type { ResolvedCheckerConfig } from '../config.ts';
import { HttpStatusError, type CheckError } from '../errors.ts';
import { contractHeaders, MAX_REPLY_BYTES, ReplyCollector, rethrowLater } from '../http-client.ts';
import { classifyFailure } from '../reply-reader.ts';
import { BatchBodyTemplate } from './batch-body.ts';
import { BatchReplyReader, type BatchAnswer } from './batch-reply.ts';

/** Where a batch request reports: one answer per number (in the order sent), or the batch's failure. */
export interface BatchSink<T> {
  answered(tag: T, answers: BatchAnswer[]): void;
  failed(tag: T, error: CheckError): void;
}

/**
 * The batch contract's HTTP side: POSTs many numbers to `ORDERS_BATCH_URL` with the per-number
 * contract's headers, cookie and token, over its own keep-alive pool (the per-number pool then stays
 * idle), with the same per-attempt timeout. Any non-2xx fails the whole batch: `noOrdersStatuses` speak
 * for one number and cannot mean "none of these has orders".
 */
export class BatchClient {
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly path: string;
  private readonly headers: Record<string, string>;
  private readonly body: BatchBodyTemplate;
  private readonly reader: BatchReplyReader;
  /** A batch reply is bigger than one number's: allow a couple of KiB per number asked. */
  private readonly maxReplyBytes: number;
  /** @internal */
  readonly timeoutMs: number;
  private readonly retryAfterMaxMs: number;

  constructor(config: ResolvedCheckerConfig & { batch: NonNullable<ResolvedCheckerConfig['batch']> }) {
    const { batch, orderService: os } = config;
    const url = new URL(batch.url);
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    this.headers = contractHeaders(os, true);
    this.body = new BatchBodyTemplate(batch.bodyTemplate);
    this.reader = new BatchReplyReader({
      resultsPath: batch.resultsPath,
      phoneField: batch.phoneField,
      jsonPath: os.jsonPath,
      reader: os.reader,
    });
    this.maxReplyBytes = Math.max(MAX_REPLY_BYTES, batch.size * 2048);
    this.timeoutMs = config.timeoutMs;
    this.retryAfterMaxMs = config.retry.retryAfterMaxMs;
    // As the per-number pool: one socket per request the budget lets through, nothing queued in undici.
    this.pool = new Pool(this.origin, {
      connections: config.concurrency.max,
      pipelining: 1,
      keepAliveTimeout: config.keepAliveMs,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      connect: { timeout: config.timeoutMs },
    });
  }

  /** Starts one batch request; exactly one of `sink.answered` / `sink.failed` is called later with `tag`. */
  send<T>(phones: readonly string[], tag: T, sink: BatchSink<T>): BatchAttempt<T> {
    const attempt = new BatchAttempt(this, phones, tag, sink, this.maxReplyBytes);
    this.pool.dispatch(
      { origin: this.origin, path: this.path, method: 'POST', headers: this.headers, body: this.body.render(phones) },
      attempt,
    );
    return attempt;
  }

  /** @internal A finished reply as one answer per number, or throws the batch's `CheckError`. */
  read(status: number, body: string, retryAfterHeader: string | string[] | undefined, phones: readonly string[]) {
    if (status >= 200 && status < 300) return this.reader.read(body, phones);
    const retryAfter =
      status === 429 || status === 503 ? parseRetryAfter(retryAfterHeader, this.retryAfterMaxMs) : undefined;
    throw new HttpStatusError(status, `order service answered HTTP ${status} for ${describe(phones)}`, retryAfter);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** One batch request as an undici dispatch handler (see `ReplyCollector`). */
export class BatchAttempt<T> extends ReplyCollector {
  constructor(
    private readonly client: BatchClient,
    private readonly phones: readonly string[],
    private readonly tag: T,
    private readonly sink: BatchSink<T>,
    maxBytes: number,
  ) {
    super(maxBytes);
  }

  protected subject(): string {
    return describe(this.phones);
  }

  protected read(status: number, body: string, retryAfter: string | string[] | undefined): void {
    let answers: BatchAnswer[];
    try {
      answers = this.client.read(status, body, retryAfter, this.phones);
    } catch (err) {
      return this.report(err as CheckError);
    }
    try {
      this.sink.answered(this.tag, answers);
    } catch (err) {
      rethrowLater(err);
    }
  }

  protected fail(err: unknown, aborted: boolean): void {
    this.report(classifyFailure(err, describe(this.phones), aborted, this.client.timeoutMs));
  }

  private report(err: CheckError): void {
    try {
      this.sink.failed(this.tag, err);
    } catch (thrown) {
      rethrowLater(thrown);
    }
  }
}

/** Names a batch in messages without a single number in it. */
function describe(phones: readonly string[]): string {
  return phones.length === 1 ? 'a batch of 1 number' : `a batch of ${phones.length} numbers`;
}
