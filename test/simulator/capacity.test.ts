import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/simulator/cli.ts';
import type { Simulator } from '../../src/simulator/index.ts';
import { leave } from '../support/leftovers.ts';
import { leaveRunning, startTestSimulator } from '../support/simulator.ts';
import { waitFor } from '../support/wait-for.ts';

let sim: Simulator | undefined;
let agent: Agent | undefined;

/** `count` requests at once, each on its own connection; resolves with their statuses. */
function burst(count: number, signal?: AbortSignal): Promise<(number | 'aborted')[]> {
  if (!agent) {
    const made = (agent = new Agent({ connections: 1000 }));
    leave(async () => {
      agent = undefined;
      await made.close();
    });
  }
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      request(`${sim!.url}/orders?phone=138000000${String(i).padStart(2, '0')}`, { dispatcher: agent, signal }).then(
        async (r) => (await r.body.dump(), r.statusCode),
        () => 'aborted' as const,
      ),
    ),
  );
}

describe('simulator capacity model', () => {
  it('works on `workers` requests at once, queues `queue` more, and refuses the rest with 429', async () => {
    // Long service times, so all eight are at the service before the first is answered.
    sim = await startTestSimulator({ latencyMs: 500, capacity: { workers: 2, queue: 3 } });
    const statuses = await burst(8);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(sim.stats()).toMatchObject({
      capacity: { workers: 2, queueSize: 3, peakWorking: 2, peakQueued: 3, refused: 3 },
      outcomes: { 'no-orders': 5, overloaded: 3 },
    });
  });

  it('refuses with 503 when asked to', async () => {
    sim = await startTestSimulator({ latencyMs: 500, capacity: { workers: 1, overloadStatus: 503 } });
    expect((await burst(3)).sort()).toEqual([200, 503, 503]);
  });

  it('keeps a request whose client left counted while a worker has it, and drops a queued one at once', async () => {
    sim = await startTestSimulator({ latencyMs: 300, capacity: { workers: 1, queue: 5 } });
    const client = new AbortController();
    const pending = burst(3, client.signal);
    await waitFor(() => sim!.stats().inFlight === 3, 'three requests at the service', 2000);
    client.abort();
    expect(await pending).toEqual(['aborted', 'aborted', 'aborted']);
    // The two queued ones leave with their clients; the worked-on one stays until its work is done.
    await waitFor(() => sim!.stats().capacity.queued === 0, 'queue emptied', 2000);
    expect(sim.stats()).toMatchObject({ inFlight: 1, capacity: { working: 1 } });
    await waitFor(() => sim!.stats().inFlight === 0, 'work finished', 2000);
  });

  it('changes capacity at run time, in process and over HTTP', async () => {
    sim = await startTestSimulator({ latencyMs: 500, capacity: { workers: 1 } });
    expect((await burst(4)).filter((s) => s === 429)).toHaveLength(3);
    sim.setCapacity({ workers: 4 });
    expect((await burst(4)).filter((s) => s === 200)).toHaveLength(4);
    const reply = await request(`${sim.url}/admin/capacity`, {
      method: 'POST',
      body: JSON.stringify({ workers: 2, queue: 0 }),
    });
    expect(reply.statusCode).toBe(200);
    await reply.body.dump();
    expect((await burst(4)).filter((s) => s === 429)).toHaveLength(2);
    const bad = await request(`${sim.url}/admin/capacity`, { method: 'POST', body: '{"workers":0}' });
    expect(bad.statusCode).toBe(400);
    await bad.body.dump();
  });

  it('counts the connections it accepts', async () => {
    sim = await startTestSimulator({ latencyMs: 300 });
    const one = new Agent({ connections: 1 });
    for (let i = 0; i < 3; i++)
      await request(`${sim.url}/orders?phone=13800000001`, { dispatcher: one }).then((r) => r.body.dump());
    expect(sim.stats().connections).toEqual({ opened: 1, open: 1, peakOpen: 1 });
    await one.close();
    await waitFor(() => sim!.stats().connections.open === 0, 'connection closed', 2000);
    sim.resetStats();
    await burst(3);
    expect(sim.stats().connections).toMatchObject({ opened: 3, peakOpen: 3 });
  });

  it('draws exponential service times around the mean', async () => {
    sim = await startTestSimulator({ latencyMs: 20, latencyDistribution: 'exponential', seed: 3 });
    const started = performance.now();
    await burst(50);
    const elapsed = performance.now() - started;
    // The slowest of 50 exponential draws with a 20 ms mean is far above 20 ms (median about 90).
    expect(elapsed).toBeGreaterThan(40);
  });

  it('is configured from the command line', async () => {
    const write = process.stdout.write;
    process.stdout.write = () => true;
    try {
      sim = leaveRunning(
        await main(['--port', '0', '--workers', '1', '--queue', '1', '--latency', '500', '--overload-status', '503']),
      );
    } finally {
      process.stdout.write = write;
    }
    expect((await burst(3)).sort()).toEqual([200, 200, 503]);
    await expect(main(['--port', '0', '--distribution', 'pareto'])).rejects.toThrow(/distribution/);
  });
});
