/**
 * `npm run build [-- --out-dir <dir>]` (default `dist`): compiles src/ with tsconfig.build.json and adds
 * what the compiled service reads at run time, so `node <dir>/main.js` works from a fresh build: the
 * example operations (`<dir>/operations`, see src/schema/operation-files.ts), the persisted documents
 * (`<dir>/persisted-documents.json`, see src/server/persisted-operations.ts), the fleet's Lua scripts
 * (`<dir>/fleet/scripts`, see src/fleet/lua-scripts.ts), the shipped segment data (`<dir>/data/segments`)
 * and a package.json that
 * marks the output as ES modules wherever it is copied.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
const outDir = resolve(root, values['out-dir']);

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

mkdirSync(outDir, { recursive: true });
cpSync(join(root, 'schema', 'operations'), join(outDir, 'operations'), { recursive: true });
cpSync(join(root, 'schema', 'generated', 'persisted-documents.json'), join(outDir, 'persisted-documents.json'));
cpSync(join(root, 'src', 'fleet', 'scripts'), join(outDir, 'fleet', 'scripts'), { recursive: true });
// The shipped segment data with its attribution (src/segments/shipped-data.ts finds it at <dir>/data/segments).
cpSync(join(root, 'data', 'segments'), join(outDir, 'data', 'segments'), { recursive: true });
writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
process.stdout.write(`built ${outDir}: run it with node ${join(values['out-dir'], 'main.js')}\n`);
