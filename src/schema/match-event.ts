import type { SearchEvent } from '../search/search-types.ts';
import { searchEventStream } from '../search/search-event-stream.ts';
import { builder } from './builder.ts';
import { MatchPhoneInput, stopAtOf, toSearchRequest } from './match-phone-input.ts';
import { MatchResultRef } from './match-result.ts';
import { PhoneMatchRef } from './phone-match.ts';
import { admitSearch, searchMeta } from './search-admission.ts';
import { TierEnum } from './tier.ts';
import { TierPlanRef } from './tier-plan.ts';
import { TierReportRef } from './tier-report.ts';

// The union's members exist only as events of a search, so they are defined here with it.
type EventOf<T extends SearchEvent['type']> = Extract<SearchEvent, { type: T }>;

const SEARCH_ID = 'The search this event belongs to (MatchResult.searchId; Search.id for a started search).';

const SearchStarted = builder.objectRef<EventOf<'started'>>('SearchStarted').implement({
  description: 'The first event: the search began; the plan says how many candidates each tier has.',
  fields: (t) => ({
    searchId: t.exposeString('searchId', { description: SEARCH_ID }),
    query: t.exposeString('query', { description: 'The partial number as understood, e.g. `138****1234`.' }),
    total: t.exposeInt('total', { description: 'Candidates in all tiers together.' }),
    tiers: t.field({
      type: [TierPlanRef],
      description: 'Every tier, in search order; skipped ones (0 candidates) get no further events.',
      resolve: (e) => e.tiers,
    }),
  }),
});

const TierStarted = builder.objectRef<EventOf<'tier-started'>>('TierStarted').implement({
  description: 'A tier’s checks begin; a progress bar for it can start at 0 of `candidates`.',
  fields: (t) => ({
    searchId: t.exposeString('searchId', { description: SEARCH_ID }),
    tier: t.field({ type: TierEnum, description: 'The tier.', resolve: (e) => e.tier }),
    candidates: t.exposeInt('candidates', { description: 'Numbers this tier will check.' }),
  }),
});

const TierProgress = builder.objectRef<EventOf<'progress'>>('TierProgress').implement({
  description:
    'A tier’s counts so far: at most about ten a second per search, and always one at the end of each tier. Counts are cumulative: show the newest, never add them up.',
  fields: (t) => ({
    searchId: t.exposeString('searchId', { description: SEARCH_ID }),
    tier: t.field({ type: TierEnum, description: 'The tier.', resolve: (e) => e.tier }),
    checked: t.exposeInt('checked', {
      description: 'Candidates checked so far, failed checks and cache hits included.',
    }),
    total: t.exposeInt('total', { description: 'The tier’s candidates: checked / total is its progress.' }),
    failed: t.exposeInt('failed', {
      description: 'Checks that failed so far (the order service gave no usable answer).',
    }),
    withOrders: t.exposeInt('withOrders', { description: 'Numbers found with orders in this tier so far.' }),
  }),
});

const MatchFound = builder.objectRef<EventOf<'match'>>('MatchFound').implement({
  description:
    'A number with orders, sent as soon as it is found. A watcher that reconnects gets it again in the replay: deduplicate by phone.',
  fields: (t) => ({
    searchId: t.exposeString('searchId', { description: SEARCH_ID }),
    match: t.field({ type: PhoneMatchRef, description: 'The number found.', resolve: (e) => e.match }),
  }),
});

const TierFinished = builder.objectRef<EventOf<'tier-finished'>>('TierFinished').implement({
  description: 'A tier is over; its report is final.',
  fields: (t) => ({
    searchId: t.exposeString('searchId', { description: SEARCH_ID }),
    report: t.field({
      type: TierReportRef,
      description: 'The tier’s final counts and how it ended (outcome).',
      resolve: (e) => e.report,
    }),
  }),
});

const SearchFinished = builder.objectRef<EventOf<'finished'>>('SearchFinished').implement({
  description: 'The last event: the same result the matchPhone query returns. The stream ends after it.',
  fields: (t) => ({
    searchId: t.exposeString('searchId', { description: SEARCH_ID }),
    result: t.field({ type: MatchResultRef, description: 'The search’s result.', resolve: (e) => e.result }),
  }),
});

const EVENT_TYPES = {
  started: SearchStarted,
  'tier-started': TierStarted,
  progress: TierProgress,
  match: MatchFound,
  'tier-finished': TierFinished,
  finished: SearchFinished,
} as const;

export const MatchEventRef = builder.unionType('MatchEvent', {
  description:
    'One event of a search, in order: SearchStarted; for each tier searched TierStarted, TierProgress, MatchFound as found, TierFinished; then SearchFinished. Switch on __typename and ignore types you do not know.',
  types: Object.values(EVENT_TYPES),
  resolveType: (event: SearchEvent) => EVENT_TYPES[event.type],
});

builder.subscriptionField('matchPhoneEvents', (t) =>
  t.field({
    type: MatchEventRef,
    description:
      'Runs a search and streams its events; the stream ends after SearchFinished. Leaving (unsubscribing, closing the connection) cancels the search. Errors as for matchPhone: BAD_USER_INPUT, TOO_MANY_SEARCHES, RATE_LIMITED.',
    args: {
      input: t.arg({
        type: MatchPhoneInput,
        required: true,
        description: 'The partial number, the customer’s place and when to stop.',
      }),
    },
    subscribe: async (_root, { input }, context) => {
      const request = toSearchRequest(input, context);
      const release = await admitSearch(context);
      return searchEventStream(context.services.engine, request, {
        stopAt: stopAtOf(input),
        signal: context.signal,
        meta: searchMeta(context),
        onEnd: release,
      });
    },
    resolve: (event: SearchEvent) => event,
  }),
);
