import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { maskPhonesIn } from '../../phone/mask.ts';
import type { GraphQLContext } from '../../schema/context.ts';
import type { ServerContext } from '../server-context.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client's id, unless it is not a sane token or carries a phone number (personal data in every log line). */
function fromHeader(value: string | string[] | null | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && ACCEPTABLE.test(text) && maskPhonesIn(text) === text ? text : undefined;
}

/** The request-id plugin, and the id it gave an HTTP request (for log lines written before any operation's context). */
export interface RequestIds extends Plugin<GraphQLContext, ServerContext> {
  idOf(request: Request): string;
}

/**
 * Every HTTP request gets an id: the client's `X-Request-Id` when it is a sane token that carries no
 * phone number, else a new UUID. It is echoed in the response header, and resolvers read it as
 * `context.requestId` (logged and audited with the request's searches). Over graphql-ws each
 * operation gets its own: the upgrade's `X-Request-Id` with a short random suffix, or a new UUID.
 */
export function useRequestId(): RequestIds {
  // An HTTP request's id must be the same from onRequest to onResponse, and a Request has no field of
  // ours to carry it; so this instance keeps it by request, read only by its own hooks and `idOf`.
  const ids = new WeakMap<Request, string>();
  const idOf = (request: Request): string => {
    let id = ids.get(request);
    if (id === undefined) {
      id = fromHeader(request.headers.get(REQUEST_ID_HEADER)) ?? randomUUID();
      ids.set(request, id);
    }
    return id;
  };
  const operationIdOf = (initial: { request?: Request; req?: IncomingMessage }): string => {
    if (initial.request) return idOf(initial.request);
    const upgrade = fromHeader(initial.req?.headers[REQUEST_ID_HEADER]);
    return upgrade ? `${upgrade}.${randomUUID().slice(0, 8)}` : randomUUID();
  };
  return {
    idOf,
    onRequest({ request }) {
      idOf(request);
    },
    onContextBuilding({ context, extendContext }) {
      extendContext({ requestId: operationIdOf(context) });
    },
    onResponse({ request, response }) {
      const id = ids.get(request);
      if (id) response.headers.set(REQUEST_ID_HEADER, id);
    },
  };
}
