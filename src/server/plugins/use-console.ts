import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'graphql-yoga';

export const CONSOLE_PATH = '/console';

export interface ConsoleOptions {
  /** The console's built files (index.html and assets/). */
  dir: string;
  /** Production: the page asks for the API key before anything else. */
  apiKeyRequired: boolean;
}

/** Built asset names (hashed by Vite); anything else under /console/ is not ours to serve. */
const ASSET = /^assets\/[\w.-]+\.(js|css|map|svg|woff2)$/;
const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
};

/**
 * The page may load only its own files and talk only to this service (GraphQL over graphql-ws on the
 * same origin); nothing inline, no other origin, not framed.
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the agent console at /console from its built files, read from disk on each request so a
 * rebuild shows up without a restart. The page itself is public (it holds no data); every operation it
 * runs goes through /graphql with the agent's key. A missing build answers 503 with what to run.
 */
export function useConsole(options: ConsoleOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const path = url.pathname;
      if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
      }
      const name = path.slice(CONSOLE_PATH.length + 1);
      const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
      if (name === '' || name === 'index.html') {
        const page = await readFile(join(options.dir, 'index.html'), 'utf8').catch(() => undefined);
        if (page === undefined) {
          return endResponse(
            new fetchAPI.Response('The agent console is not built: run `npm run build:console`.\n', {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...common },
            }),
          );
        }
        const body = options.apiKeyRequired ? page.replace(API_KEY_META, REQUIRED_KEY_META) : page;
        return endResponse(
          new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
            status: 200,
            headers: {
              'content-type': 'text/html; charset=utf-8',
              'cache-control': 'no-cache',
              'content-security-policy': PAGE_POLICY,
              ...common,
            },
          }),
        );
      }
      const match = ASSET.exec(name);
      const file = match ? await readFile(join(options.dir, name)).catch(() => undefined) : undefined;
      if (!match || !file) {
        return endResponse(new fetchAPI.Response('Not Found\n', { status: 404, headers: common }));
      }
      return endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : file, {
          status: 200,
          headers: {
            'content-type': CONTENT_TYPES[match[1]!]!,
            // Vite puts a content hash in every asset name: a new build has new names.
            'cache-control': 'public, max-age=31536000, immutable',
            ...common,
          },
        }),
      );
    },
  };
}

/** The console's index.html says whether an API key is needed; the server fills it in. */
const API_KEY_META = '<meta name="phonematch-api-key" content="optional" />';
const REQUIRED_KEY_META = '<meta name="phonematch-api-key" content="required" />';
