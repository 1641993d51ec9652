import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GraphQLContext, OperationSettlement } from '../../schema/context.ts';

/**
 * One operation's end as the server sees it: `signal` (the resolvers' `context.signal`) aborts when
 * the client goes away or the server shuts down (the signal the server built the context with), and
 * also once the operation's result is settled; then what root fields started to outlive the
 * operation is cleaned up unless the result delivers them.
 */
class Settlement implements OperationSettlement {
  readonly signal: AbortSignal;
  private readonly settled = new AbortController();
  private readonly undelivered: Array<{ responseKey: string; cleanup: () => void }> = [];

  constructor(parent: AbortSignal) {
    this.signal = AbortSignal.any([parent, this.settled.signal]);
  }

  unlessDelivered(responseKey: string, cleanup: () => void): void {
    // Settled already (a sibling failed while this field ran): the result went out without it.
    if (this.settled.signal.aborted) cleanup();
    else this.undelivered.push({ responseKey, cleanup });
  }

  /** The operation's result is produced (`result`), or its stream ended (none: it delivered as it went). */
  settle(result?: ExecutionResult): void {
    this.settled.abort();
    const undelivered = this.undelivered.splice(0);
    if (result) for (const { responseKey, cleanup } of undelivered) if (result.data?.[responseKey] == null) cleanup();
  }
}

function settle(context: GraphQLContext, result?: ExecutionResult): void {
  if (context.settlement instanceof Settlement) context.settlement.settle(result);
}

/**
 * Aborts an operation's signal as soon as its result is produced, whatever the transport. The
 * executor answers as soon as its result can no longer change: when a non-null root field fails,
 * `data` is null at once while sibling fields may still be running (a search with nobody left to read
 * it; root query fields never fail synchronously for that, see src/schema/index.ts). The result is about
 * to be sent, so everything the operation started is cancelled here; a subscription's when its
 * stream ends. What a root field started to outlive the operation (startSearch) is cancelled too when
 * the result does not deliver that field (`context.settlement.unlessDelivered`).
 */
export function useSettledOperations(): Plugin<GraphQLContext> {
  return {
    onContextBuilding({ context, extendContext }) {
      const settlement = new Settlement(context.signal);
      extendContext({ settlement, signal: settlement.signal });
    },
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result }) => {
        if (isAsyncIterable(result)) return { onEnd: () => settle(args.contextValue) };
        settle(args.contextValue, result);
        return undefined;
      },
    }),
    onSubscribe: ({ args }) => ({
      onSubscribeResult: ({ result }) => {
        if (isAsyncIterable(result)) return { onEnd: () => settle(args.contextValue) };
        settle(args.contextValue, result);
        return undefined;
      },
      onSubscribeError: () => settle(args.contextValue),
    }),
  };
}
