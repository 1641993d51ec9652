import { type SearchProgress, initialSearchProgress, reduceSearchProgress } from '../../client/search-progress.ts';
import {
  CancelSearchDocument,
  type MatchPhoneInput,
  RegionsDocument,
  SearchDocument,
  SearchEventsDocument,
  StartSearchDocument,
} from '../../schema/generated/graphql.ts';
import { apiKeyRequired, askForApiKey, storedApiKey } from './api-key.ts';
import { ServiceConnection } from './connection.ts';
import { h } from './dom.ts';
import type { Problem } from './problems.ts';
import { SearchForm } from './search-form.ts';
import { SearchView } from './search-view.ts';

/** The running search's id, kept for the tab's session so a reload re-attaches to it. */
const SEARCH_ID_KEY = 'phonematch.searchId';

/**
 * The agent console: a form, a live view of the running search, and the API key when the service
 * needs one. A search is started with `startSearch` and watched with `searchEvents(id)`, so it runs on
 * while the page reloads: the page re-attaches by the id kept in sessionStorage, and the replay brings
 * the view back to where the search stands. Cancel calls `cancelSearch`, which stops the search and its
 * requests to the order service; the stream then ends with the CANCELLED result.
 */
class AgentConsole {
  private readonly connection = new ServiceConnection(() => storedApiKey.get());
  private readonly form = new SearchForm({
    search: (input) => void this.search(input),
    cancel: () => void this.cancel(),
  });
  private readonly view = new SearchView();
  private progress: SearchProgress = initialSearchProgress;
  /** The search being watched, and how to stop watching it. */
  private current: { id: string; unwatch: () => void } | undefined;

  mount(root: HTMLElement): void {
    const keyButton = apiKeyRequired()
      ? h('button', { type: 'button', class: 'link', onclick: () => void this.replaceKey() }, 'Change API key')
      : null;
    root.append(
      h(
        'header',
        { class: 'top' },
        h('h1', {}, 'phonematch', h('span', {}, 'Agent console')),
        h('p', {}, 'Find the customer’s full mobile number from the digits they remember.'),
        keyButton,
      ),
      h('main', {}, this.form.element, this.view.element),
    );
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.current) void this.cancel();
    });
  }

  async start(): Promise<void> {
    if (apiKeyRequired() && !storedApiKey.get()) await askForApiKey();
    await this.loadRegions();
    const running = sessionStorage.getItem(SEARCH_ID_KEY);
    if (running) await this.reattach(running);
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
    this.unwatch();
    this.progress = initialSearchProgress;
    this.view.start(this.form.placeOf(input));
    this.form.setRunning(true);
    let id: string;
    try {
      ({
        startSearch: { id },
      } = await this.connection.query(StartSearchDocument, { input }));
    } catch (error) {
      this.form.setRunning(false);
      const problem = error as Problem;
      if (problem.kind === 'input') {
        this.view.idle();
        this.form.showViolations(problem.violations);
      } else if (await this.keyWasRefused(problem)) await this.search(input);
      else this.view.showProblem(problem);
      return;
    }
    sessionStorage.setItem(SEARCH_ID_KEY, id);
    this.watch(id);
  }

  /** After a reload: the search this tab started, if the service still keeps it. */
  private async reattach(id: string): Promise<void> {
    try {
      const { search } = await this.connection.query(SearchDocument, { id });
      if (!search) {
        sessionStorage.removeItem(SEARCH_ID_KEY);
        return;
      }
      this.progress = initialSearchProgress;
      this.form.showSearched(search.input);
      this.view.start({ city: search.input.city ?? null, province: search.input.province ?? null });
      this.form.setRunning(true);
      this.watch(id);
    } catch (problem) {
      sessionStorage.removeItem(SEARCH_ID_KEY);
      this.view.showProblem(problem as Problem);
    }
  }

  private watch(id: string): void {
    const ended = () => {
      if (this.current?.id === id) this.current = undefined;
      this.form.setRunning(false);
    };
    const unwatch = this.connection.run(
      SearchEventsDocument,
      { id },
      {
        next: ({ searchEvents }) => {
          this.progress = reduceSearchProgress(this.progress, searchEvents);
          this.view.update(this.progress);
        },
        fail: (problem) => {
          ended();
          if (problem.kind === 'gone') sessionStorage.removeItem(SEARCH_ID_KEY);
          void this.keyWasRefused(problem).then((asked) => {
            if (asked) return this.reattach(id);
            this.view.showProblem(problem, this.progress);
          });
        },
        done: () => {
          ended();
          sessionStorage.removeItem(SEARCH_ID_KEY);
          if (this.progress.phase !== 'finished')
            this.view.showProblem(
              { kind: 'connection', message: 'The search ended without a result. Search again.' },
              this.progress,
            );
        },
      },
    );
    this.current = { id, unwatch };
  }

  /** Stops the search at the service; the stream then brings its CANCELLED result. */
  private async cancel(): Promise<void> {
    const current = this.current;
    if (!current) return;
    this.form.setCancelling();
    try {
      await this.connection.query(CancelSearchDocument, { id: current.id });
    } catch (problem) {
      this.view.showProblem(problem as Problem, this.progress);
    }
  }

  private unwatch(): void {
    this.current?.unwatch();
    this.current = undefined;
  }

  /** A refused key: forget it and ask again (true once a new one is entered). */
  private async keyWasRefused(problem: Problem): Promise<boolean> {
    if (problem.kind !== 'auth') return false;
    storedApiKey.forget();
    await askForApiKey('The service did not accept that key. Check it and enter it again.');
    return true;
  }

  private async replaceKey(): Promise<void> {
    this.unwatch();
    storedApiKey.forget();
    await askForApiKey();
    await this.loadRegions();
  }
}

const agentConsole = new AgentConsole();
agentConsole.mount(document.body);
void agentConsole.start();
