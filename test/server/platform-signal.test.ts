import { describe, expect, it } from 'vitest';
import { platformSignal } from '../../src/server/platform-signal.ts';

/**
 * A signal that is not the platform's, as the server adapter under Yoga hands out per request: an
 * EventTarget with `aborted` and `reason` (Node 20's AbortSignal.any refuses a plain one too).
 */
class ForeignSignal extends EventTarget {
  aborted = false;
  reason: unknown;
  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    this.dispatchEvent(new Event('abort'));
  }
}

describe('platformSignal', () => {
  it('follows a foreign signal that aborts later, with its reason', () => {
    const foreign = new ForeignSignal();
    const signal = platformSignal(foreign as unknown as AbortSignal);
    expect(Object.getPrototypeOf(signal)).toBe(AbortSignal.prototype);
    expect(signal.aborted).toBe(false);
    // It can be combined, which is what the request context does with it.
    const combined = AbortSignal.any([signal, new AbortController().signal]);
    foreign.abort('client left');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('client left');
    expect(combined.aborted).toBe(true);
  });

  it('is aborted at once for a foreign signal aborted already', () => {
    const foreign = new ForeignSignal();
    foreign.abort('gone');
    const signal = platformSignal(foreign as unknown as AbortSignal);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('gone');
  });

  it('follows a platform signal too', () => {
    const controller = new AbortController();
    const signal = platformSignal(controller.signal);
    controller.abort('done');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe('done');
  });
});
