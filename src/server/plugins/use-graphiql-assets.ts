import type { Plugin } from 'graphql-yoga';
import { acceptedEncoding } from '../compression.ts';
import { GRAPHIQL_ASSETS_PATH, type GraphiQLAssets } from '../graphiql.ts';

/**
 * Serves GraphiQL's library and stylesheet (see GraphiQLAssets): named by content hash, so cached for a
 * year and never revalidated; pre-compressed, in the encoding the browser accepts.
 */
export function useGraphiQLAssets(assets: GraphiQLAssets): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return;
      const asset = assets.files.get(url.pathname.slice(GRAPHIQL_ASSETS_PATH.length));
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD'))
        return endResponse(new fetchAPI.Response('Not Found\n', { status: 404 }));
      const encoding = acceptedEncoding(request.headers.get('accept-encoding'));
      const body = encoding ? asset[encoding] : asset.body;
      const headers: Record<string, string> = {
        'content-type': asset.contentType,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
        'content-length': String(body.byteLength),
      };
      if (encoding) headers['content-encoding'] = encoding;
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers }),
      );
    },
  };
}
