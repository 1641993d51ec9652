import { type SearchProgress, type TierState, tierFraction } from '../../client/search-progress.ts';
import type { Tier } from '../../schema/generated/graphql.ts';
import { h, present } from './dom.ts';
import type { Problem } from './problems.ts';
import type { Place } from './search-form.ts';
import { count, seconds, t } from './wording/language.ts';
import { formatPhone, searchReference, tierCounts, tierScope, verdictOf } from './wording/verdict.ts';

interface TierRow {
  readonly element: HTMLElement;
  readonly bar: HTMLElement;
  readonly checkedFill: HTMLElement;
  readonly failedFill: HTMLElement;
  readonly counts: HTMLElement;
  readonly outcome: HTMLElement;
}

/**
 * What the agent watches: one progress bar per tier while the search runs, each match as soon as it
 * is found, then the verdict and the tier table. Rows are updated in place (progress arrives up to
 * ten times a second), and only the status line is a live region, so a screen reader hears the
 * search's turns rather than every count.
 */
export class SearchView {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'progress-title' }, t.view.search);
  private readonly subtitle = h('p', { class: 'subtitle' });
  private readonly reference = h('p', { class: 'reference' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly problem = h('div', { class: 'problem', role: 'alert' });
  private readonly verdict = h('div', { class: 'verdict' });
  private readonly matches = h('div', { class: 'matches' });
  private readonly tierList = h('ol', { class: 'tiers', 'aria-label': t.view.tierList });
  private readonly table = h('div', { class: 'table-wrap' });
  private readonly failedNumbers = h('div', { class: 'failed-numbers' });
  private rows = new Map<Tier, TierRow>();
  private place: Place = { city: null, province: null };
  private shownMatches = 0;
  private shownReference: string | null = null;
  private reconnecting = false;

  constructor() {
    this.element = h(
      'section',
      { class: 'card results', 'aria-labelledby': 'progress-title' },
      h('header', {}, this.heading, this.subtitle),
      this.reference,
      this.status,
      this.problem,
      this.verdict,
      this.matches,
      this.tierList,
      this.table,
      this.failedNumbers,
    );
    this.idle();
  }

  idle(): void {
    this.reset({ city: null, province: null });
    this.status.textContent = t.view.idle;
  }

  /** A new search (or one being opened): clears the last one. */
  start(place: Place, text: string = t.view.starting): void {
    this.reset(place);
    this.status.textContent = text;
  }

  /** Brings the progress into view when it is off screen (on a phone it sits below the form). */
  reveal(): void {
    const top = this.element.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) this.element.scrollIntoView({ block: 'start' });
  }

  update(progress: SearchProgress): void {
    this.reconnecting = false;
    this.problem.hidden = true;
    if (progress.query) {
      this.heading.textContent = t.view.searchOf(progress.query);
      this.subtitle.textContent = t.view.possible(progress.total, count);
    }
    if (progress.searchId && progress.searchId !== this.shownReference) this.showReference(progress.searchId);
    for (const tier of progress.tiers) this.row(tier.tier).update(tier);
    for (const match of progress.matches.slice(this.shownMatches)) this.matches.append(matchCard(match));
    this.shownMatches = progress.matches.length;
    if (progress.phase === 'finished') return;
    if (progress.currentTier) {
      const text = t.view.searchingTier(t.tiers[progress.currentTier], progress.matches.length);
      if (this.status.textContent !== text) this.status.textContent = text;
    }
  }

  /** The search ended: the verdict (saying who cancelled it), the tier table, the numbers not checked. */
  finish(progress: SearchProgress, cancelledHere: boolean): void {
    this.update(progress);
    const verdict = verdictOf(progress, cancelledHere);
    this.status.textContent = `${verdict.title}.`;
    this.verdict.className = `verdict tone-${verdict.tone}`;
    // The service's note on a cancel cannot know it was this agent: the verdict says who.
    const note = progress.status === 'CANCELLED' ? null : progress.result?.note;
    this.verdict.replaceChildren(
      ...present(
        h('h3', {}, verdict.title),
        h('p', {}, verdict.detail),
        note ? h('p', { class: 'note' }, t.view.serviceNote(note)) : null,
      ),
    );
    this.verdict.hidden = false;
    this.table.replaceChildren(tierTable(progress.tiers));
    this.table.hidden = false;
    const failed = progress.result?.failedNumbers ?? [];
    this.failedNumbers.replaceChildren(
      failed.length
        ? h(
            'details',
            {},
            h('summary', {}, t.view.couldNotCheck(failed.length, count)),
            h('ul', {}, ...failed.map((n) => h('li', {}, formatPhone(n)))),
          )
        : '',
    );
  }

  /** The connection dropped while the search runs on at the service: say that it is being followed again. */
  showReconnecting(attempt: number, progress: SearchProgress): void {
    this.reconnecting = true;
    this.status.textContent = t.problems.reconnecting(attempt);
    this.showProblem({ kind: 'connection', message: t.problems.reconnecting(attempt) });
    for (const tier of progress.tiers) this.row(tier.tier).update(tier);
  }

  showProblem(problem: Problem, progress?: SearchProgress): void {
    if (progress?.checked) this.status.textContent = t.view.stopped;
    else if (!this.reconnecting) this.status.textContent = '';
    this.problem.replaceChildren(h('strong', {}, t.problems.titles[problem.kind]), h('p', {}, problem.message));
    this.problem.hidden = false;
  }

  /**
   * A quota refusal: counts the wait down each second, then calls `retry`. Returns a function that
   * stops the countdown (the agent cancelled or started another search).
   */
  countDown(problem: Problem, waitSeconds: number, retry: () => void): () => void {
    this.showProblem(problem);
    const line = h('p', { class: 'countdown' });
    this.problem.append(line);
    let left = Math.max(1, Math.ceil(waitSeconds));
    const tick = () => {
      if (left <= 0) {
        clearInterval(timer);
        retry();
        return;
      }
      line.textContent = t.problems.retryIn(left);
      left -= 1;
    };
    const timer = setInterval(tick, 1000);
    tick();
    return () => clearInterval(timer);
  }

  private showReference(id: string): void {
    this.shownReference = id;
    const link = new URL(`#search=${encodeURIComponent(id)}`, location.href).href;
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'link',
        onclick: () => void navigator.clipboard?.writeText(link).then(() => (copy.textContent = t.view.linkCopied)),
      },
      t.view.copyLink,
    );
    this.reference.replaceChildren(
      `${t.view.reference} `,
      h('a', { href: link, class: 'ref', title: id, 'aria-label': t.view.referenceLabel }, searchReference(id)),
      ' · ',
      copy,
    );
  }

  private reset(place: Place): void {
    this.place = place;
    this.reconnecting = false;
    this.heading.textContent = t.view.search;
    this.subtitle.textContent = '';
    this.reference.replaceChildren();
    this.shownReference = null;
    this.problem.hidden = true;
    this.problem.replaceChildren();
    this.verdict.hidden = true;
    this.matches.replaceChildren();
    this.tierList.replaceChildren();
    this.table.hidden = true;
    this.table.replaceChildren();
    this.failedNumbers.replaceChildren();
    this.rows = new Map();
    this.shownMatches = 0;
  }

  private row(tier: Tier): { update(state: TierState): void } {
    let row = this.rows.get(tier);
    if (!row) {
      const checkedFill = h('div', { class: 'fill checked' });
      const failedFill = h('div', { class: 'fill failed' });
      const bar = h(
        'div',
        { class: 'bar', role: 'progressbar', 'aria-label': t.tiers[tier], 'aria-valuemin': 0 },
        checkedFill,
        failedFill,
      );
      const counts = h('div', { class: 'counts' });
      const outcome = h('div', { class: 'outcome' });
      const element = h(
        'li',
        { class: 'tier' },
        h(
          'div',
          { class: 'tier-name' },
          h('span', {}, t.tiers[tier]),
          h('span', { class: 'scope' }, tierScope(tier, this.place)),
        ),
        bar,
        counts,
        outcome,
      );
      row = { element, bar, checkedFill, failedFill, counts, outcome };
      this.rows.set(tier, row);
      this.tierList.append(element);
    }
    const { element, bar, checkedFill, failedFill, counts, outcome } = row;
    return {
      update: (state) => {
        bar.setAttribute('aria-valuemax', String(state.candidates));
        bar.setAttribute('aria-valuenow', String(state.checked));
        bar.setAttribute(
          'aria-valuetext',
          state.skipped
            ? t.view.barSkipped
            : t.view.barText(state.checked, state.candidates, state.failed, state.withOrders, count),
        );
        const share = state.skipped ? 0 : tierFraction(state);
        const failedShare = state.candidates ? Math.min(share, state.failed / state.candidates) : 0;
        checkedFill.style.width = `${(share - failedShare) * 100}%`;
        failedFill.style.width = `${failedShare * 100}%`;
        counts.textContent = tierCounts(state);
        outcome.textContent = state.outcome
          ? t.outcomes[state.outcome]
          : state.phase === 'running'
            ? this.reconnecting
              ? t.view.reconnectingTier
              : t.view.checking
            : t.view.waiting;
        element.dataset.phase = state.phase;
        element.dataset.outcome = state.outcome ?? '';
      },
    };
  }
}

function matchCard(match: SearchProgress['matches'][number]): HTMLElement {
  return h(
    'article',
    { class: 'match', 'aria-label': t.view.matchLabel(match.phone) },
    h('div', { class: 'match-label' }, t.view.hasOrders),
    h('div', { class: 'match-number' }, formatPhone(match.phone)),
    h(
      'div',
      { class: 'match-place' },
      [match.location?.province, match.location?.city].filter(Boolean).join(' ') || t.view.placeUnknown,
      match.location?.carrier ? ` · ${match.location.carrier}` : '',
      ` · ${t.view.inTier(t.tiers[match.tier])}`,
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'copy',
        onclick: (event: Event) => {
          const button = event.currentTarget as HTMLButtonElement;
          void navigator.clipboard?.writeText(match.phone).then(() => (button.textContent = t.view.copied));
        },
      },
      t.view.copyNumber,
    ),
  );
}

function tierTable(tiers: readonly TierState[]): HTMLTableElement {
  const cell = (value: string | number, numeric = false) => h('td', numeric ? { class: 'num' } : {}, value);
  return h(
    'table',
    { class: 'tier-table' },
    h('caption', {}, t.view.tableCaption),
    h('thead', {}, h('tr', {}, ...t.view.columns.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...tiers.map((tier) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, t.tiers[tier.tier]),
          cell(count(tier.candidates), true),
          cell(count(tier.checked), true),
          cell(count(tier.failed), true),
          cell(count(tier.withOrders), true),
          cell(seconds(tier.elapsedMs), true),
          cell(tier.outcome ? t.outcomes[tier.outcome] : ''),
        ),
      ),
    ),
  );
}
