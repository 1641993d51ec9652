import { Pool } from 'undici';
import { SIM_TOKEN } from './simulator.ts';

export interface LoopResult {
  readonly checks: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
}

/**
 * The reference: one undici Pool with `connections` sockets, a window of `connections` requests in
 * flight, each body read and parsed, nothing else (no scheduler, retries, cache or events).
 */
export async function rawLoop(
  ordersUrlTemplate: string,
  phones: readonly string[],
  connections: number,
): Promise<LoopResult> {
  const origin = new URL(ordersUrlTemplate.replace('{phone}', '0')).origin;
  const [pathHead, pathTail] = ordersUrlTemplate.slice(origin.length).split('{phone}') as [string, string];
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const headers = { cookie: `session=${SIM_TOKEN}`, accept: 'application/json' };
  let next = 0;
  let positives = 0;
  const worker = async () => {
    while (next < phones.length) {
      const phone = phones[next++]!;
      const { statusCode, body } = await pool.request({ path: pathHead + phone + pathTail, method: 'GET', headers });
      const parsed = JSON.parse(await body.text()) as { total: number };
      if (statusCode !== 200) throw new Error(`raw loop: HTTP ${statusCode}`);
      if (parsed.total > 0) positives++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(connections, phones.length) }, worker));
  const elapsedMs = performance.now() - started;
  await pool.close();
  void positives;
  return { checks: phones.length, elapsedMs, perSecond: (phones.length / elapsedMs) * 1000 };
}
