import type { Plugin } from 'graphql-yoga';
import { acceptedEncoding, compress } from '../compression.ts';

/** Worth compressing: below this the headers outweigh the saving. */
const MIN_BYTES = 1024;
const COMPRESSIBLE = /^(application\/(graphql-response\+)?json|text\/(html|plain|css|javascript)|image\/svg)/i;
/**
 * Streams are never compressed: a compressor holds bytes back until it has enough, so each SSE event
 * (text/event-stream) or incremental part (multipart/mixed) would reach the client late.
 */
const STREAMING = /^(text\/event-stream|multipart\/)/i;

/**
 * Compresses what the service answers in one piece (GraphQL results, GraphiQL's page, errors) with
 * brotli or gzip when the client accepts it. Streaming responses pass through untouched, as do
 * responses already encoded (GraphiQL's pre-compressed assets) and small ones.
 */
export function useCompression(): Plugin {
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      const type = response.headers.get('content-type') ?? '';
      if (!response.body || STREAMING.test(type) || !COMPRESSIBLE.test(type)) return;
      if (response.headers.has('content-encoding')) return;
      const encoding = acceptedEncoding(request.headers.get('accept-encoding'));
      const headers = new fetchAPI.Headers(response.headers);
      headers.append('vary', 'accept-encoding');
      if (!encoding) return setResponse(new fetchAPI.Response(response.body, { status: response.status, headers }));
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.byteLength < MIN_BYTES)
        return setResponse(new fetchAPI.Response(body, { status: response.status, headers }));
      headers.set('content-encoding', encoding);
      headers.delete('content-length');
      setResponse(
        new fetchAPI.Response(new Uint8Array(compress(body, encoding)), { status: response.status, headers }),
      );
    },
  };
}
