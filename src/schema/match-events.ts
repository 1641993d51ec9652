import { Repeater } from 'graphql-yoga';
import type { SearchRequest } from '../plan/search-request.ts';
import type { SearchEngine, SearchMeta } from '../search/search-engine.ts';
import type { SearchEvent, StopAt } from '../search/search-types.ts';
import { builder } from './builder.ts';
import { MatchResultRef, PhoneMatchRef, TierReportRef } from './match-result.ts';
import { admitSearch, releaseWhenDone, searchMeta } from './search-admission.ts';
import { MatchPhoneInput, TierEnum, TierPlanRef, stopAtOf, toSearchRequest } from './search-input.ts';

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

const MatchEvent = builder.unionType('MatchEvent', {
  types: Object.values(EVENT_TYPES),
  resolveType: (event: SearchEvent) => EVENT_TYPES[event.type],
});

builder.subscriptionField('matchPhoneEvents', (t) =>
  t.field({
    type: MatchEvent,
    description:
      'Runs the search and streams its progress; the stream ends after SearchFinished. Leaving cancels the search.',
    args: { input: t.arg({ type: MatchPhoneInput, required: true }) },
    subscribe: async (_root, { input }, context) => {
      const request = toSearchRequest(input, context);
      const release = await admitSearch(context);
      return releaseWhenDone(
        searchEventStream(context.services.engine, request, stopAtOf(input), context.signal, {
          meta: searchMeta(context),
          onEnd: release,
        }),
        release,
      );
    },
    resolve: (event: SearchEvent) => event,
  }),
);

/**
 * The search as a stream. A Repeater owns the search's AbortController, so a client that leaves
 * (unsubscribe, closed socket or SSE stream) aborts the search at once rather than at the next event.
 * Progress is coalesced: while one progress event waits for a slow subscriber, newer ones replace
 * it, so the checker never waits on the subscriber and the stream's backlog stays small.
 */
export function searchEventStream(
  engine: SearchEngine,
  request: SearchRequest,
  stopAt: StopAt,
  signal: AbortSignal,
  options: { meta?: SearchMeta; onEnd?: () => void } = {},
): Repeater<SearchEvent> {
  return new Repeater<SearchEvent>(async (push, stop) => {
    const controller = new AbortController();
    const abort = () => controller.abort();
    // The executor runs at the first pull: the client may already be gone by then.
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', abort, { once: true });
    let progressWaiting = false;
    let latestProgress: SearchEvent | undefined;

    const sendProgress = (event: SearchEvent) => {
      progressWaiting = true;
      void push(event).then(() => {
        progressWaiting = false;
        const next = latestProgress;
        latestProgress = undefined;
        if (next) sendProgress(next);
      });
    };
    const send = (event: SearchEvent) => {
      if (event.type === 'progress') {
        if (progressWaiting) latestProgress = event;
        else sendProgress(event);
        return;
      }
      // Keep order: a coalesced progress event goes out before what follows it.
      if (latestProgress) {
        void push(latestProgress);
        latestProgress = undefined;
      }
      void push(event);
    };

    engine
      .search(request, {
        stopAt,
        signal: controller.signal,
        onEvent: send,
        ...(options.meta ? { meta: options.meta } : {}),
      })
      .then(
        () => {
          options.onEnd?.();
          stop();
        },
        (error: unknown) => {
          options.onEnd?.();
          stop(error);
        },
      );
    await stop;
    signal.removeEventListener('abort', abort);
    controller.abort();
  });
}
