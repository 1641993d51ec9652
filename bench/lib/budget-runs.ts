import { Pool } from 'undici';
import { OrderChecker, type CheckerConfig } from '../../src/checker/index.ts';
import { SIM_TOKEN } from './simulator.ts';

/** Endless distinct numbers from `start` (no two runs of a scenario ask the same number). */
export function* endlessPhones(start: number): Generator<string> {
  for (let i = start; ; i++) yield '139' + String(i % 100_000_000).padStart(8, '0');
}

/** Completion times (ms since the run started) of answered requests, and the run's length. */
export interface Timeline {
  readonly answeredAt: number[];
  readonly durationMs: number;
}

/** Answered requests per second over [fromMs, toMs). */
export function rate(t: Timeline, fromMs: number, toMs: number): number {
  let n = 0;
  for (const at of t.answeredAt) if (at >= fromMs && at < toMs) n++;
  return (n * 1000) / (toMs - fromMs);
}

/** Events of a run, at times (ms since it started). */
export type Schedule = { atMs: number; run: () => Promise<void> | void }[];

function arm(schedule: Schedule, started: number): NodeJS.Timeout[] {
  return schedule.map(({ atMs, run }) =>
    setTimeout(() => void Promise.resolve(run()).catch(() => {}), Math.max(0, atMs - (performance.now() - started))),
  );
}

/**
 * The oracle: a raw undici loop with `window` requests in flight (one socket each) for `durationMs`,
 * nothing else; a refused request (429/503) is simply sent again with the next number.
 */
export async function oracleRun(
  ordersUrlTemplate: string,
  window: number,
  durationMs: number,
  start: number,
  schedule: Schedule = [],
): Promise<Timeline> {
  const origin = new URL(ordersUrlTemplate.replace('{phone}', '0')).origin;
  const [head, tail] = ordersUrlTemplate.slice(origin.length).split('{phone}') as [string, string];
  const pool = new Pool(origin, { connections: window, pipelining: 1 });
  const headers = { cookie: `session=${SIM_TOKEN}`, accept: 'application/json' };
  const phones = endlessPhones(start);
  const answeredAt: number[] = [];
  const started = performance.now();
  const timers = arm(schedule, started);
  const worker = async () => {
    while (performance.now() - started < durationMs) {
      const { statusCode, body } = await pool.request({
        path: head + phones.next().value + tail,
        method: 'GET',
        headers,
      });
      const text = await body.text();
      if (statusCode === 200) {
        JSON.parse(text);
        answeredAt.push(performance.now() - started);
      }
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
  for (const t of timers) clearTimeout(t);
  await pool.close();
  return { answeredAt, durationMs };
}

export interface CheckerRun extends Timeline {
  /** The limit in force, sampled every 25 ms: [ms since start, limit]. */
  readonly limits: [number, number][];
  readonly meanLatencyMs: number;
}

/** A fresh checker, `sessions` sessions over endless numbers for `durationMs`, answers timestamped per session. */
export async function checkerRun(
  ordersUrlTemplate: string,
  concurrency: CheckerConfig['concurrency'],
  durationMs: number,
  start: number,
  options: { schedule?: Schedule; sessions?: number } = {},
): Promise<CheckerRun & { perSession: number[][] }> {
  const checker = new OrderChecker({
    orderService: { urlTemplate: ordersUrlTemplate, sessionToken: SIM_TOKEN },
    concurrency,
    timeoutMs: 10_000,
  });
  const answeredAt: number[] = [];
  const perSession: number[][] = [];
  const limits: [number, number][] = [];
  const started = performance.now();
  const timers = arm(options.schedule ?? [], started);
  const sampler = setInterval(() => limits.push([performance.now() - started, checker.stats().limit]), 25);
  const sessions = Array.from({ length: options.sessions ?? 1 }, (_, i) => {
    const mine: number[] = [];
    perSession.push(mine);
    const session = checker.session();
    const run = session.run(endlessPhones(start + i * 10_000_000), (_phone, result) => {
      if (result.outcome === 'failed') return;
      const at = performance.now() - started;
      answeredAt.push(at);
      mine.push(at);
    });
    return { session, run };
  });
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  for (const { session } of sessions) session.cancel();
  await Promise.all(sessions.map((s) => s.run));
  clearInterval(sampler);
  for (const t of timers) clearTimeout(t);
  const stats = checker.stats();
  await checker.close();
  return {
    answeredAt,
    durationMs,
    limits,
    perSession,
    meanLatencyMs: stats.latency.sumMs / Math.max(1, stats.latency.count),
  };
}

/**
 * When the limit became steady after a change at `fromMs`: the first sample from which it stays within 10%
 * of `target` for `holdMs` (or the end of the window). Undefined if it never does before `toMs`.
 */
export function steadyAfter(
  limits: readonly [number, number][],
  fromMs: number,
  toMs: number,
  target: number,
  holdMs = 1000,
): number | undefined {
  const inside = (limit: number) => Math.abs(limit - target) <= 0.1 * target;
  const window = limits.filter(([at]) => at >= fromMs && at < toMs);
  for (const [at] of window) {
    const span = window.filter(([t]) => t >= at && t < at + holdMs);
    if (span.every(([, limit]) => inside(limit))) return at - fromMs;
  }
  return undefined;
}
