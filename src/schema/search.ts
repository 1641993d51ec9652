import type { SearchedFor, SearchRecord, SearchState } from '../search/search-registry.ts';
import { SearchNotFoundError } from '../search/search-errors.ts';
import type { SearchEvent } from '../search/search-types.ts';
import { builder } from './builder.ts';
import type { GraphQLContext } from './context.ts';
import { toGraphQLError } from './errors.ts';
import { MatchEventRef } from './match-event.ts';
import { MatchPhoneInput, stopAtOf } from './match-phone-input.ts';
import { MatchResultRef } from './match-result.ts';
import { STARTS_SEARCH, searchRequestFor } from './operation-searches.ts';
import { admitSearch, searchMeta } from './search-admission.ts';
import { StopAtEnum } from './stop-at.ts';
import { TierReportRef } from './tier-report.ts';

const SearchStateEnum = builder.enumType('SearchState', {
  description: 'Where a started search is in its life.',
  values: {
    RUNNING: { description: 'Checking candidates; progress moves, result is null.' },
    FINISHED: {
      description: 'Over, however it ended (the result’s status says how); kept for the retention period.',
    },
  } satisfies Record<SearchState, { description: string }>,
});

const SearchRequestRef = builder.objectRef<SearchedFor>('SearchRequest').implement({
  description: 'What a search was started with, as understood.',
  fields: (t) => ({
    query: t.exposeString('query', { description: 'The partial number, e.g. `138****1234`.' }),
    city: t.exposeString('city', {
      nullable: true,
      description: 'The customer’s city (canonical short name, e.g. 杭州); null when none was given.',
    }),
    province: t.exposeString('province', {
      nullable: true,
      description:
        'The customer’s province (canonical short name, e.g. 浙江): the given one, or the city’s own; null when neither was given.',
    }),
    stopAt: t.field({ type: StopAtEnum, description: 'When the search stops.', resolve: (r) => r.stopAt }),
  }),
});

const SearchRef = builder.objectRef<SearchRecord>('Search').implement({
  description:
    'A search started with startSearch: it runs on its own, can be read, watched (searchEvents) and cancelled by id, and belongs to the API key that started it.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Names the search; also its searchId in events, results, logs and audit.' }),
    state: t.field({
      type: SearchStateEnum,
      description: 'RUNNING while it checks; FINISHED once it is over, however it ended (result.status says how).',
      resolve: (s) => s.state,
    }),
    input: t.field({ type: SearchRequestRef, description: 'What was searched for.', resolve: (s) => s.input }),
    progress: t.field({
      type: [TierReportRef],
      description: 'Every tier of the plan as it stands now: counts so far, and the outcome of tiers that are over.',
      resolve: (s) => s.progress,
    }),
    result: t.field({
      type: MatchResultRef,
      nullable: true,
      description:
        'The final result (as matchPhone returns it); null while RUNNING. A search that could not run to its end (an unexpected error, or in a fleet an instance gone and the search not resumable) has an INCOMPLETE result whose note says why.',
      resolve: (s) => s.result,
    }),
    startedAt: t.string({
      description: 'When it started (ISO 8601, UTC).',
      resolve: (s) => s.startedAt.toISOString(),
    }),
    finishedAt: t.string({
      nullable: true,
      description: 'When it ended (ISO 8601, UTC); null while RUNNING.',
      resolve: (s) => s.finishedAt?.toISOString() ?? null,
    }),
  }),
});

/** The argument of every field that names a started search (cancelSearch, search, searchEvents). */
const SearchIdArgs = builder.args((t) => ({
  id: t.id({ required: true, description: 'The id startSearch returned.' }),
}));

/** What the search registry answers, its expected failures (Redis away in a fleet) as client errors. */
async function registry<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    throw toGraphQLError(error);
  }
}

/** The caller's search, or SEARCH_NOT_FOUND (unknown, forgotten, or another key's). */
function found<T>(id: string, value: T | undefined): T {
  if (value === undefined) throw toGraphQLError(new SearchNotFoundError(id));
  return value;
}

builder.mutationField('startSearch', (t) =>
  t.field({
    type: SearchRef,
    description:
      'Starts a search and returns at once (state RUNNING); it runs on without a connection: watch it with searchEvents, read it with search, stop it with cancelSearch. With no watcher it is cancelled after SEARCH_UNWATCHED_GRACE_MS (60 s by default); once over it is kept for SEARCH_RETENTION_MS (10 min by default). Errors as for matchPhone: BAD_USER_INPUT, TOO_MANY_SEARCHES, RATE_LIMITED (it holds a quota slot while it runs).',
    args: { input: t.arg({ type: MatchPhoneInput, required: true, description: 'The partial number to search.' }) },
    extensions: STARTS_SEARCH,
    resolve: async (_root, { input }, context, info) => {
      const request = searchRequestFor(input, context, info);
      const release = await admitSearch(context);
      const search = await registry(
        context.services.searches.start({
          request,
          stopAt: stopAtOf(input),
          owner: searchMeta(context),
          onEnd: release,
        }),
      );
      // Its id undelivered (a sibling nulled `data`), nobody could watch or cancel it: cancel it now.
      context.settlement.unlessDelivered(String(info.path.key), () => {
        context.services.searches.cancel(search.id, context.apiKeyId).catch(() => {
          // It still ends after the unwatched grace period.
        });
      });
      return search;
    },
  }),
);

builder.mutationField('cancelSearch', (t) =>
  t.field({
    type: SearchRef,
    description:
      'Cancels a running search and its requests to the order service; answers once it has ended (FINISHED, result CANCELLED). A finished search is returned unchanged. SEARCH_NOT_FOUND for an unknown id or another key’s search.',
    args: SearchIdArgs,
    resolve: async (_root, { id }, context: GraphQLContext) =>
      found(String(id), await registry(context.services.searches.cancel(String(id), context.apiKeyId))),
  }),
);

builder.queryField('search', (t) =>
  t.field({
    type: SearchRef,
    nullable: true,
    description:
      'A search started with startSearch; null for an unknown id, another key’s search, or one no longer kept.',
    args: SearchIdArgs,
    resolve: async (_root, { id }, context) =>
      (await registry(context.services.searches.get(String(id), context.apiKeyId))) ?? null,
  }),
);

builder.subscriptionField('searchEvents', (t) =>
  t.field({
    type: MatchEventRef,
    description:
      'Watches a started search: first where it stands (SearchStarted, each tier’s start, newest progress and end, every MatchFound so far, and SearchFinished if it is over), then its events live; ends after SearchFinished. Leaving does not cancel the search. SEARCH_NOT_FOUND for an unknown id or another key’s search.',
    args: SearchIdArgs,
    subscribe: async (_root, { id }, context) =>
      found(String(id), await registry(context.services.searches.watch(String(id), context.apiKeyId))),
    resolve: (event: SearchEvent) => event,
  }),
);
