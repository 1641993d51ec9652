/**
 * The simulator's batch endpoint, `POST /orders/batch` with `{"phones":["138…",…]}`: how its body is
 * read and its reply built. The request handling (auth, faults, latency, counting) is the server's.
 *
 * Cost model: a batch is one request to the service, so it takes one worker for its service time,
 * which is the per-request latency plus `perNumberMs` for each number in it (looking up n numbers is
 * not free, but far cheaper than n round trips). Faults are drawn once per batch: a number with a
 * deterministic fault gives the whole batch that fault (as one bad row can fail a real bulk query).
 */

export interface BatchEndpointOptions {
  /** Service time added per number in a batch, on top of the request's latency. @default 0.2 */
  perNumberMs?: number;
  /** Largest batch accepted; more is answered 413. @default 1000 */
  maxSize?: number;
  /**
   * `keyed`: `{"13800001234":{"total":0,…},…}` (the checker's default); `list`:
   * `{"results":[{"phone":"13800001234","total":0,…},…]}` (ORDERS_BATCH_RESULTS_PATH=results,
   * ORDERS_BATCH_PHONE_FIELD=phone).
   * @default 'keyed'
   */
  reply?: 'keyed' | 'list';
}

export const DEFAULT_BATCH_PER_NUMBER_MS = 0.2;
export const DEFAULT_BATCH_MAX_SIZE = 1000;

/** The numbers of a batch request, or why it is refused (status and message). */
export function parseBatchBody(
  body: string,
  maxSize: number,
): { phones: string[] } | { status: number; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { status: 400, error: 'body must be JSON: {"phones":["13800001234",…]}' };
  }
  const phones = parsed !== null && typeof parsed === 'object' ? (parsed as { phones?: unknown }).phones : undefined;
  if (!Array.isArray(phones) || phones.length === 0)
    return { status: 400, error: 'phones must be a non-empty array of 11-digit numbers' };
  if (phones.length > maxSize) return { status: 413, error: `at most ${maxSize} numbers per batch` };
  if (!phones.every((p): p is string => typeof p === 'string' && /^\d{11}$/.test(p)))
    return { status: 400, error: 'phones must be a non-empty array of 11-digit numbers' };
  return { phones };
}

/** One number's answer, in the shape the per-number endpoint uses (minus the number itself). */
export function orderAnswer(total: number): { total: number; hasOrders: boolean; orders: object[]; data: object } {
  const orders = Array.from({ length: Math.min(total, 20) }, (_, i) => ({ id: `o${i + 1}` }));
  // `hasOrders` and `data.total` are alternate shapes so checker readers other than the default can be exercised.
  return { total, hasOrders: total > 0, orders, data: { total } };
}

/** The reply to a batch: every number asked except those in `omit`, in the configured shape. */
export function batchReply(
  phones: readonly string[],
  totalOf: (phone: string) => number,
  omit: ReadonlySet<string>,
  shape: 'keyed' | 'list',
): object {
  const kept = phones.filter((p) => !omit.has(p));
  if (shape === 'list') return { results: kept.map((phone) => ({ phone, ...orderAnswer(totalOf(phone)) })) };
  return Object.fromEntries(kept.map((phone) => [phone, orderAnswer(totalOf(phone))]));
}
