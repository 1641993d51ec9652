import { BatchClient, type BatchSink } from './batch/batch-client.ts';
import type { ResolvedCheckerConfig } from './config.ts';
import { OrderServiceClient, type AttemptSink } from './http-client.ts';

/**
 * The order service as the dispatcher sees it, whichever contract is configured: numbers go out in one
 * request and come back as one answer per number. Under the per-number contract a request carries one
 * number; under the batch contract up to the batch size.
 */
export interface OrderTransport<T> {
  /** Numbers per request the contract takes: 1, or the batch size. */
  readonly batchSize: number;
  /** Starts one request; exactly one of `sink.answered` / `sink.failed` is called later with `tag`. */
  send(phones: readonly string[], tag: T): { abort(): void };
  close(): Promise<void>;
}

/** The transport the configuration asks for, reporting to `sink` one answer per number (in the order sent) or the request's failure. */
export function orderTransport<T>(config: ResolvedCheckerConfig, sink: BatchSink<T>): OrderTransport<T> {
  const { batch } = config;
  return batch
    ? new BatchTransport(new BatchClient({ ...config, batch }), batch.size, sink)
    : new PerNumberTransport(new OrderServiceClient(config), sink);
}

class PerNumberTransport<T> implements OrderTransport<T> {
  readonly batchSize = 1;
  /** One number's has-orders as the one answer of its request. */
  private readonly oneAnswer: AttemptSink<T>;

  constructor(
    private readonly client: OrderServiceClient,
    sink: BatchSink<T>,
  ) {
    this.oneAnswer = {
      answered: (tag, hasOrders) => sink.answered(tag, [hasOrders]),
      failed: (tag, err) => sink.failed(tag, err),
    };
  }

  send(phones: readonly string[], tag: T): { abort(): void } {
    return this.client.send(phones[0]!, tag, this.oneAnswer);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

class BatchTransport<T> implements OrderTransport<T> {
  constructor(
    private readonly client: BatchClient,
    readonly batchSize: number,
    private readonly sink: BatchSink<T>,
  ) {}

  send(phones: readonly string[], tag: T): { abort(): void } {
    return this.client.send(phones, tag, this.sink);
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
