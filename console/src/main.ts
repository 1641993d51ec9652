import { type SearchProgress, initialSearchProgress, reduceSearchProgress } from '../../client/search-progress.ts';
import { type MatchPhoneInput, MatchPhoneEventsDocument, RegionsDocument } from '../../schema/generated/graphql.ts';
import { apiKeyRequired, askForApiKey, storedApiKey } from './api-key.ts';
import { ServiceConnection } from './connection.ts';
import { h } from './dom.ts';
import type { Problem } from './problems.ts';
import { SearchForm } from './search-form.ts';
import { SearchView } from './search-view.ts';

/**
 * The agent console: a form, a live view of the running search, and the API key when the service
 * needs one. Searches run as the `matchPhoneEvents` subscription over graphql-ws; cancelling
 * unsubscribes, which stops the search and its requests to the order service.
 */
class AgentConsole {
  private readonly connection = new ServiceConnection(() => storedApiKey.get());
  private readonly form = new SearchForm({ search: (input) => this.search(input), cancel: () => this.cancel() });
  private readonly view = new SearchView();
  private progress: SearchProgress = initialSearchProgress;
  private stop: (() => void) | undefined;

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
      if (event.key === 'Escape' && this.stop) this.cancel();
    });
  }

  async start(): Promise<void> {
    if (apiKeyRequired() && !storedApiKey.get()) await askForApiKey();
    await this.loadRegions();
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

  private search(input: MatchPhoneInput): void {
    this.stop?.();
    this.progress = initialSearchProgress;
    this.view.start(this.form.placeOf(input));
    this.form.setRunning(true);
    const ended = () => {
      this.stop = undefined;
      this.form.setRunning(false);
    };
    this.stop = this.connection.run(
      MatchPhoneEventsDocument,
      { input },
      {
        next: ({ matchPhoneEvents }) => {
          this.progress = reduceSearchProgress(this.progress, matchPhoneEvents);
          this.view.update(this.progress);
        },
        fail: (problem) => {
          ended();
          if (problem.kind === 'input') {
            this.view.idle();
            this.form.showViolations(problem.violations);
            return;
          }
          void this.keyWasRefused(problem).then((asked) => {
            if (asked) this.search(input);
            else this.view.showProblem(problem, this.progress);
          });
        },
        done: () => {
          ended();
          if (this.progress.phase !== 'finished')
            this.view.showProblem(
              { kind: 'connection', message: 'The search ended without a result. Search again.' },
              this.progress,
            );
        },
      },
    );
  }

  private cancel(): void {
    if (!this.stop) return;
    this.stop();
    this.stop = undefined;
    this.form.setRunning(false);
    this.view.cancelled(this.progress);
  }

  /** A refused key: forget it and ask again (true once a new one is entered). */
  private async keyWasRefused(problem: Problem): Promise<boolean> {
    if (problem.kind !== 'auth') return false;
    storedApiKey.forget();
    await askForApiKey('The service did not accept that key. Check it and enter it again.');
    return true;
  }

  private async replaceKey(): Promise<void> {
    this.cancel();
    storedApiKey.forget();
    await askForApiKey();
    await this.loadRegions();
  }
}

const agentConsole = new AgentConsole();
agentConsole.mount(document.body);
void agentConsole.start();
