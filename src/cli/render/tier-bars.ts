import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { MatchEvent } from '../match-event.ts';
import type { SearchProgress, TierState } from '../../../client/search-progress.ts';
import { matchLine } from './result-text.ts';

/**
 * One cli-progress bar per tier on a terminal (stderr): checked of candidates, failures, orders and the
 * tier's state; each match is printed above the bars as it is found.
 */
export class TierBars {
  private readonly multibar: MultiBar;
  private readonly bars = new Map<string, SingleBar>();

  constructor(stream: NodeJS.WritableStream) {
    this.multibar = new MultiBar(
      {
        stream,
        format: ' {tier} {bar} {counts}  failed {failed}  orders {withOrders}  {state}',
        // Fits 80 columns with the longest tier, counts and state.
        barsize: 20,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        autopadding: true,
        // Redraw at most ~12 times a second; the stream's progress events come at ~10.
        fps: 12,
      },
      Presets.shades_classic,
    );
  }

  /** Draws the state after `event` (the state already includes it). */
  update(state: SearchProgress, event: MatchEvent): void {
    if (event.__typename === 'MatchFound') this.multibar.log(`${matchLine(event.match)}\n`);
    for (const tier of state.tiers) {
      const payload = {
        tier: tier.tier.padEnd(9),
        // An empty tier says so rather than 0/1 (its bar is of 1 to line up with the others).
        counts: tier.candidates > 0 ? `${tier.checked}/${tier.candidates}` : 'no candidates',
        failed: tier.failed,
        withOrders: tier.withOrders,
        state: stateOf(tier),
      };
      // A skipped or empty tier still gets a bar (of 1), so the four tiers are always drawn and line up.
      const total = Math.max(tier.candidates, 1);
      const bar = this.bars.get(tier.tier);
      if (bar) {
        bar.setTotal(total);
        bar.update(tier.checked, payload);
      } else this.bars.set(tier.tier, this.multibar.create(total, tier.checked, payload));
    }
  }

  stop(): void {
    // Nothing drawn (refused input): leave the terminal as it was.
    if (this.bars.size === 0) return;
    // A redraw first: a match logged since the last frame is printed, not lost.
    this.multibar.update();
    this.multibar.stop();
  }
}

function stateOf(tier: TierState): string {
  if (tier.skipped) return 'skipped';
  if (tier.phase === 'pending') return 'waiting';
  if (tier.phase === 'running') return 'checking';
  return (tier.outcome ?? 'done').toLowerCase().replace(/_/g, ' ');
}
