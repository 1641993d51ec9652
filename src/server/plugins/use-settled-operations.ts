import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { cleanUpUndelivered } from '../../schema/operation-searches.ts';

/** The controller behind each operation's signal, found from the signal the resolvers see. */
const settleBySignal = new WeakMap<AbortSignal, AbortController>();

/**
 * The signal an operation's resolvers receive (`context.signal`): aborted when the client goes away or
 * the server shuts down (`parents`), and also once the operation's response is settled (see
 * `useSettledOperations`).
 */
export function operationSignal(parents: readonly AbortSignal[]): AbortSignal {
  const settled = new AbortController();
  const signal = AbortSignal.any([...parents, settled.signal]);
  settleBySignal.set(signal, settled);
  return signal;
}

function settle(context: unknown): void {
  const signal = (context as { signal?: unknown } | undefined)?.signal;
  if (signal instanceof AbortSignal) settleBySignal.get(signal)?.abort();
}

/**
 * Aborts an operation's signal as soon as its result is produced, whatever the transport. graphql-js
 * answers as soon as its result can no longer change: when a non-null root field fails, `data` is
 * null at once while sibling fields may still be running (a search with nobody left to read it). The
 * result is about to be sent, so everything the operation started is cancelled here; a subscription's
 * when its stream ends. What a root field started to outlive the operation (startSearch) is cancelled
 * too when the result does not deliver that field (`unlessDelivered`).
 */
export function useSettledOperations(): Plugin {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result }) => {
        if (isAsyncIterable(result)) return { onEnd: () => settle(args.contextValue) };
        settle(args.contextValue);
        cleanUpUndelivered(args.contextValue, result as ExecutionResult);
        return undefined;
      },
    }),
    onSubscribe: ({ args }) => ({
      onSubscribeResult: ({ result }) => {
        if (isAsyncIterable(result)) return { onEnd: () => settle(args.contextValue) };
        settle(args.contextValue);
        return undefined;
      },
      onSubscribeError: () => settle(args.contextValue),
    }),
  };
}
