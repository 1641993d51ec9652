import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The committed example operations (`schema/operations/*.graphql`), read at run time. A build
 * (`npm run build`) copies them beside the compiled code, `<out-dir>/operations`, so a compiled start
 * does not depend on the source tree; from the sources they are read where they are committed.
 */
export const OPERATIONS_DIR =
  [join(here, '..', 'operations'), join(here, '..', '..', 'schema', 'operations')].find((dir) => existsSync(dir)) ??
  join(here, '..', '..', 'schema', 'operations');
