import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLuaScripts } from '../../src/fleet/lua-scripts.ts';

const FLEET = new URL('../../src/fleet/', import.meta.url);

describe("the fleet's Lua scripts", () => {
  const scripts = [...loadLuaScripts().values()];

  it('each opens with a header naming its KEYS (as many as its file name says), ARGV and output', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(15);
    for (const script of scripts) {
      const header = /^--\[\[([\s\S]*?)\]\]/.exec(script.lua)?.[1] ?? '';
      expect(header, script.name).toMatch(/Input:[\s\S]*Output:/);
      if (script.numberOfKeys === undefined) {
        expect(header, script.name).toMatch(/KEYS\s+\(/);
      } else {
        const keys = new Set(header.match(/KEYS\[(\d+)/g));
        const ranged = /KEYS\[1\.\.(\d+)\]/.exec(header);
        expect(ranged ? Number(ranged[1]) : keys.size, script.name).toBe(script.numberOfKeys);
      }
      expect(script.lua, script.name).not.toMatch(/@include/);
    }
  });

  it('the clock is included where leases are read, never pasted', () => {
    const clocked = scripts.filter((s) => s.lua.includes("redis.call('TIME')"));
    for (const script of clocked) expect(script.lua.match(/redis\.call\('TIME'\)/g), script.name).toHaveLength(1);
    for (const file of readdirSync(new URL('scripts/', FLEET)).filter((f) => f.endsWith('.lua')))
      expect(readFileSync(new URL(`scripts/${file}`, FLEET), 'utf8'), file).not.toContain("redis.call('TIME')");
  });

  it('no TypeScript module of the fleet carries Lua of its own', () => {
    for (const file of readdirSync(FLEET).filter((f) => f.endsWith('.ts')))
      expect(readFileSync(new URL(file, FLEET), 'utf8'), file).not.toMatch(/redis\.call\(/);
  });
});
