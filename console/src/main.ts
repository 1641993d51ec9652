import { type SearchProgress, initialSearchProgress, reduceSearchProgress } from '../../client/search-progress.ts';
import {
  CancelSearchDocument,
  CandidatePlanDocument,
  type MatchPhoneInput,
  RegionsDocument,
  SearchDocument,
  SearchEventsDocument,
  StartSearchDocument,
} from '../../schema/generated/graphql.ts';
import { apiKeyRequired, askForApiKey, storedApiKey } from './api-key.ts';
import { ServiceConnection } from './connection.ts';
import { h } from './dom.ts';
import { HistoryView } from './history-view.ts';
import type { Problem } from './problems.ts';
import { SearchForm } from './search-form.ts';
import { SearchHistory } from './search-history.ts';
import { SearchView } from './search-view.ts';
import { switchLanguage, t } from './wording/language.ts';

/** `/console#search=<id>`: the link of a search, which opens it (re-attached, or its result). */
const LINK = /^#search=([\w-]+)$/;
/** Waits between reconnection attempts after a lost connection: quick at first, then every 10 s. */
const RECONNECT_DELAYS_MS = [500, 1000, 2000, 5000, 10_000];

/**
 * The agent console: a form, a live view of the running search, recent searches, and the API key when
 * the service needs one. A search is started with `startSearch` and watched with `searchEvents(id)`,
 * so it runs on at the service while the page reloads or the connection drops: the page's address
 * carries the search's link (`#search=<id>`), and opening it re-attaches, the replay bringing the view
 * back to where the search stands. Cancel calls `cancelSearch`, which stops the search and its
 * requests to the order service; the stream then ends with the CANCELLED result.
 */
class AgentConsole {
  private readonly connection = new ServiceConnection(() => storedApiKey.get());
  private readonly form = new SearchForm({
    search: (input) => void this.search(input),
    cancel: () => void this.cancel(),
    readPlace: async (input, signal) =>
      (await this.connection.query(CandidatePlanDocument, { input }, signal)).candidatePlan,
  });
  private readonly view = new SearchView();
  private readonly history = new SearchHistory();
  private readonly historyView = new HistoryView();
  private progress: SearchProgress = initialSearchProgress;
  /** The search being watched, and how to stop watching it. */
  private current: { id: string; unwatch: () => void } | undefined;
  /** The search this console's Cancel stopped, so its verdict says the agent did. */
  private cancelledHere: string | undefined;
  /** A pending reconnection or quota retry, stopped by Cancel or a new search. */
  private stopWaiting: (() => void) | undefined;

  mount(root: HTMLElement): void {
    document.documentElement.lang = t.htmlLang;
    document.title = t.title;
    const keyButton = apiKeyRequired()
      ? h('button', { type: 'button', class: 'link', onclick: () => void this.replaceKey() }, t.changeKey)
      : null;
    root.append(
      h(
        'header',
        { class: 'top' },
        h('h1', {}, 'phonematch', h('span', {}, t.product)),
        h('p', {}, t.tagline),
        keyButton,
        h(
          'button',
          {
            type: 'button',
            class: 'language',
            lang: t.otherLanguageCode,
            'aria-label': t.otherLanguageLabel,
            onclick: () => switchLanguage(),
          },
          t.otherLanguage,
        ),
      ),
      h('main', {}, h('div', { class: 'side' }, this.form.element, this.historyView.element), this.view.element),
    );
    this.historyView.show(this.history.list());
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.current) void this.cancel();
    });
    window.addEventListener('hashchange', () => void this.openLinked());
  }

  async start(): Promise<void> {
    if (apiKeyRequired() && !storedApiKey.get()) await askForApiKey();
    await this.loadRegions();
    await this.openLinked();
  }

  /** The search the address links to, unless it is the one on screen. */
  private async openLinked(): Promise<void> {
    const id = LINK.exec(location.hash)?.[1];
    if (id && id !== this.current?.id) await this.open(id);
  }

  /** The pickers' provinces and cities; without them the fields still take typed names. */
  private async loadRegions(): Promise<void> {
    try {
      const { regions } = await this.connection.query(RegionsDocument, {});
      this.form.setRegions(regions);
    } catch (problem) {
      if (await this.keyWasRefused(problem as Problem)) return this.loadRegions();
      this.view.showProblem(problem as Problem);
    }
  }

  private async search(input: MatchPhoneInput): Promise<void> {
    this.stopAll();
    this.progress = initialSearchProgress;
    this.view.start(this.form.placeOf(input));
    this.view.reveal();
    this.form.setRunning(true);
    let id: string;
    try {
      ({
        startSearch: { id },
      } = await this.connection.query(StartSearchDocument, { input }));
    } catch (error) {
      const problem = error as Problem;
      if (problem.kind === 'busy' && problem.retryAfterSeconds) {
        // The form stays busy: Cancel stops the countdown.
        this.stopWaiting = this.view.countDown(problem, problem.retryAfterSeconds, () => void this.search(input));
        return;
      }
      this.form.setRunning(false);
      if (problem.kind === 'input') {
        this.view.idle();
        this.form.showViolations(problem.violations);
      } else if (await this.keyWasRefused(problem)) await this.search(input);
      else this.view.showProblem(problem);
      return;
    }
    // The link replaces the address without a hashchange: the search is already on screen.
    history.replaceState(null, '', `#search=${id}`);
    this.watch(id, this.form.placeOf(input));
  }

  /**
   * Opens a search by id: a running one is re-attached, a finished one shows its result (the replay
   * of `searchEvents` ends with it). `attempt` counts reconnections after a lost connection.
   */
  private async open(id: string, attempt = 0): Promise<void> {
    if (attempt === 0) {
      this.stopAll();
      this.view.start({ city: null, province: null }, t.view.opening);
    }
    try {
      const { search } = await this.connection.query(SearchDocument, { id });
      if (!search) {
        this.form.setRunning(false);
        this.view.showProblem({ kind: 'gone', message: t.problems.gone });
        return;
      }
      const place = { city: search.input.city ?? null, province: search.input.province ?? null };
      this.progress = initialSearchProgress;
      this.form.showSearched(search.input);
      this.view.start(place, t.view.opening);
      this.watch(id, place);
    } catch (error) {
      const problem = error as Problem;
      if (problem.kind === 'connection' && attempt > 0) return this.reconnect(id, attempt + 1);
      if (await this.keyWasRefused(problem)) return this.open(id, attempt);
      this.form.setRunning(false);
      this.view.showProblem(problem);
    }
  }

  private watch(id: string, place: { city: string | null; province: string | null }): void {
    this.form.setRunning(true);
    let recorded = false;
    const unwatch = this.connection.run(
      SearchEventsDocument,
      { id },
      {
        next: ({ searchEvents }) => {
          this.progress = reduceSearchProgress(this.progress, searchEvents);
          if (!recorded && this.progress.query) {
            recorded = true;
            const entry = { id, query: this.progress.query, place, at: Date.now(), status: null, matches: [] };
            this.historyView.show(this.history.saw(entry));
          }
          if (this.progress.phase === 'finished') this.finished(id);
          else this.view.update(this.progress);
        },
        fail: (problem) => {
          this.current = undefined;
          // The search runs on at the service: follow it again once the service answers.
          if (problem.kind === 'connection') return this.reconnect(id, 1);
          this.form.setRunning(false);
          void this.keyWasRefused(problem).then((asked) => {
            if (asked) return this.open(id);
            this.view.showProblem(problem, this.progress);
          });
        },
        done: () => {
          this.current = undefined;
          this.form.setRunning(false);
          if (this.progress.phase !== 'finished')
            this.view.showProblem({ kind: 'connection', message: t.problems.endedWithoutResult }, this.progress);
        },
      },
    );
    this.current = { id, unwatch };
  }

  private finished(id: string): void {
    this.view.finish(this.progress, this.cancelledHere === id);
    const status = this.progress.status;
    if (status)
      this.historyView.show(
        this.history.ended(
          id,
          status,
          this.progress.matches.map((m) => m.phone),
        ),
      );
  }

  private reconnect(id: string, attempt: number): void {
    this.view.showReconnecting(attempt, this.progress);
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length) - 1]!;
    const timer = setTimeout(() => void this.open(id, attempt), delay);
    this.stopWaiting = () => clearTimeout(timer);
    this.current = { id, unwatch: () => clearTimeout(timer) };
  }

  /** Stops the search at the service; the stream then brings its CANCELLED result. */
  private async cancel(): Promise<void> {
    if (this.stopWaiting && !this.current) {
      // A quota countdown: nothing runs at the service yet.
      this.stopAll();
      this.form.setRunning(false);
      this.view.idle();
      return;
    }
    const current = this.current;
    if (!current) return;
    this.cancelledHere = current.id;
    this.form.setCancelling();
    try {
      await this.connection.query(CancelSearchDocument, { id: current.id });
    } catch (problem) {
      this.form.setRunning(false);
      this.view.showProblem(problem as Problem, this.progress);
    }
  }

  /** Stops watching, and any countdown or reconnection. */
  private stopAll(): void {
    this.stopWaiting?.();
    this.stopWaiting = undefined;
    this.current?.unwatch();
    this.current = undefined;
  }

  /** A refused key: forget it and ask again (true once a new one is entered). */
  private async keyWasRefused(problem: Problem): Promise<boolean> {
    if (problem.kind !== 'auth') return false;
    storedApiKey.forget();
    await askForApiKey(t.key.refused);
    return true;
  }

  private async replaceKey(): Promise<void> {
    this.stopAll();
    storedApiKey.forget();
    await askForApiKey();
    await this.loadRegions();
  }
}

const agentConsole = new AgentConsole();
agentConsole.mount(document.body);
void agentConsole.start();
