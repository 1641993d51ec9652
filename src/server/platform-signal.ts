/**
 * A platform `AbortSignal` that aborts with `signal`, which may not be the platform's own. The server
 * adapter under Yoga (@whatwg-node/server) gives each request a lighter signal of its own: a Proxy that
 * reports AbortSignal's prototype and moves itself onto a native controller when `AbortSignal.any`
 * reaches into it. Node 22 and later check the type first and throw ("signals[0] is not of type
 * AbortSignal"), which failed every operation; Node 20 takes any EventTarget, and one that is not that
 * Proxy then never aborts the result. So a foreign signal is followed both ways: its 'abort' event (the
 * listener goes with the request the signal belongs to), and `AbortSignal.any` where it is taken.
 */
export function platformSignal(signal: AbortSignal): AbortSignal {
  if (isPlatformSignal(signal)) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  else signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  try {
    return AbortSignal.any([controller.signal, AbortSignal.any([signal])]);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return controller.signal;
  }
}

const abortedGetter = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

/** A real AbortSignal: the platform's getter works on it (a Proxy or look-alike lacks its internal state). */
function isPlatformSignal(signal: AbortSignal): boolean {
  try {
    abortedGetter.call(signal);
    return true;
  } catch {
    return false;
  }
}
