/**
 * Issue 7 §1: a script config found by the search (in the repository) is never executed, on any
 * command, `--dry-run` and `config show` included. Each planted script would create a marker file;
 * the marker must stay absent, and one warning line says the script was not run. A script in the
 * user config directory (or named with --config) does run: the control that proves the markers work.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../../helpers/emulator.js';
import { lines, makeWorld, type World } from './world.js';

const emulator = useEmulator();

const esm = (marker: string) =>
  `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { output: 'json' };\n`;
const cjs = (marker: string) => `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\nmodule.exports = { output: 'json' };\n`;

/** Where the repository plants a script, and how it is written. */
const SCRIPTS: [label: string, path: (w: World) => string, body: (marker: string) => string][] = [
  ['.hookctlrc.mjs at the repository root', (w) => join(w.repo, '.hookctlrc.mjs'), esm],
  ['hookctl.config.js at the repository root', (w) => join(w.repo, 'hookctl.config.js'), cjs],
  ['.hookctlrc.cjs in the working directory', (w) => join(w.sub, '.hookctlrc.cjs'), cjs],
  ['.config/hookctlrc.mjs in the working directory', (w) => join(w.sub, '.config', 'hookctlrc.mjs'), esm],
];

const COMMANDS: [label: string, args: string[]][] = [
  ['hooks list', ['hooks', 'list', 'codearts:77']],
  ['hooks create --dry-run', ['hooks', 'create', 'codearts:77', '--url', 'https://ci.example.com/h', '--name', 'ci', '--dry-run']],
  // --if-exists: a dry-run delete reads the hook first, and hook 1 does not exist here (exit 3 without it).
  ['hooks delete --dry-run', ['hooks', 'delete', 'codearts:77', '1', '--dry-run', '--if-exists']],
  ['config show', ['config', 'show']],
  ['auth status', ['auth', 'status']],
];

describe.each(SCRIPTS)('%s', (_label, pathOf, body) => {
  it.each(COMMANDS)('%s: never run, one warning line', async (command, args) => {
    const world = makeWorld();
    const file = pathOf(world);
    world.write(file, body(world.marker('planted')), 0o644);
    const out = await world.run(args, { env: emulator.env });
    expect(world.ran('planted')).toBe(false);
    const warnings = lines(out.stderr).filter((line) => line.startsWith('warning: '));
    expect(warnings).toEqual([
      `warning: ${file}: not run: hookctl never executes a script config found in the project; only data files (.hookctlrc.yaml, .json, package.json) are read from there, scripts only from ${world.userDir} or --config`,
    ]);
    // The script's settings were not applied either (it asked for json).
    if (command === 'config show') expect(out.stdout).toMatch(/^file {5}\(none found/);
    expect(out.code).toBe(0);
  });
});

describe('other ways a data file or the working directory could reach a script', () => {
  it('cosmiconfig’s `$import` in a data file does not load a script', async () => {
    const world = makeWorld();
    world.write(join(world.repo, 'evil.mjs'), esm(world.marker('import')), 0o644);
    world.write(join(world.repo, '.hookctlrc.yaml'), '$import: ./evil.mjs\noutput: json\n', 0o644);
    const out = await world.run(['config', 'show']);
    expect(world.ran('import')).toBe(false);
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toEqual([`error: ${join(world.repo, '.hookctlrc.yaml')}: (root): Unrecognized key: "$import"`]);
  });

  it('a cosmiconfig "meta config" in the working directory (.config/config.mjs) is not run', async () => {
    const world = makeWorld();
    world.write(join(world.sub, '.config', 'config.mjs'), esm(world.marker('meta')), 0o644);
    world.write(join(world.sub, 'package.json'), JSON.stringify({ name: 'x', cosmiconfig: { searchPlaces: ['evil.mjs'] } }), 0o644);
    world.write(join(world.sub, 'evil.mjs'), esm(world.marker('meta-search')), 0o644);
    const out = await world.run(['config', 'show', '--config', join(world.sub, 'package.json')]);
    expect(world.ran('meta')).toBe(false);
    expect(world.ran('meta-search')).toBe(false);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`error: ${join(world.sub, 'package.json')}: has no "hookctl" key\n`);
  });
});

describe('scripts the user chose do run (the control)', () => {
  it('a script in the user config directory', async () => {
    const world = makeWorld();
    world.write(join(world.userDir, 'config.mjs'), esm(world.marker('user')));
    const out = await world.run(['config', 'show']);
    expect(world.ran('user')).toBe(true);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(out.stdout).file).toBe(join(world.userDir, 'config.mjs'));
  });

  it('a script named with --config', async () => {
    const world = makeWorld();
    const file = world.write(join(world.repo, '.hookctlrc.mjs'), esm(world.marker('explicit')), 0o644);
    const out = await world.run(['config', 'show', '--config', file]);
    expect(world.ran('explicit')).toBe(true);
    expect(out).toMatchObject({ code: 0, stderr: '' });
  });
});
