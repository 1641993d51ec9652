import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The agent console, served by the service at /console. `npm run build:console` (and `npm start`
 * when the build is missing or older than its sources) builds it into dist/console; the service
 * serves those files itself, so the console needs no CDN and no second server.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  // No public/ folder: everything the page needs is bundled.
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // For the browser's devtools; the service serves the maps beside the bundles.
    sourcemap: true,
    reportCompressedSize: false,
  },
});
