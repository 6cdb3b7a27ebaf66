/**
 * Issue 7 §1: which files the search reads at all. A config file that group or others can write,
 * or that another user owns, is ignored with one warning line; the walk up stops at the repository
 * root or the home directory and never climbs to `/`; a package.json above the working directory
 * that does not parse is skipped with a warning.
 */
import { chownSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lines, makeWorld } from './world.js';

const show = ['config', 'show', '--output', 'yaml'];

describe('a config file someone else could have written is ignored, with one warning line', () => {
  it.each([
    ['world-writable, in the repository', 0o666, 'writable by group and others (mode 666)'],
    ['writable by others only', 0o602, 'writable by others (mode 602)'],
    ['group-writable', 0o660, 'writable by group (mode 660)'],
  ])('%s', async (_label, mode, reason) => {
    const world = makeWorld();
    const file = world.write(join(world.repo, '.hookctlrc.yaml'), 'output: json\nretries: 0\n', mode);
    const out = await world.run(['config', 'show']);
    expect(out.code).toBe(0);
    expect(lines(out.stderr)).toEqual([
      `warning: ${file}: ignored: ${reason}; hookctl reads a config file only when you (or root) own it and nobody else can write it`,
    ]);
    // Not applied: table output, default retries, no file.
    expect(out.stdout).toMatch(/^file {5}\(none found; defaults and environment only\)\n/);
  });

  it('in the user config directory too; the search then goes on to nothing', async () => {
    const world = makeWorld();
    const file = world.write(join(world.userDir, 'config.yaml'), 'output: json\n', 0o664);
    const out = await world.run(['config', 'show']);
    expect(out.code).toBe(0);
    expect(lines(out.stderr)).toEqual([
      `warning: ${file}: ignored: writable by group (mode 664); hookctl reads a config file only when you (or root) own it and nobody else can write it`,
    ]);
  });

  it('an ignored file does not hide a good one further on', async () => {
    const world = makeWorld();
    world.write(join(world.sub, '.hookctlrc.yaml'), 'output: yaml\n', 0o666);
    world.write(join(world.repo, '.hookctlrc.yaml'), 'output: json\n', 0o644);
    const out = await world.run(['config', 'show']);
    expect(lines(out.stderr)).toHaveLength(1);
    expect(JSON.parse(out.stdout).file).toBe(join(world.repo, '.hookctlrc.yaml'));
  });

  it.skipIf(process.getuid?.() !== 0)('owned by another user (needs root to chown)', async () => {
    const world = makeWorld();
    const file = world.write(join(world.repo, '.hookctlrc.yaml'), 'output: json\n', 0o644);
    chownSync(file, 4242, 4242);
    const out = await world.run(['config', 'show']);
    expect(lines(out.stderr)).toEqual([
      `warning: ${file}: ignored: owned by another user (uid 4242); hookctl reads a config file only when you (or root) own it and nobody else can write it`,
    ]);
  });
});

describe('the search stops at the repository root or the home directory', () => {
  it('a file above the repository root is not used', async () => {
    const world = makeWorld();
    world.write(join(world.repo, '..', '.hookctlrc.yaml'), 'output: json\n', 0o644);
    const out = await world.run(show);
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(/^file: null$/m);
  });

  it('outside the home directory and outside any repository, only the working directory is searched (never up to /)', async () => {
    const world = makeWorld({ repoUnderHome: false });
    const loose = join(world.root, 'builds', 'loose', 'dir');
    mkdirSync(loose, { recursive: true });
    world.write(join(world.root, 'builds', '.hookctlrc.yaml'), 'output: json\n', 0o644);
    const out = await world.run(show, { cwd: loose });
    expect(out).toMatchObject({ code: 0, stderr: '' });
    expect(out.stdout).toMatch(/^file: null$/m);
  });

  it('a repository outside the home directory is searched up to its root', async () => {
    const world = makeWorld({ repoUnderHome: false });
    world.write(join(world.repo, '.hookctlrc.yaml'), 'output: json\n', 0o644);
    const out = await world.run(['config', 'show']);
    expect(JSON.parse(out.stdout).file).toBe(join(world.repo, '.hookctlrc.yaml'));
  });

  it('a `.git` file (a worktree or submodule) marks a repository root as well', async () => {
    const world = makeWorld();
    const inner = join(world.sub, 'vendor', 'mod');
    world.write(join(inner, '.git'), 'gitdir: ../../.git/modules/mod\n', 0o644);
    world.write(join(world.repo, '.hookctlrc.yaml'), 'output: json\n', 0o644);
    const out = await world.run(show, { cwd: inner });
    expect(out.stdout).toMatch(/^file: null$/m);
  });
});

describe('a package.json that does not parse', () => {
  it('above the working directory: skipped with a warning, the run goes on', async () => {
    const world = makeWorld();
    const file = world.write(join(world.repo, 'package.json'), '{"name": "app",, }', 0o644);
    const out = await world.run(['config', 'show']);
    expect(out.code).toBe(0);
    const [warning, ...rest] = lines(out.stderr);
    expect(rest).toEqual([]);
    expect(warning).toMatch(new RegExp(`^warning: ${file}: ignored: not valid JSON: .* at line 1, column 16$`));
  });

  it('named with --config: exit 2', async () => {
    const world = makeWorld();
    const file = world.write(join(world.repo, 'package.json'), '{"name": "app",, }', 0o644);
    const out = await world.run(['config', 'show', '--config', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(new RegExp(`^error: ${file}: not valid JSON: .* at line 1, column 16\n$`));
  });
});
