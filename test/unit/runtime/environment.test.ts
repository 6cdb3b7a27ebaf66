// `hookctl help environment` must name every variable hookctl reads: this greps src/ (the emulator
// aside, it reads none of the user's) for env reads and checks each name is listed, by name or by
// a declared prefix (`HUAWEICLOUD_*`).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { environmentHelp, listedVariables } from '../../../src/runtime/environment.js';
import { SETTINGS_SECTIONS } from '../../../src/runtime/providers.js';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'emulator' ? [] : sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/**
 * `env.NAME`, `env?.NAME`, `env['NAME']`, the env helpers called with a name (`envOf('NAME')`,
 * `envSecret('NAME')`, `envSwitch(env, 'NAME')`, `envInteger(env, 'NAME', …)`), `HOOKCTL_X: name` destructuring.
 */
const READS = [
  /\benv\??\.([A-Z][A-Z0-9_]+)/g,
  /\benv\[['"]([A-Z][A-Z0-9_]+)['"]\]/g,
  /\benv[A-Z]\w*\((?:\w+, )?['"]([A-Z][A-Z0-9_]+)['"]/g,
  /\b(HOOKCTL_[A-Z0-9_]+): \w+/g,
];

function readNames(): Set<string> {
  const names = new Set<string>();
  for (const file of sources(src)) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of READS) for (const match of text.matchAll(pattern)) names.add(match[1] as string);
  }
  return names;
}

const covered = (name: string, listed: readonly string[]) =>
  listed.some((entry) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : entry === name)) ||
  // lower-case spellings of the proxy variables
  listed.includes(name.toUpperCase());

describe('help environment', () => {
  const listed = listedVariables(SETTINGS_SECTIONS);

  it('lists every variable src/ reads', () => {
    const names = readNames();
    // the grep itself finds reads (it would pass vacuously otherwise)
    expect(names.has('HOOKCTL_PROFILE')).toBe(true);
    expect(names.has('HUAWEICLOUD_SDK_AK')).toBe(true);
    expect(names.has('HOOKCTL_NO_INPUT')).toBe(true);
    expect([...names].filter((name) => !covered(name, listed))).toEqual([]);
  });

  it('prints every listed name', () => {
    const text = environmentHelp(SETTINGS_SECTIONS);
    for (const name of listed) expect(text).toContain(name);
  });
});
