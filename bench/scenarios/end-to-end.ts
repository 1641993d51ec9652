import { readFileSync } from 'node:fs';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startService } from '../../src/service/start-service.ts';
import type { BenchContext } from '../lib/context.ts';
import { benchIndex, IN_FLIGHT, NATIONWIDE, request } from '../lib/engine.ts';
import type { ScenarioResult } from '../lib/report.ts';
import { SIM_TOKEN } from '../lib/simulator.ts';
import { summarize } from '../lib/stats.ts';

const QUERY = readFileSync(new URL('../../schema/operations/MatchPhoneEvents.graphql', import.meta.url), 'utf8');

interface Streamed {
  __typename: string;
  result?: { status: string; tiers: Array<{ checked: number }> };
}

/**
 * The nationwide search through the whole service (Yoga, schema, subscription) over graphql-ws and
 * over SSE, vs the same service's engine called directly. Service and clients share this process;
 * the simulator is the shared child process. The checker's pool stays warm across runs; its cache is
 * cleared before each.
 */
export async function endToEnd(ctx: BenchContext): Promise<ScenarioResult> {
  await ctx.sim.setLatency(20);
  const config = loadConfig([], {
    PORT: '0',
    ORDERS_URL: ctx.sim.ordersUrlTemplate,
    ORDERS_COOKIE: SIM_TOKEN,
    CHECK_CONCURRENCY: String(IN_FLIGHT),
    LOG_LEVEL: 'silent',
    SEARCH_DEADLINE_MS: '600000',
  });
  if (config === 'help') throw new Error('unexpected help');
  const service = await startService(config, { logger: createLogger({ level: 'silent' }), index: benchIndex() });
  const ws = createWsClient({
    url: service.graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
  });
  const sse = createSseClient({ url: service.graphqlUrl, retryAttempts: 0 });
  const variables = { input: { ...NATIONWIDE, stopAt: 'ALL' } };

  const viaGraphql = async (client: { iterate: typeof ws.iterate }): Promise<number> => {
    service.checker.clearCache();
    const started = performance.now();
    let checked = -1;
    for await (const next of client.iterate<{ matchPhoneEvents: Streamed }>({ query: QUERY, variables })) {
      if (next.errors) throw new Error(`subscription error: ${JSON.stringify(next.errors)}`);
      const event = next.data?.matchPhoneEvents;
      if (event?.__typename === 'SearchFinished') checked = event.result!.tiers.reduce((n, t) => n + t.checked, 0);
    }
    const elapsed = performance.now() - started;
    if (checked !== 10_000) throw new Error(`end to end: ${checked} checked`);
    return (checked / elapsed) * 1000;
  };
  const direct = async (): Promise<number> => {
    service.checker.clearCache();
    const req = request(NATIONWIDE);
    const started = performance.now();
    const result = await service.engine.search(req, { stopAt: 'ALL', onEvent: () => {} });
    return (result.totals.checked / (performance.now() - started)) * 1000;
  };

  const out = {
    direct: [] as number[],
    ws: [] as number[],
    sse: [] as number[],
    wsRatio: [] as number[],
    sseRatio: [] as number[],
  };
  try {
    await direct();
    await viaGraphql(ws);
    await viaGraphql(sse);
    for (let i = 0; i < ctx.reps; i++) {
      const d = await direct();
      const w = await viaGraphql(ws);
      const s = await viaGraphql(sse);
      out.direct.push(d);
      out.ws.push(w);
      out.sse.push(s);
      out.wsRatio.push((w / d) * 100);
      out.sseRatio.push((s / d) * 100);
      ctx.log(
        `  end to end run ${i + 1}/${ctx.reps}: direct ${Math.round(d)}/s, graphql-ws ${Math.round(w)}/s, SSE ${Math.round(s)}/s`,
      );
    }
  } finally {
    await ws.dispose();
    sse.dispose();
    await service.close();
  }
  const scenario = `end to end (138+1234, 20 ms, ${IN_FLIGHT} in flight)`;
  const wsRatio = summarize(out.wsRatio);
  const sseRatio = summarize(out.sseRatio);
  return {
    rows: [
      { scenario, metric: 'engine called directly', unit: 'checks/s', value: summarize(out.direct) },
      {
        scenario,
        metric: 'subscription over graphql-ws',
        unit: 'checks/s',
        value: summarize(out.ws),
        vs: { label: 'of direct', unit: '%', value: wsRatio },
        target: '>= 90% of direct',
        pass: wsRatio.median >= 90,
      },
      {
        scenario,
        metric: 'subscription over SSE',
        unit: 'checks/s',
        value: summarize(out.sse),
        vs: { label: 'of direct', unit: '%', value: sseRatio },
        target: '>= 90% of direct',
        pass: sseRatio.median >= 90,
      },
    ],
  };
}
