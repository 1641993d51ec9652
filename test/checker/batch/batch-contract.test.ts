import { describe, expect, it } from 'vitest';
import { BatchBodyTemplate } from '../../../src/checker/batch/batch-body.ts';
import { BatchReplyReader, type BatchReplyShape } from '../../../src/checker/batch/batch-reply.ts';
import { retryPolicy } from '../../../src/checker/retry/retry-policy.ts';
import {
  CheckTimeoutError,
  ConfigError,
  HttpStatusError,
  MissingFromBatchError,
  NetworkError,
  resolveCheckerConfig,
  UnreadableResponseError,
} from '../../../src/checker/index.ts';

const A = '13800001234';
const B = '13800005678';
const C = '13900000000';
const KEYED: BatchReplyShape = { resultsPath: '', phoneField: '', jsonPath: 'total', readAs: 'number>0' };

function outcomes(answers: ReturnType<BatchReplyReader['read']>): Array<boolean | string> {
  return answers.map((a) => (typeof a === 'boolean' ? a : a.code));
}

describe('batch request body', () => {
  it('puts the JSON array of numbers wherever {phones} stands', () => {
    expect(new BatchBodyTemplate('{"phones":{phones}}').render([A, B])).toBe(`{"phones":["${A}","${B}"]}`);
    const nested = new BatchBodyTemplate('{"query":{"numbers":{phones},"echo":{phones}},"v":2}').render([A]);
    expect(JSON.parse(nested)).toEqual({ query: { numbers: [A], echo: [A] }, v: 2 });
  });
});

describe('batch reply', () => {
  it('reads an object keyed by number, each value with ORDERS_JSON_PATH / ORDERS_READ_AS', () => {
    const reader = new BatchReplyReader(KEYED);
    const reply = JSON.stringify({ [A]: { total: 2 }, [B]: { total: 0 }, '13700000000': { total: 5 } });
    expect(reader.read(reply, [A, B])).toEqual([true, false]);

    const nested = new BatchReplyReader({ ...KEYED, jsonPath: 'data.hasOrders', readAs: 'true' });
    expect(nested.read(JSON.stringify({ [B]: { data: { hasOrders: true } } }), [B])).toEqual([true]);
  });

  it('fails a number the reply leaves out, by name, and never as "no orders"', () => {
    const answers = new BatchReplyReader(KEYED).read(JSON.stringify({ [A]: { total: 0 } }), [A, B]);
    expect(answers[0]).toBe(false);
    expect(answers[1]).toBeInstanceOf(MissingFromBatchError);
    const missing = answers[1] as MissingFromBatchError;
    expect(missing).toMatchObject({ code: 'PM_CHECK_MISSING_FROM_BATCH', reason: 'missing-from-batch' });
    expect(missing.message).toContain('138****5678');
    expect(missing.message).not.toContain(B);
  });

  it('fails only the number whose answer has no readable value', () => {
    const reply = JSON.stringify({ [A]: { total: 'many' }, [B]: null, [C]: { total: 1 } });
    expect(outcomes(new BatchReplyReader(KEYED).read(reply, [A, B, C]))).toEqual([
      'PM_CHECK_UNREADABLE',
      'PM_CHECK_UNREADABLE',
      true,
    ]);
  });

  it('fails the whole batch when the reply is not JSON or the answers are not where the shape says', () => {
    const reader = new BatchReplyReader(KEYED);
    expect(() => reader.read('<html>Please sign in</html>', [A])).toThrow(UnreadableResponseError);
    expect(() => reader.read('[1,2]', [A])).toThrow(/not an object keyed by number/);
    expect(() => reader.read('null', [A])).toThrow(UnreadableResponseError);
    const inResults = new BatchReplyReader({ ...KEYED, resultsPath: 'data.results' });
    expect(() => inResults.read(JSON.stringify({ [A]: { total: 0 } }), [A])).toThrow(/data\.results is not an object/);
  });

  it('reads other shapes: answers under a path, or an array naming each number in a field', () => {
    const under = new BatchReplyReader({ ...KEYED, resultsPath: 'data.results' });
    expect(under.read(JSON.stringify({ data: { results: { [A]: { total: 1 } } } }), [A])).toEqual([true]);

    const list = new BatchReplyReader({ ...KEYED, resultsPath: 'results', phoneField: 'phone' });
    const reply = JSON.stringify({
      results: [
        { phone: B, total: 0 },
        { phone: Number(A), total: 3 },
        { phone: B, total: 9 }, // a repeat cannot overrule the first answer
        { total: 4 },
      ],
    });
    expect(outcomes(list.read(reply, [A, B, C]))).toEqual([true, false, 'PM_CHECK_MISSING_FROM_BATCH']);
    expect(() => list.read(JSON.stringify({ results: {} }), [A])).toThrow(/results is not an array/);
  });
});

describe('retry policy', () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  const unavailable = new HttpStatusError(503, 'HTTP 503');

  it('halves a batch that failed for a retryable reason, however many attempts it took', () => {
    expect(retryPolicy(items, unavailable, 1, 4)).toEqual({
      kind: 'retry',
      groups: [
        ['a', 'b', 'c'],
        ['d', 'e'],
      ],
    });
    expect(retryPolicy(['a', 'b'], new CheckTimeoutError('slow'), 9, 4)).toEqual({
      kind: 'retry',
      groups: [['a'], ['b']],
    });
    expect(retryPolicy(items, new NetworkError('reset'), 2, 4)).toMatchObject({ kind: 'retry' });
  });

  it('retries a single number (every request of the per-number contract) up to maxAttempts', () => {
    expect(retryPolicy(['a'], unavailable, 3, 4)).toEqual({ kind: 'retry', groups: [['a']] });
    expect(retryPolicy(['a'], unavailable, 4, 4)).toEqual({ kind: 'fail' });
  });

  it('retries a rate-limited batch whole: the service asked for less traffic, not smaller batches', () => {
    const limited = new HttpStatusError(429, 'HTTP 429', 1000);
    expect(retryPolicy(items, limited, 1, 4)).toEqual({ kind: 'retry', groups: [items] });
    expect(retryPolicy(items, limited, 4, 4)).toEqual({ kind: 'fail' });
  });

  it('fails every number at once when another attempt cannot help', () => {
    expect(retryPolicy(items, new HttpStatusError(400, 'HTTP 400'), 1, 4)).toEqual({ kind: 'fail' });
    expect(retryPolicy(items, new UnreadableResponseError('html'), 1, 4)).toEqual({ kind: 'fail' });
  });
});

describe('batch configuration', () => {
  const orderService = { urlTemplate: 'http://127.0.0.1:4001/orders?phone={phone}' };

  it('is off unless a batch URL is given, and fills in the documented defaults', () => {
    expect(resolveCheckerConfig({ orderService }).batch).toBeUndefined();
    expect(resolveCheckerConfig({ orderService, batch: { url: 'http://127.0.0.1:4001/orders/batch' } }).batch).toEqual({
      url: 'http://127.0.0.1:4001/orders/batch',
      bodyTemplate: '{"phones":{phones}}',
      size: 50,
      resultsPath: '',
      phoneField: '',
    });
  });

  it('refuses a batch contract that cannot work', () => {
    const url = 'http://127.0.0.1:4001/orders/batch';
    expect(() => resolveCheckerConfig({ orderService, batch: { url: '/orders/batch' } })).toThrow(ConfigError);
    expect(() => resolveCheckerConfig({ orderService, batch: { url, bodyTemplate: '{"phones":[]}' } })).toThrow(
      /must contain \{phones\}/,
    );
    expect(() => resolveCheckerConfig({ orderService, batch: { url, bodyTemplate: '{"phones":"{phones}"' } })).toThrow(
      /not JSON/,
    );
    expect(() => resolveCheckerConfig({ orderService, batch: { url, size: 0 } })).toThrow(/batch.size/);
  });
});
