import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { leave } from './leftovers.ts';

const PAGE_DIR = fileURLToPath(new URL('../browser/page/', import.meta.url));

/**
 * Bundles test/browser/page/clients.ts (the standard GraphQL clients, as a frontend would ship them)
 * with Vite's build API into a temp dir; returns the ES module's text. Once per test file.
 */
export async function buildClientBundle(): Promise<string> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'phonematch-clients-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      root: PAGE_DIR,
      // A browser build: no Node globals, production flavour of the libraries.
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        target: 'es2022',
        lib: { entry: join(PAGE_DIR, 'clients.ts'), formats: ['es'], fileName: 'clients' },
      },
    });
    return readFileSync(join(outDir, 'clients.js'), 'utf8');
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export interface PageServer {
  /** The page's origin, e.g. http://127.0.0.1:41234. */
  readonly origin: string;
  close(): Promise<void>;
}

/** A static site on 127.0.0.1:0 serving an empty page that loads the client bundle: a frontend on its own origin. */
export async function servePage(bundle: string): Promise<PageServer> {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>frontend</title>' +
    '<script type="module" src="/clients.js"></script></head><body>frontend</body></html>';
  const server: Server = createServer((request, response) => {
    if (request.url === '/clients.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else if (request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const page: PageServer = {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  leave(() => page.close());
  return page;
}
