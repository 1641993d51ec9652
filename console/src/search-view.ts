import { type SearchProgress, type TierState, tierFraction } from '../../client/search-progress.ts';
import type { Tier } from '../../schema/generated/graphql.ts';
import { h, present } from './dom.ts';
import type { Problem } from './problems.ts';
import type { Place } from './search-form.ts';
import { OUTCOME_NAMES, TIER_NAMES, count, formatPhone, seconds, tierCounts, tierScope, verdictOf } from './wording.ts';

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
  private readonly heading = h('h2', { id: 'progress-title' }, 'Search');
  private readonly subtitle = h('p', { class: 'subtitle' });
  private readonly status = h('p', { class: 'status', role: 'status' });
  private readonly problem = h('div', { class: 'problem', role: 'alert' });
  private readonly verdict = h('div', { class: 'verdict' });
  private readonly matches = h('div', { class: 'matches' });
  private readonly tierList = h('ol', { class: 'tiers', 'aria-label': 'Progress by tier' });
  private readonly table = h('div', { class: 'table-wrap' });
  private readonly failedNumbers = h('div', { class: 'failed-numbers' });
  private rows = new Map<Tier, TierRow>();
  private place: Place = { city: null, province: null };
  private shownMatches = 0;

  constructor() {
    this.element = h(
      'section',
      { class: 'card results', 'aria-labelledby': 'progress-title' },
      h('header', {}, this.heading, this.subtitle),
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
    this.status.textContent = 'Enter the digits the customer gave, and the city if known, then press Search.';
  }

  /** A new search: clears the last one. */
  start(place: Place): void {
    this.reset(place);
    this.status.textContent = 'Starting the search…';
  }

  update(progress: SearchProgress): void {
    if (progress.query) {
      this.heading.textContent = `Search ${progress.query}`;
      this.subtitle.textContent = `${count(progress.total)} possible numbers${progress.searchId ? ` · search ${progress.searchId}` : ''}`;
    }
    for (const tier of progress.tiers) this.row(tier.tier).update(tier);
    for (const match of progress.matches.slice(this.shownMatches)) {
      this.matches.append(
        h(
          'article',
          { class: 'match', 'aria-label': `Match ${match.phone}` },
          h('div', { class: 'match-label' }, 'Has orders'),
          h('div', { class: 'match-number' }, formatPhone(match.phone)),
          h(
            'div',
            { class: 'match-place' },
            [match.location?.province, match.location?.city].filter(Boolean).join(' ') || 'Place unknown',
            match.location?.carrier ? ` · ${match.location.carrier}` : '',
            ` · ${TIER_NAMES[match.tier]} tier`,
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'copy',
              onclick: (event: Event) => {
                const button = event.currentTarget as HTMLButtonElement;
                void navigator.clipboard?.writeText(match.phone).then(() => (button.textContent = 'Copied'));
              },
            },
            'Copy number',
          ),
        ),
      );
    }
    this.shownMatches = progress.matches.length;
    if (progress.phase === 'finished') this.finish(progress);
    else if (progress.currentTier) {
      const found = progress.matches.length ? ` · ${progress.matches.length} found` : '';
      const text = `Searching the ${TIER_NAMES[progress.currentTier]} tier…${found}`;
      if (this.status.textContent !== text) this.status.textContent = text;
    }
  }

  showProblem(problem: Problem, progress?: SearchProgress): void {
    this.status.textContent = progress?.checked ? 'The search stopped.' : '';
    this.problem.replaceChildren(h('strong', {}, problemTitle(problem)), h('p', {}, problem.message));
    this.problem.hidden = false;
    if (problem.kind === 'busy' && problem.retryAfterSeconds)
      this.problem.append(h('p', {}, `Retry in ${problem.retryAfterSeconds} s.`));
  }

  private finish(progress: SearchProgress): void {
    const verdict = verdictOf(progress);
    this.status.textContent = `${verdict.title}.`;
    this.verdict.className = `verdict tone-${verdict.tone}`;
    const note = progress.result?.note;
    this.verdict.replaceChildren(
      ...present(
        h('h3', {}, verdict.title),
        h('p', {}, verdict.detail),
        note ? h('p', { class: 'note' }, `Service note: ${note}`) : null,
      ),
    );
    this.verdict.hidden = false;
    for (const tier of progress.tiers) this.row(tier.tier).update(tier);
    this.table.replaceChildren(tierTable(progress.tiers));
    this.table.hidden = false;
    const failed = progress.result?.failedNumbers ?? [];
    this.failedNumbers.replaceChildren(
      failed.length
        ? h(
            'details',
            {},
            h('summary', {}, `${count(failed.length)} numbers could not be checked`),
            h('ul', {}, ...failed.map((n) => h('li', {}, formatPhone(n)))),
          )
        : '',
    );
  }

  private reset(place: Place): void {
    this.place = place;
    this.heading.textContent = 'Search';
    this.subtitle.textContent = '';
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
        { class: 'bar', role: 'progressbar', 'aria-label': TIER_NAMES[tier], 'aria-valuemin': 0 },
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
          h('span', {}, TIER_NAMES[tier]),
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
      update(state) {
        bar.setAttribute('aria-valuemax', String(state.candidates));
        bar.setAttribute('aria-valuenow', String(state.checked));
        bar.setAttribute(
          'aria-valuetext',
          state.skipped
            ? 'skipped'
            : `${state.checked} of ${state.candidates} checked, ${state.failed} failed, ${state.withOrders} with orders`,
        );
        const share = state.skipped ? 0 : tierFraction(state);
        const failedShare = state.candidates ? Math.min(share, state.failed / state.candidates) : 0;
        checkedFill.style.width = `${(share - failedShare) * 100}%`;
        failedFill.style.width = `${failedShare * 100}%`;
        counts.textContent = tierCounts(state);
        outcome.textContent = state.outcome
          ? OUTCOME_NAMES[state.outcome]
          : state.phase === 'running'
            ? 'Checking…'
            : 'Waiting';
        element.dataset.phase = state.phase;
        element.dataset.outcome = state.outcome ?? '';
      },
    };
  }
}

function tierTable(tiers: readonly TierState[]): HTMLTableElement {
  const cell = (value: string | number, numeric = false) => h('td', numeric ? { class: 'num' } : {}, value);
  return h(
    'table',
    { class: 'tier-table' },
    h('caption', {}, 'Tiers'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Tier', 'Candidates', 'Checked', 'Failed', 'With orders', 'Time', 'Outcome'].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      ...tiers.map((t) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, TIER_NAMES[t.tier]),
          cell(count(t.candidates), true),
          cell(count(t.checked), true),
          cell(count(t.failed), true),
          cell(count(t.withOrders), true),
          cell(seconds(t.elapsedMs), true),
          cell(t.outcome ? OUTCOME_NAMES[t.outcome] : ''),
        ),
      ),
    ),
  );
}

function problemTitle(problem: Problem): string {
  switch (problem.kind) {
    case 'input':
      return 'Check the input';
    case 'auth':
      return 'API key refused';
    case 'busy':
      return 'Too many searches';
    case 'refused':
      return 'Request refused';
    case 'gone':
      return 'Search not found';
    case 'connection':
      return 'Connection lost';
    case 'unexpected':
      return 'The service failed';
  }
}
