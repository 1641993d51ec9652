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

const SearchStarted = builder.objectRef<EventOf<'started'>>('SearchStarted').implement({
  description: 'The search began; the plan says how many candidates each tier has.',
  fields: (t) => ({
    searchId: t.exposeString('searchId'),
    query: t.exposeString('query'),
    total: t.exposeInt('total'),
    tiers: t.field({ type: [TierPlanRef], resolve: (e) => e.tiers }),
  }),
});

const TierStarted = builder.objectRef<EventOf<'tier-started'>>('TierStarted').implement({
  fields: (t) => ({
    searchId: t.exposeString('searchId'),
    tier: t.field({ type: TierEnum, resolve: (e) => e.tier }),
    candidates: t.exposeInt('candidates'),
  }),
});

const TierProgress = builder.objectRef<EventOf<'progress'>>('TierProgress').implement({
  description: 'At most about ten a second per search, and always one at the end of each tier.',
  fields: (t) => ({
    searchId: t.exposeString('searchId'),
    tier: t.field({ type: TierEnum, resolve: (e) => e.tier }),
    checked: t.exposeInt('checked'),
    total: t.exposeInt('total'),
    failed: t.exposeInt('failed'),
    withOrders: t.exposeInt('withOrders'),
  }),
});

const MatchFound = builder.objectRef<EventOf<'match'>>('MatchFound').implement({
  fields: (t) => ({
    searchId: t.exposeString('searchId'),
    match: t.field({ type: PhoneMatchRef, resolve: (e) => e.match }),
  }),
});

const TierFinished = builder.objectRef<EventOf<'tier-finished'>>('TierFinished').implement({
  fields: (t) => ({
    searchId: t.exposeString('searchId'),
    report: t.field({ type: TierReportRef, resolve: (e) => e.report }),
  }),
});

const SearchFinished = builder.objectRef<EventOf<'finished'>>('SearchFinished').implement({
  description: 'The last event: the same result the matchPhone query returns.',
  fields: (t) => ({
    searchId: t.exposeString('searchId'),
    result: t.field({ type: MatchResultRef, resolve: (e) => e.result }),
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
  types: Object.values(EVENT_TYPES),
  resolveType: (event: SearchEvent) => EVENT_TYPES[event.type],
});

builder.subscriptionField('matchPhoneEvents', (t) =>
  t.field({
    type: MatchEventRef,
    description:
      'Runs the search and streams its progress; the stream ends after SearchFinished. Leaving cancels the search.',
    args: { input: t.arg({ type: MatchPhoneInput, required: true }) },
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
