import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import {
  builtinPicker,
  generateNumbers,
  parseCsv,
  type PhoneFault,
  type Simulator,
} from '../../src/simulator/index.ts';
import { main, parseDuration } from '../../src/simulator/cli.ts';
import { leaveRunning, startTestSimulator } from '../support/simulator.ts';
import { waitFor } from '../support/wait-for.ts';

let sim: Simulator | undefined;

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await request(`${sim!.url}${path}`, { headers });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
}

describe('order-service simulator', () => {
  it('implements the default contract with a session cookie', async () => {
    sim = await startTestSimulator({ token: 'tok', numbers: new Map([['13800001234', 2]]) });
    expect((await get('/orders?phone=13800001234')).status).toBe(401);
    expect((await get('/orders?phone=13800001234', { cookie: 'a=b; session=wrong' })).status).toBe(401);
    const hit = await get('/orders?phone=13800001234', { cookie: 'a=b; session=tok' });
    expect(hit.status).toBe(200);
    expect(JSON.parse(hit.text)).toMatchObject({
      phone: '13800001234',
      total: 2,
      orders: [{ id: 'o1' }, { id: 'o2' }],
    });
    expect(JSON.parse((await get('/orders?phone=13800005678', { cookie: 'session=tok' })).text)).toMatchObject({
      total: 0,
      orders: [],
    });
    expect((await get('/orders?phone=12', { cookie: 'session=tok' })).status).toBe(400);
  });

  it('counts requests, per-phone counts and serves /stats and /stats/reset', async () => {
    sim = await startTestSimulator();
    await get('/orders?phone=13800001234');
    await get('/orders?phone=13800001234');
    expect(sim.requestsFor('13800001234')).toBe(2);
    const stats = JSON.parse((await get('/stats')).text);
    expect(stats).toMatchObject({ requests: 2, perPhone: { '13800001234': 2 }, outcomes: { 'no-orders': 2 } });
    expect(sim.requestLog.map((e) => e.outcome)).toEqual(['no-orders', 'no-orders']);
    await request(`${sim.url}/stats/reset`, { method: 'POST' }).then((r) => r.body.dump());
    expect(sim.stats()).toMatchObject({ requests: 0, perPhone: {} });
  });

  it('injects each fault kind deterministically per phone', async () => {
    sim = await startTestSimulator({
      faults: {
        retryAfter: '2',
        phoneFaults: new Map<string, PhoneFault>([
          ['13800000001', 'error'],
          ['13800000002', 'rate-limit'],
          ['13800000003', 'malformed-html'],
          ['13800000004', 'malformed-json'],
          ['13800000005', 'reset'],
          ['13800000006', { kind: 'error', times: 1 }],
        ]),
      },
    });
    expect((await get('/orders?phone=13800000001')).status).toBe(503);
    const limited = await get('/orders?phone=13800000002');
    expect([limited.status, limited.headers['retry-after']]).toEqual([429, '2']);
    expect((await get('/orders?phone=13800000003')).text).toMatch(/^<!doctype html>/);
    const truncated = await get('/orders?phone=13800000004');
    expect(() => JSON.parse(truncated.text)).toThrow();
    await expect(get('/orders?phone=13800000005')).rejects.toThrow();
    expect((await get('/orders?phone=13800000006')).status).toBe(503);
    expect((await get('/orders?phone=13800000006')).status).toBe(200);
    expect(sim.stats().faultsInjected).toBe(6);
  });

  it('holds hung requests open and tracks concurrency', async () => {
    sim = await startTestSimulator({ faults: { hangRate: 1 } });
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const pending = controllers.map((c) =>
      request(`${sim!.url}/orders?phone=13800000001`, { signal: c.signal }).catch(() => 'aborted'),
    );
    await waitFor(() => sim!.stats().inFlight >= 3, 'three hung requests', 2000);
    expect(sim.stats()).toMatchObject({ inFlight: 3, peakInFlight: 3 });
    for (const c of controllers) c.abort();
    expect(await Promise.all(pending)).toEqual(['aborted', 'aborted', 'aborted']);
    await waitFor(() => sim!.stats().inFlight === 0, 'the hung requests to end', 2000);
    expect(sim.stats().outcomes.hang).toBe(3);
  });

  it('applies runtime fault and latency changes', async () => {
    sim = await startTestSimulator();
    sim.setFaults({ errorRate: 1 });
    expect((await get('/orders?phone=13800000001')).status).toBe(503);
    sim.setFaults({});
    sim.setLatency(30, 0);
    const started = performance.now();
    expect((await get('/orders?phone=13800000001')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('loads numbers from CSV and from a seeded generator', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-'));
    const csv = join(dir, 'numbers.csv');
    await writeFile(csv, 'phone,total\n13800000001,3\n13800000002\n\n');
    const generated = generateNumbers({ seed: 42, count: 5 });
    expect(generateNumbers({ seed: 42, count: 5 })).toEqual(generated);
    expect(generateNumbers({ seed: 43, count: 5 })).not.toEqual(generated);
    const picked: string[] = [];
    sim = await startTestSimulator({
      csv,
      generate: {
        seed: 1,
        count: 3,
        pick: (rng) => (picked.push(builtinPicker(rng)), picked.at(-1)!),
        orders: () => 7,
      },
    });
    expect(JSON.parse((await get('/orders?phone=13800000001')).text).total).toBe(3);
    expect(JSON.parse((await get('/orders?phone=13800000002')).text).total).toBe(1);
    expect(picked).toHaveLength(3);
    for (const phone of picked) {
      expect(phone).toMatch(/^1[3-9]\d{9}$/);
      expect(JSON.parse((await get(`/orders?phone=${phone}`)).text).total).toBe(7);
    }
    expect([...parseCsv('13800000001,2\r\n')]).toEqual([['13800000001', 2]]);
  });

  it('CLI parses durations and starts with a picker hook', async () => {
    expect([parseDuration('20ms'), parseDuration('1.5s'), parseDuration('7')]).toEqual([20, 1500, 7]);
    const write = process.stdout.write;
    process.stdout.write = () => true;
    try {
      sim = leaveRunning(
        await main(['--port', '0', '--count', '2', '--seed', '9', '--latency', '1ms', '--error-rate', '0'], {
          picker: () => '13912345678',
        }),
      );
    } finally {
      process.stdout.write = write;
    }
    expect(JSON.parse((await get('/orders?phone=13912345678')).text).total).toBeGreaterThan(0);
  });
});
