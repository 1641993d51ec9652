/** Writes schema/schema.graphql from the Pothos schema (sorted). `npm test` fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { printSortedSchema } from '../src/schema/index.ts';

const target = new URL('../schema/schema.graphql', import.meta.url);
writeFileSync(target, printSortedSchema());
process.stdout.write(`wrote ${target.pathname}\n`);
