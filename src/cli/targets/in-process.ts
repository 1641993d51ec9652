import type { GraphQLError } from 'graphql';
import { pino } from 'pino';
import type { Config } from '../../config/config.ts';
import { InputValidationError } from '../../errors/input-error.ts';
import { createLogger } from '../../log/logger.ts';
import { buildSearchRequest } from '../../plan/search-request.ts';
import { STOP_AT, type StopAt } from '../../search/search-types.ts';
import { toGraphQLError } from '../../schema/errors.ts';
import { composeSearchService, type SearchService } from '../../service/search-service.ts';
import { type ApiError, type MatchPhoneInput, toMatchEvent } from '../match-event.ts';
import type { SearchOutcome, SearchFollower, SearchTarget } from './search-target.ts';

/**
 * Searches run in this process on the service's own composition (segment index, order service or the
 * bundled simulator, checker with its cache, engine, audit), configured like the server. The API in
 * front (keys, per-key quotas, operation limits) is left out: there is no client to protect against.
 * One checker serves every search of the run, so a batch never asks the order service twice for a number
 * whose answer is cached.
 */
export class InProcessTarget implements SearchTarget {
  private constructor(
    private readonly service: SearchService,
    private readonly config: Config,
    readonly description: string,
  ) {}

  static async start(config: Config, options: { logLevel: string }): Promise<InProcessTarget> {
    // Logs go to stderr, synchronously, so they never mix with the results on stdout nor get lost at exit.
    const logger = createLogger({ level: options.logLevel, destination: pino.destination({ dest: 2, sync: true }) });
    const service = await composeSearchService(config, { logger });
    const where = service.simulator ? 'the bundled order-service simulator' : 'the configured order service';
    return new InProcessTarget(service, config, `in-process, against ${where}`);
  }

  get simulated(): boolean {
    return this.service.simulator !== undefined;
  }

  /** The order-service simulator started in-process, if any (tests read its request log). */
  get simulator() {
    return this.service.simulator;
  }

  async search(input: MatchPhoneInput, follower: SearchFollower): Promise<SearchOutcome> {
    let request;
    try {
      request = buildSearchRequest(this.service.index, input, this.config.maxCandidates);
    } catch (error) {
      if (error instanceof InputValidationError) return { kind: 'bad-input', errors: [asApiError(error)] };
      throw error;
    }
    const result = await this.service.engine.search(request, {
      stopAt: stopAtOf(input.stopAt),
      signal: follower.signal,
      onEvent: (event) => follower.onEvent(toMatchEvent(event)),
      meta: { apiKeyId: 'cli' },
    });
    const finished = toMatchEvent({ type: 'finished', searchId: result.searchId, result });
    if (finished.__typename !== 'SearchFinished') throw new Error('unreachable');
    return { kind: 'finished', result: finished.result };
  }

  close(): Promise<void> {
    return this.service.close();
  }
}

function stopAtOf(value: MatchPhoneInput['stopAt']): StopAt {
  return value && (STOP_AT as readonly string[]).includes(value) ? value : 'FIRST_MATCH';
}

/** The very error the API gives for this input (src/schema/errors.ts), as it goes over the wire. */
function asApiError(error: InputValidationError): ApiError {
  return (toGraphQLError(error) as GraphQLError).toJSON() as ApiError;
}
