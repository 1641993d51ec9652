import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** One Lua script of src/fleet/scripts, ready to send. */
export interface LuaScript {
  /** The file's name without `.lua` and key count, e.g. `renewBudget`. */
  readonly name: string;
  /** Keys it takes, from the file name (`renewBudget-7.lua`); undefined when the caller says (pairs). */
  readonly numberOfKeys: number | undefined;
  /** The source with its includes inlined. */
  readonly lua: string;
  /** SHA1 of `lua`, for EVALSHA. */
  readonly sha: string;
}

/**
 * The directory of the `.lua` files: beside this module under tsx (src/fleet/scripts), and in a build
 * too (scripts/build.ts copies them to dist/fleet/scripts).
 */
const SCRIPTS_DIR = new URL('./scripts/', import.meta.url);

/** `--- @include "name"` lines, replaced by `scripts/includes/<name>.lua` (bullmq's convention). */
const INCLUDE = /^--- @include "([\w-]+)"$/gm;

/** Reads every script once, with its includes. */
export function loadLuaScripts(): ReadonlyMap<string, LuaScript> {
  const scripts = new Map<string, LuaScript>();
  for (const file of readdirSync(SCRIPTS_DIR)) {
    const match = /^(\w+?)(?:-(\d+))?\.lua$/.exec(file);
    if (!match) continue;
    const [, name = '', keys] = match;
    const lua = readFileSync(new URL(file, SCRIPTS_DIR), 'utf8').replace(INCLUDE, (_, include: string) =>
      readFileSync(new URL(`includes/${include}.lua`, SCRIPTS_DIR), 'utf8'),
    );
    scripts.set(name, {
      name,
      numberOfKeys: keys === undefined ? undefined : Number(keys),
      lua,
      sha: createHash('sha1').update(lua).digest('hex'),
    });
  }
  return scripts;
}
