import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import { maskPhone } from '../phone/mask.ts';
import type { ResolvedCheckerConfig } from './config.ts';
import { CheckCancelledError, UnreadableResponseError, type CheckError } from './errors.ts';
import { ReplyReader } from './reply-reader.ts';

/**
 * One attempt against the order service: builds the request from the configured contract, sends it
 * over a shared keep-alive pool and turns the reply into has-orders true/false or a `CheckError`.
 * Templates and headers are prepared once, so a request costs two string concatenations.
 */
export class OrderServiceClient {
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly pathParts: string[];
  private readonly bodyParts: string[] | undefined;
  private readonly method: Dispatcher.HttpMethod;
  private readonly headers: Record<string, string>;
  private readonly replies: ReplyReader;

  constructor(config: ResolvedCheckerConfig) {
    const os = config.orderService;
    const template = os.urlTemplate;
    const authorityStart = template.indexOf('//') + 2;
    const rest = template.slice(authorityStart).search(/[/?#]/);
    const pathStart = rest === -1 ? template.length : authorityStart + rest;
    const origin = new URL(template.slice(0, pathStart)).origin;
    this.origin = origin;
    this.pathParts = (template.slice(pathStart) || '/').split('{phone}');
    this.method = os.method;
    this.bodyParts = os.method === 'POST' ? os.bodyTemplate.split('{phone}') : undefined;
    this.replies = new ReplyReader(config);

    this.headers = contractHeaders(os, this.bodyParts !== undefined);
    this.pool = orderServicePool(origin, config);
  }

  /**
   * Starts one attempt; exactly one of `sink.answered` / `sink.failed` is called later with `tag`.
   * Uses undici's dispatch API directly: no response stream, no promise chain, no AbortSignal per request.
   */
  send<T>(phone: string, tag: T, sink: AttemptSink<T>): Attempt<T> {
    const attempt = new Attempt(this.replies, phone, tag, sink);
    this.pool.dispatch(
      {
        origin: this.origin,
        path:
          this.pathParts.length === 2
            ? this.pathParts[0] + encodeURIComponent(phone) + this.pathParts[1]
            : this.pathParts.join(encodeURIComponent(phone)),
        method: this.method,
        headers: this.headers,
        body: this.bodyParts?.join(JSON.stringify(phone).slice(1, -1)) ?? null,
      },
      attempt,
    );
    return attempt;
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/**
 * A keep-alive pool to the order service, for the per-number and the batch requests alike.
 * The per-attempt timeout is undici's headersTimeout/bodyTimeout: they run on undici's shared timer
 * wheel (about 1 s resolution) instead of one setTimeout per request, so sub-second values round up.
 * connections = the highest bound: the budget never has more requests in flight than that, so every
 * request gets its own keep-alive socket and nothing queues inside undici. undici opens a socket only
 * when every open one is busy, and a request given up on keeps its socket until it is answered, so
 * sockets opened stay at the in-flight high-water mark (plus one per hung request cut by the timeout).
 */
export function orderServicePool(origin: string, config: ResolvedCheckerConfig): Pool {
  return new Pool(origin, {
    connections: config.concurrency.max,
    pipelining: 1,
    keepAliveTimeout: config.keepAliveMs,
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
    connect: { timeout: config.timeoutMs },
  });
}

/**
 * The request headers of the contract (custom headers, session cookie, bearer token), shared by the
 * per-number and the batch requests. Built once; they may carry credentials and are never logged.
 */
export function contractHeaders(os: ResolvedCheckerConfig['orderService'], hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(os.headers)) headers[k.toLowerCase()] = v;
  if (os.sessionToken)
    headers.cookie = headers.cookie ? `${headers.cookie}; session=${os.sessionToken}` : `session=${os.sessionToken}`;
  if (os.bearerToken) headers.authorization = `Bearer ${os.bearerToken}`;
  if (hasBody) headers['content-type'] ??= 'application/json';
  headers.accept ??= 'application/json';
  return headers;
}

/**
 * Where a request reports its answer `A` (has-orders, or a batch's answers) or its failure; one object
 * per checker, so a request allocates no closures.
 */
export interface ReplySink<T, A> {
  answered(tag: T, answer: A): void;
  failed(tag: T, error: CheckError): void;
}

/** Where one number's attempt reports. */
export type AttemptSink<T> = ReplySink<T, boolean>;

/**
 * Largest reply body read. An order count needs a few hundred bytes; a service that streams megabytes
 * (an error page loop, a misrouted download) fails the check as unreadable instead of filling memory.
 */
export const MAX_REPLY_BYTES = 1024 * 1024;

/**
 * One request as an undici dispatch handler: collects the (small) body and reports exactly once to its
 * sink, with `tag`: the answer `read` makes of the reply, or the `CheckError` it throws, or the one
 * `classify` names when no reply came. `abort()` works before the request is on a socket too (it is then
 * aborted as it starts). Subclasses read the reply: one number, or a batch.
 */
export abstract class ReplyCollector<T, A> implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private retryAfter: string | string[] | undefined;
  private chunk: Buffer | undefined;
  private chunks: Buffer[] | undefined;
  private bytes = 0;
  private aborted = false;
  private done = false;

  constructor(
    private readonly maxBytes: number,
    private readonly tag: T,
    private readonly sink: ReplySink<T, A>,
  ) {}

  /** What was asked, masked, for error messages. */
  protected abstract subject(): string;
  /** The answer of a reply that arrived in full (any status), or throws its `CheckError`. */
  protected abstract read(status: number, body: string, retryAfter: string | string[] | undefined): A;
  /** No reply: a transport failure, a timeout, an abort or an oversized body, as a `CheckError`. */
  protected abstract classify(err: unknown, aborted: boolean): CheckError;

  abort(): void {
    if (this.done || this.aborted) return;
    this.aborted = true;
    this.controller?.abort(new CheckCancelledError('check was cancelled'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.aborted) controller.abort(new CheckCancelledError('check was cancelled'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.status = statusCode;
    this.retryAfter = statusCode === 429 || statusCode === 503 ? headers['retry-after'] : undefined;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // Only a 2xx body is read; any other is drained by undici so the keep-alive socket stays usable.
    if (this.status < 200 || this.status >= 300) return;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.chunk = undefined;
      this.chunks = undefined;
      this.controller?.abort(
        new UnreadableResponseError(`order service reply for ${this.subject()} is over ${this.maxBytes} bytes`),
      );
      return;
    }
    if (this.chunk === undefined) this.chunk = chunk;
    else (this.chunks ??= [this.chunk]).push(chunk);
  }

  onResponseEnd(): void {
    if (this.done) return;
    this.done = true;
    this.controller = undefined;
    const body = this.chunks ? Buffer.concat(this.chunks).toString('utf8') : (this.chunk?.toString('utf8') ?? '');
    this.chunk = undefined;
    this.chunks = undefined;
    this.settle(this.status, body, this.retryAfter);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    if (this.done) return;
    this.done = true;
    this.controller = undefined;
    this.report(this.classify(err, this.aborted));
  }

  private settle(status: number, body: string, retryAfter: string | string[] | undefined): void {
    let answer: A;
    try {
      answer = this.read(status, body, retryAfter);
    } catch (err) {
      return this.report(err as CheckError);
    }
    try {
      this.sink.answered(this.tag, answer);
    } catch (err) {
      rethrowLater(err);
    }
  }

  private report(err: CheckError): void {
    try {
      this.sink.failed(this.tag, err);
    } catch (thrown) {
      rethrowLater(thrown);
    }
  }
}

/** One number's request: reports has-orders or a `CheckError` to its sink. */
export class Attempt<T> extends ReplyCollector<T, boolean> {
  constructor(
    private readonly replies: ReplyReader,
    private readonly phone: string,
    tag: T,
    sink: AttemptSink<T>,
  ) {
    super(MAX_REPLY_BYTES, tag, sink);
  }

  protected subject(): string {
    return maskPhone(this.phone);
  }

  protected read(status: number, body: string, retryAfter: string | string[] | undefined): boolean {
    return this.replies.read(status, body, retryAfter, this.phone);
  }

  protected classify(err: unknown, aborted: boolean): CheckError {
    return this.replies.classify(err, this.phone, aborted);
  }
}

/** A bug in a sink must not unwind into undici's parser; surface it like an unhandled rejection would. */
function rethrowLater(err: unknown): void {
  queueMicrotask(() => {
    throw err;
  });
}
