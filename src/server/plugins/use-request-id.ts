import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { maskPhonesIn } from '../../phone/mask.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client's id, unless it is not a sane token or carries a phone number (personal data in every log line). */
function fromHeader(value: string | string[] | null | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && ACCEPTABLE.test(text) && maskPhonesIn(text) === text ? text : undefined;
}

const ids = new WeakMap<Request, string>();

/**
 * Every HTTP request gets an id: the client's `X-Request-Id` when it is a sane token that carries no
 * phone number, else a new UUID. It is echoed in the response header and logged with the request's searches.
 */
export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      ids.set(request, fromHeader(request.headers.get(REQUEST_ID_HEADER)) ?? randomUUID());
    },
    onResponse({ request, response }) {
      const id = ids.get(request);
      if (id) response.headers.set(REQUEST_ID_HEADER, id);
    },
  };
}

/**
 * The request id of an operation: the HTTP request's, or for graphql-ws one per operation (the
 * upgrade's `X-Request-Id` with a short random suffix per operation, or a new UUID).
 */
export function requestIdOf(initial: { request?: Request; req?: IncomingMessage }): string {
  if (initial.request)
    return ids.get(initial.request) ?? fromHeader(initial.request.headers.get(REQUEST_ID_HEADER)) ?? randomUUID();
  const upgrade = fromHeader(initial.req?.headers[REQUEST_ID_HEADER]);
  return upgrade ? `${upgrade}.${randomUUID().slice(0, 8)}` : randomUUID();
}
