import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { FixedLimiter, OrderChecker } from '../../src/checker/index.ts';
import { Fleet } from '../../src/fleet/fleet.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { SearchInput } from '../../src/plan/search-request.ts';
import { SearchEngine } from '../../src/search/search-engine.ts';
import { redisAnswers, startPrivateRedis, type PrivateRedis } from '../../scripts/lib/redis-server.ts';
import type { BenchContext } from '../lib/context.ts';
import { allCandidates, IN_FLIGHT, newChecker, request } from '../lib/engine.ts';
import type { Row, ScenarioResult } from '../lib/report.ts';
import { SIM_TOKEN, startBenchSimulator } from '../lib/simulator.ts';
import { summarize } from '../lib/stats.ts';
import { FIRST_MATCH_INPUT } from './first-match.ts';

const INSTANCES = 3;
const BACKGROUND: SearchInput[] = [
  { prefix: '139', suffix: '1234' },
  { prefix: '137', suffix: '1234' },
];

interface Instance {
  readonly fleet: Fleet;
  readonly checker: OrderChecker;
}

/**
 * The fleet against one simulator (20 ms) and one Redis: three instances sharing one in-flight budget
 * of IN_FLIGHT vs one instance with the same bound (total checks per second), a city search's time to
 * its first match on one instance while the two others run nationwide searches vs the same search
 * alone, and Redis round trips per check.
 */
export async function fleet(ctx: BenchContext): Promise<ScenarioResult> {
  let privateRedis: PrivateRedis | undefined;
  const redisUrl =
    process.env.PHONEMATCH_TEST_REDIS_URL ??
    ((await redisAnswers('127.0.0.1', 6379))
      ? 'redis://127.0.0.1:6379'
      : (privateRedis = await startPrivateRedis()).url);
  const city = request(FIRST_MATCH_INPUT);
  const cityTier = city.plan.tiers.find((t) => !t.skipped)!;
  const cityCandidates = [...city.plan.candidates(cityTier.tier)];
  const cityMatch = cityCandidates[Math.floor(cityCandidates.length / 2)]!;
  const sim = await startBenchSimulator({ latencyMs: 20, numbers: [cityMatch], inProcess: ctx.inProcessSim });
  const checks = ctx.quick ? 3000 : 12_000;
  // 13+1234 has 100,000 candidates, so the run lasts seconds: 1380+1234 (1,000) measured mostly the warm-up.
  const numbers = allCandidates(request({ prefix: '13', suffix: '1234' })).slice(0, checks);
  const solo: number[] = [];
  const shared: number[] = [];
  const redisPerCheck: number[] = [];
  const peakAtService: number[] = [];
  const soloMatch: number[] = [];
  const fleetMatch: number[] = [];
  const prefixes: string[] = [];
  try {
    for (let rep = -1; rep < ctx.reps; rep++) {
      // One instance, bound IN_FLIGHT, no Redis.
      const one = newChecker(sim.ordersUrlTemplate);
      await sim.resetStats();
      solo.push(await timedRun([one], [numbers]));
      const soloPeak = (await sim.stats()).peakInFlight;
      await one.close();

      // Three instances sharing IN_FLIGHT through Redis, the numbers split between them.
      const prefix = `pmbench:${randomBytes(4).toString('hex')}:`;
      prefixes.push(prefix);
      const three = await startInstances(redisUrl, prefix, sim.ordersUrlTemplate);
      const thirds = three.map((_, i) => numbers.filter((__, j) => j % INSTANCES === i));
      const callsBefore = three.reduce((n, x) => n + x.fleet.traffic.totalCalls, 0);
      await sim.resetStats();
      const rate = await timedRun(
        three.map((x) => x.checker),
        thirds,
      );
      const fleetPeak = (await sim.stats()).peakInFlight;
      const calls = three.reduce((n, x) => n + x.fleet.traffic.totalCalls, 0) - callsBefore;
      const byOp = new Map<string, number>();
      for (const x of three) for (const [op, n] of x.fleet.traffic.calls) byOp.set(op, (byOp.get(op) ?? 0) + n);
      await stopInstances(three);
      if (rep >= 0) {
        shared.push(rate);
        redisPerCheck.push(calls / numbers.length);
        peakAtService.push(fleetPeak);
      } else solo.pop();

      // A city search alone, then on one instance while the two others search nationwide.
      const alone = newChecker(sim.ordersUrlTemplate);
      const aloneMs = await firstMatchMs(new SearchEngine(alone, { deadlineMs: 600_000 }));
      await alone.close();
      const prefix2 = `pmbench:${randomBytes(4).toString('hex')}:`;
      prefixes.push(prefix2);
      const busy = await startInstances(redisUrl, prefix2, sim.ordersUrlTemplate);
      const stop = new AbortController();
      const background = BACKGROUND.map((input, i) =>
        new SearchEngine(busy[i + 1]!.checker, { deadlineMs: 600_000 }).search(request(input), {
          stopAt: 'ALL',
          signal: stop.signal,
        }),
      );
      await new Promise((r) => setTimeout(r, 500)); // the nationwide searches hold the whole budget
      const busyMs = await firstMatchMs(new SearchEngine(busy[0]!.checker, { deadlineMs: 600_000 }));
      stop.abort();
      await Promise.all(background);
      await stopInstances(busy);
      if (rep < 0) continue;
      soloMatch.push(aloneMs);
      fleetMatch.push(busyMs);
      ctx.log(
        `  fleet run ${rep + 1}/${ctx.reps}: solo ${solo.at(-1)!.toFixed(0)}/s (peak ${soloPeak} in flight at the service), ` +
          `fleet ${rate.toFixed(0)}/s (peak ${fleetPeak}), ` +
          `redis ${(calls / numbers.length).toFixed(3)}/check (${[...byOp].map(([op, n]) => `${op} ${(n / numbers.length).toFixed(3)}`).join(', ')}), city first match ${aloneMs.toFixed(0)} ms alone, ${busyMs.toFixed(0)} ms in the busy fleet`,
      );
    }
  } finally {
    await sim.stop();
    await cleanPrefixes(redisUrl, prefixes);
    await privateRedis?.stop();
  }
  const ratio = shared.map((s, i) => (s / solo[i]!) * 100);
  const latencyRatio = fleetMatch.map((f, i) => f / soloMatch[i]!);
  const rows: Row[] = [
    {
      scenario: 'fleet',
      metric: `3 instances sharing one budget of ${IN_FLIGHT}, checks/s`,
      unit: '/s',
      value: summarize(shared),
      vs: { label: 'of 1 instance, same bound', value: summarize(ratio), unit: '%' },
      target: '>= 90%',
      pass: summarize(ratio).median >= 90,
    },
    {
      scenario: 'fleet',
      metric: `peak requests in flight at the service, 3 instances together`,
      unit: '',
      value: summarize(peakAtService),
      target: `<= ${IN_FLIGHT}`,
      pass: Math.max(...peakAtService) <= IN_FLIGHT,
    },
    {
      scenario: 'fleet',
      metric: 'city first match during nationwide searches (fleet), ms',
      unit: 'ms',
      value: summarize(fleetMatch),
      vs: { label: 'of the same search alone', value: summarize(latencyRatio), unit: '×' },
      target: '<= 2×',
      pass: summarize(latencyRatio).median <= 2,
    },
    {
      scenario: 'fleet',
      metric: 'Redis round trips per check (answers, claims, budget, all)',
      unit: '',
      value: summarize(redisPerCheck),
      note: 'script calls counted by the fleet; lookups are batched per event-loop turn, answers per 5 ms, budget renewals are per 50 ms or when short',
    },
  ];
  return {
    rows,
    notes: [
      `- Fleet: ${INSTANCES} in-process instances (each its own Redis connections, budget lease, answer store and checker) against one simulator (20 ms) and one Redis; ${checks} distinct numbers split between them vs the same on one instance with the same bound. First match: ${FIRST_MATCH_INPUT.city} 138+1234 stopAt FIRST_MATCH, the match in the middle of its tier, on one instance while the two others run 139+1234 and 137+1234 nationwide.`,
    ],
  };
}

async function startInstances(redisUrl: string, keyPrefix: string, ordersUrlTemplate: string): Promise<Instance[]> {
  const out: Instance[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    const fleet = new Fleet({
      redis: { url: redisUrl },
      keyPrefix,
      leaseMs: 3000,
      startShare: IN_FLIGHT,
      limiter: new FixedLimiter(IN_FLIGHT),
      ratePerSecond: 0,
      rateBurst: 1,
      answerTtlMs: 600_000,
      claimTtlMs: 6000,
      quota: { perMinute: 1000, ticketLeaseMs: 9000 },
      logger: silentLogger,
    });
    await fleet.start();
    const checker = new OrderChecker(
      { orderService: { urlTemplate: ordersUrlTemplate, sessionToken: SIM_TOKEN }, concurrency: IN_FLIGHT },
      { budget: fleet.budget, shared: fleet.answers },
    );
    out.push({ fleet, checker });
  }
  return out;
}

async function stopInstances(instances: Instance[]): Promise<void> {
  for (const x of instances) {
    await x.checker.close();
    await x.fleet.close();
  }
}

/** Checks every list on its checker at once; total checks per second. */
async function timedRun(checkers: OrderChecker[], lists: string[][]): Promise<number> {
  const started = performance.now();
  let total = 0;
  await Promise.all(
    checkers.map((checker, i) =>
      checker.session().run(lists[i]!, (_, result) => {
        if (result.outcome === 'failed') throw new Error(`fleet bench: a check failed (${result.reason})`);
        total++;
      }),
    ),
  );
  return (total / (performance.now() - started)) * 1000;
}

async function firstMatchMs(engine: SearchEngine): Promise<number> {
  const started = performance.now();
  let at = NaN;
  const result = await engine.search(request(FIRST_MATCH_INPUT), {
    stopAt: 'FIRST_MATCH',
    onEvent: (e) => {
      if (e.type === 'match' && Number.isNaN(at)) at = performance.now() - started;
    },
  });
  if (result.status !== 'MATCHED') throw new Error(`fleet bench: the city search ended ${result.status}`);
  return at;
}

async function cleanPrefixes(url: string, prefixes: string[]): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    await redis.connect();
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.unlink(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}
