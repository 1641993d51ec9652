import type { ResultReader } from './config.ts';

/**
 * Reads "has orders" out of one parsed answer: the value at `path` (already split on dots), taken as
 * `reader` says. Undefined when the value is missing or of another type: the caller turns that into a
 * named failure, never into "no orders". Shared by the per-number reply and each answer of a batch.
 */
export function readAnswer(answer: unknown, path: readonly string[], reader: ResultReader): boolean | undefined {
  const value = valueAt(answer, path);
  switch (reader) {
    case 'number>0':
      return typeof value === 'number' && Number.isFinite(value) ? value > 0 : undefined;
    case 'true':
      return typeof value === 'boolean' ? value : undefined;
    case 'non-empty-array':
      return Array.isArray(value) ? value.length > 0 : undefined;
    default:
      // A reader added to RESULT_READERS without its case here fails to compile.
      return reader satisfies never;
  }
}

/** The value at a dotted path (split), or undefined where the path leaves the objects. */
export function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** `'data.total'` -> `['data', 'total']`; `''` -> `[]` (the root itself). */
export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}
