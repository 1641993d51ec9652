import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batcher } from '../../src/fleet/batcher.ts';

/** A Batcher whose sends are recorded and answered with each item doubled. */
function recording(options: { max: number; windowMs?: number }) {
  const sent: number[][] = [];
  const batcher = new Batcher<number, number>(options, async (items) => {
    sent.push([...items]);
    return items.map((n) => n * 2);
  });
  return { batcher, sent };
}

describe('Batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('without a window, sends what was added in one turn together and answers each item in order', async () => {
    const { batcher, sent } = recording({ max: 10 });
    const answers = Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)]);
    expect(sent).toEqual([]);
    await vi.runOnlyPendingTimersAsync();
    expect(sent).toEqual([[1, 2, 3]]);
    await expect(answers).resolves.toEqual([2, 4, 6]);
    void batcher.add(4);
    await vi.runOnlyPendingTimersAsync();
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });

  it('with a window, items added over several turns wait for company until the window closes', async () => {
    const { batcher, sent } = recording({ max: 10, windowMs: 5 });
    void batcher.add(1);
    await vi.advanceTimersByTimeAsync(2);
    void batcher.add(2);
    await vi.advanceTimersByTimeAsync(2);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([[1, 2]]);
    // The next item opens a new window.
    void batcher.add(3);
    await vi.advanceTimersByTimeAsync(4);
    expect(sent).toEqual([[1, 2]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([[1, 2], [3]]);
  });

  it('a batch that reaches max goes at once, without waiting for its window or turn', async () => {
    const { batcher, sent } = recording({ max: 3, windowMs: 1000 });
    const answers = Promise.all([batcher.add(1), batcher.add(2), batcher.add(3)]);
    expect(sent).toEqual([[1, 2, 3]]);
    await expect(answers).resolves.toEqual([2, 4, 6]);
    void batcher.add(4);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toEqual([[1, 2, 3]]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });

  it('drain sends what waits in a window now and resolves once it is answered', async () => {
    const { batcher, sent } = recording({ max: 10, windowMs: 1000 });
    const answer = batcher.add(7);
    await batcher.drain();
    expect(sent).toEqual([[7]]);
    await expect(answer).resolves.toBe(14);
    // Nothing is sent twice when the window's timer would have fired.
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([[7]]);
  });
});
