// vitest setup file: runs in every test file before its tests.
import { registerLeftoverHooks } from './leftovers.ts';

registerLeftoverHooks();
