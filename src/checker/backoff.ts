/**
 * "Full jitter" backoff (AWS architecture blog): a uniform delay in [0, min(max, base * 2^(n-1))].
 * Spreading retries over the whole window keeps a burst of failures from retrying in lockstep.
 * @param retry 1 for the first retry, 2 for the second...
 */
export function fullJitterDelay(
  retry: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds, capped at `capMs` so a
 * misbehaving server cannot park a search for an hour. Returns undefined when absent or unparseable.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  capMs: number,
  now: number = Date.now(),
): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  let ms: number;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(capMs, Math.max(0, Math.ceil(ms)));
}
