import { h, present } from './dom.ts';
import type { HistoryEntry } from './search-history.ts';
import { dateTime, t } from './wording/language.ts';
import { formatPhone, maskPhone } from './wording/verdict.ts';

/**
 * The recent searches of this browser: each opens by its link (`#search=<id>`), which re-attaches to a
 * running search or shows the finished one. Matched numbers are masked until the agent presses Show.
 */
export class HistoryView {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'history-list' });
  private readonly empty = h('p', { class: 'hint' }, t.history.empty);

  constructor() {
    this.element = h(
      'section',
      { class: 'card history', 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, t.history.title),
      this.empty,
      this.list,
    );
  }

  show(entries: readonly HistoryEntry[]): void {
    this.empty.hidden = entries.length > 0;
    this.list.replaceChildren(...entries.map((entry) => this.item(entry)));
  }

  private item(entry: HistoryEntry): HTMLElement {
    const place = [entry.place.province, entry.place.city].filter(Boolean).join(' ') || t.history.anywhere;
    return h(
      'li',
      { class: 'history-entry', 'data-status': entry.status ?? 'RUNNING' },
      h(
        'a',
        { href: `#search=${encodeURIComponent(entry.id)}`, 'aria-label': t.history.openLabel(entry.query) },
        entry.query,
      ),
      h(
        'span',
        { class: 'history-meta' },
        `${place} · ${entry.status ? t.statuses[entry.status] : t.history.running} · `,
        h('time', { datetime: new Date(entry.at).toISOString() }, dateTime(new Date(entry.at))),
      ),
      ...present(...entry.matches.map((phone) => revealable(phone))),
    );
  }
}

/** A matched number, masked, with a button that shows it in full. */
function revealable(phone: string): HTMLElement {
  const shown = h('span', { class: 'history-match' }, maskPhone(phone));
  const button = h(
    'button',
    {
      type: 'button',
      class: 'link',
      'aria-label': t.history.showLabel,
      onclick: () => {
        shown.textContent = formatPhone(phone);
        button.remove();
      },
    },
    t.history.show,
  );
  return h('span', { class: 'history-matched' }, shown, ' ', button);
}
