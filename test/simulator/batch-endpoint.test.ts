import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/simulator/cli.ts';
import type { Simulator } from '../../src/simulator/index.ts';
import { leaveRunning, startTestSimulator } from '../support/simulator.ts';

let sim: Simulator | undefined;

const WITH = '13800001234';
const WITHOUT = '13800005678';
const OTHER = '13900000000';

async function postBatch(body: unknown, headers: Record<string, string> = { cookie: 'session=tok' }) {
  const res = await request(sim!.batchUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

describe('simulator batch endpoint', () => {
  it('answers every number of a batch, keyed by number, behind the same session cookie', async () => {
    sim = await startTestSimulator({ token: 'tok', numbers: new Map([[WITH, 2]]) });
    expect((await postBatch({ phones: [WITH] }, {})).status).toBe(401);
    const reply = await postBatch({ phones: [WITH, WITHOUT] });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({
      [WITH]: { total: 2, hasOrders: true, orders: [{ id: 'o1' }, { id: 'o2' }], data: { total: 2 } },
      [WITHOUT]: { total: 0, hasOrders: false, orders: [], data: { total: 0 } },
    });
  });

  it('counts batches and the numbers they asked about in /stats and the request log', async () => {
    sim = await startTestSimulator();
    await postBatch({ phones: [WITH, WITHOUT, OTHER] });
    await request(`${sim.url}/orders?phone=${WITH}`).then((r) => r.body.dump());
    expect(sim.requestsFor(WITH)).toBe(2);
    const stats = JSON.parse(await (await request(`${sim.url}/stats`)).body.text());
    expect(stats).toMatchObject({
      requests: 2,
      batchRequests: 1,
      batchNumbers: 3,
      outcomes: { batch: 1, 'no-orders': 1 },
      perPhone: { [WITH]: 2, [WITHOUT]: 1, [OTHER]: 1 },
    });
    expect(sim.requestLog.map((e) => e.batch ?? e.phone)).toEqual([[WITH, WITHOUT, OTHER], WITH]);
  });

  it('refuses a malformed or oversized batch', async () => {
    sim = await startTestSimulator({ batch: { maxSize: 2 } });
    expect((await postBatch('not json')).status).toBe(400);
    expect((await postBatch({ phones: [] })).status).toBe(400);
    expect((await postBatch({ phones: [WITH, '12'] })).status).toBe(400);
    expect((await postBatch({ phones: [WITH, WITHOUT, OTHER] })).status).toBe(413);
    expect(sim.stats().outcomes['bad-request']).toBe(4);
  });

  it('fails a whole batch when one of its numbers has a fault, and leaves out numbers told to', async () => {
    sim = await startTestSimulator({
      faults: { phoneFaults: [[OTHER, { kind: 'error', times: 1 }]], omitFromBatch: [WITHOUT] },
    });
    expect((await postBatch({ phones: [WITH, OTHER] })).status).toBe(503);
    const second = await postBatch({ phones: [WITH, WITHOUT, OTHER] });
    expect(Object.keys(JSON.parse(second.text)).sort()).toEqual([WITH, OTHER]);
    sim.setFaults({ rateLimitRate: 1, retryAfter: '3' });
    const limited = await postBatch({ phones: [WITH] });
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '3']);
    expect(sim.stats().outcomes).toMatchObject({ error: 1, batch: 1, 'rate-limit': 1 });
  });

  it('replies as a list when asked, for operators whose services do', async () => {
    sim = await startTestSimulator({ numbers: new Set([WITH]), batch: { reply: 'list' } });
    expect(JSON.parse((await postBatch({ phones: [WITH, WITHOUT] })).text)).toMatchObject({
      results: [
        { phone: WITH, total: 1 },
        { phone: WITHOUT, total: 0 },
      ],
    });
  });

  it('costs its latency plus a per-number time', async () => {
    sim = await startTestSimulator({ latencyMs: 10, batch: { perNumberMs: 1 } });
    const phones = Array.from({ length: 100 }, (_, i) => `139000${String(i).padStart(5, '0')}`);
    const started = performance.now();
    expect((await postBatch({ phones })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(105);
  });

  it('takes one worker of the capacity model per batch, whatever its size', async () => {
    sim = await startTestSimulator({ latencyMs: 50, capacity: { workers: 1, queue: 0 } });
    const phones = Array.from({ length: 50 }, (_, i) => `139000${String(i).padStart(5, '0')}`);
    const [first, second] = await Promise.all([postBatch({ phones }), postBatch({ phones: [WITH] })]);
    expect([first.status, second.status].sort()).toEqual([200, 429]);
    expect(sim.stats().capacity).toMatchObject({ peakWorking: 1, refused: 1 });
    expect(sim.stats().outcomes).toMatchObject({ batch: 1, overloaded: 1 });
  });

  it('is tuned from the command line', async () => {
    const write = process.stdout.write;
    process.stdout.write = () => true;
    try {
      sim = leaveRunning(
        await main(['--port', '0', '--batch-max', '1', '--batch-reply', 'list', '--batch-per-number', '0ms']),
      );
    } finally {
      process.stdout.write = write;
    }
    expect((await postBatch({ phones: [WITH, WITHOUT] })).status).toBe(413);
    expect(JSON.parse((await postBatch({ phones: [WITH] })).text)).toMatchObject({ results: [{ phone: WITH }] });
    await expect(main(['--port', '0', '--batch-reply', 'csv'])).rejects.toThrow(/keyed or list/);
  });
});
