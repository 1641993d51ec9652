/** `list[n]`, or an error naming what is missing: a fleet fixture's instance without a cast or `!`. */
export function nth<T>(list: readonly T[], n: number): T {
  const item = list[n];
  if (item === undefined) throw new Error(`no instance ${n}: the fleet has ${list.length}`);
  return item;
}
