/** Writes schema/schema.graphql from the Pothos schema (declaration order). `npm test` fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { printCommittedSchema } from '../src/schema/index.ts';

const target = new URL('../schema/schema.graphql', import.meta.url);
writeFileSync(target, printCommittedSchema());
process.stdout.write(`wrote ${target.pathname}\n`);
