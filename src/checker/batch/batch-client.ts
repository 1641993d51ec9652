import type { Pool } from 'undici';
import type { ResolvedCheckerConfig } from '../config.ts';
import type { CheckError } from '../errors.ts';
import { contractHeaders, MAX_REPLY_BYTES, orderServicePool, ReplyCollector, type ReplySink } from '../http-client.ts';
import { classifyFailure, httpStatusError } from '../reply-reader.ts';
import { BatchBodyTemplate } from './batch-body.ts';
import { BatchReplyReader, type BatchAnswer } from './batch-reply.ts';

/** Where a batch request reports: one answer per number (in the order sent), or the batch's failure. */
export type BatchSink<T> = ReplySink<T, BatchAnswer[]>;

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
  private readonly replies: BatchReplies;
  /** A batch reply is bigger than one number's: allow a couple of KiB per number asked. */
  private readonly maxReplyBytes: number;

  constructor(config: ResolvedCheckerConfig & { batch: NonNullable<ResolvedCheckerConfig['batch']> }) {
    const { batch, orderService: os } = config;
    const url = new URL(batch.url);
    this.origin = url.origin;
    this.path = `${url.pathname}${url.search}`;
    this.headers = contractHeaders(os, true);
    this.body = new BatchBodyTemplate(batch.bodyTemplate);
    this.replies = new BatchReplies(
      new BatchReplyReader({
        resultsPath: batch.resultsPath,
        phoneField: batch.phoneField,
        jsonPath: os.jsonPath,
        readAs: os.readAs,
      }),
      config.timeoutMs,
      config.retry.retryAfterMaxMs,
    );
    this.maxReplyBytes = Math.max(MAX_REPLY_BYTES, batch.size * 2048);
    // As the per-number pool: one socket per request the budget lets through, nothing queued in undici.
    this.pool = orderServicePool(this.origin, config);
  }

  /** Starts one batch request; exactly one of `sink.answered` / `sink.failed` is called later with `tag`. */
  send<T>(phones: readonly string[], tag: T, sink: BatchSink<T>): BatchAttempt<T> {
    const attempt = new BatchAttempt(this.replies, phones, tag, sink, this.maxReplyBytes);
    this.pool.dispatch(
      { origin: this.origin, path: this.path, method: 'POST', headers: this.headers, body: this.body.render(phones) },
      attempt,
    );
    return attempt;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** What a batch's reply, or its lack of one, means: the batch side of the per-number `ReplyReader`. */
class BatchReplies {
  constructor(
    private readonly reader: BatchReplyReader,
    private readonly timeoutMs: number,
    private readonly retryAfterMaxMs: number,
  ) {}

  /** A finished reply as one answer per number, or throws the batch's `CheckError`. */
  read(status: number, body: string, retryAfterHeader: string | string[] | undefined, phones: readonly string[]) {
    if (status >= 200 && status < 300) return this.reader.read(body, phones);
    throw httpStatusError(status, describe(phones), retryAfterHeader, this.retryAfterMaxMs);
  }

  classify(err: unknown, phones: readonly string[], aborted: boolean): CheckError {
    return classifyFailure(err, describe(phones), aborted, this.timeoutMs);
  }
}

/** One batch request as an undici dispatch handler (see `ReplyCollector`). */
export class BatchAttempt<T> extends ReplyCollector<T, BatchAnswer[]> {
  constructor(
    private readonly replies: BatchReplies,
    private readonly phones: readonly string[],
    tag: T,
    sink: BatchSink<T>,
    maxBytes: number,
  ) {
    super(maxBytes, tag, sink);
  }

  protected subject(): string {
    return describe(this.phones);
  }

  protected read(status: number, body: string, retryAfter: string | string[] | undefined): BatchAnswer[] {
    return this.replies.read(status, body, retryAfter, this.phones);
  }

  protected classify(err: unknown, aborted: boolean): CheckError {
    return this.replies.classify(err, this.phones, aborted);
  }
}

/** Names a batch in messages without a single number in it. */
function describe(phones: readonly string[]): string {
  return phones.length === 1 ? 'a batch of 1 number' : `a batch of ${phones.length} numbers`;
}
