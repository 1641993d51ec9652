/**
 * How long a reply waited for this process's event loop before the process read it. Pure: fed with
 * the ticks of a timer (when each was due, when it ran), asked about one reply at a time; the clock is
 * the caller's.
 *
 * A reply is read as soon as it arrives unless the loop is busy (our own work, a GC pause, or the OS
 * running another process); then it waits until the loop is free. So only the loop's state just
 * before the read tells: a timer tick that ran `late` ms late shows the loop was busy from when it was
 * due until it ran. A reply read right after such a stall arrived during it (or it would have been read
 * earlier), at a time as likely as any other in it: it waited half the stall (the part of it after the
 * request was sent), plus what the loop did since. A reply read while a tick is overdue waited, the
 * same way, half of that stall so far. A reply read with the loop on time waited for nothing.
 *
 * Not the mean delay over the request's life: a reply comes at the end of it, and a stall at its start
 * (a request sent just before a GC pause, answered well after) delays nothing; counting it would take
 * a service round trip for a shorter one, and a too-short round trip becomes a floor that makes every
 * later answer look queued.
 */
export class LoopDelay {
  private lastDue = Number.NaN;
  private lastRan = Number.NaN;

  /** A timer due at `dueAt` ran at `ranAt`. */
  tick(dueAt: number, ranAt: number): void {
    this.lastDue = dueAt;
    this.lastRan = ranAt;
  }

  /**
   * The expected wait (ms) of a reply read at `readAt` for a request sent at `sentAt`; `nextDueAt`, when
   * the timer is armed, is when its next tick is due (past it, the loop is in a stall not ticked yet).
   */
  waitOf(sentAt: number, readAt: number, nextDueAt?: number): number {
    if (nextDueAt !== undefined && readAt > nextDueAt) return Math.max(0, readAt - Math.max(nextDueAt, sentAt)) / 2;
    const late = this.lastRan - this.lastDue;
    // No tick yet, the last one on time, a stall over before the request was sent, or one the loop has
    // been free since (a tick would have come in between).
    if (!(late > 0) || this.lastRan <= sentAt || readAt > this.lastRan + TICK_MS + 1) return 0;
    return (this.lastRan - Math.max(this.lastDue, sentAt)) / 2 + (readAt - this.lastRan);
  }
}

/** How often the process's loop is sampled while the limiter reads it. */
const TICK_MS = 2;
/** The sampling stops after this long unread (an idle server does not wake up 500 times a second). */
const IDLE_STOP_MS = 2000;

/**
 * The process's event loop, sampled by a timer every `TICK_MS` while someone reads it (one per process:
 * every checker in it waits on the same loop). A JS timer rather than `perf_hooks.monitorEventLoopDelay`:
 * that one only yields a histogram since its last reset, and the limiter needs the loop's state when
 * each reply is read. The timer is unref'd and stops after `IDLE_STOP_MS` unread.
 */
class ProcessLoopDelay {
  private readonly delay = new LoopDelay();
  private timer: NodeJS.Timeout | undefined;
  private dueAt = 0;
  private lastRead = 0;

  /** The expected wait of a reply read now for a request sent at `sentAt` (a `performance.now()` time). */
  waitOf(sentAt: number, now = performance.now()): number {
    this.lastRead = now;
    if (!this.timer) {
      this.arm(now);
      return 0;
    }
    return this.delay.waitOf(sentAt, now, this.dueAt);
  }

  private arm(now: number): void {
    // Node's timers run on a millisecond clock: up to 1 ms late is the timer's own granularity.
    this.dueAt = now + TICK_MS + 1;
    this.timer = setTimeout(() => this.onTick(), TICK_MS);
    this.timer.unref();
  }

  private onTick(): void {
    const now = performance.now();
    this.delay.tick(this.dueAt, now);
    this.timer = undefined;
    if (now - this.lastRead < IDLE_STOP_MS) this.arm(now);
  }
}

/** The one sampler of this process's event loop. */
export const processLoopDelay = new ProcessLoopDelay();
