/**
 * The trust model's pieces as tables: the store (parse, trust, change), which key of an untrusted
 * project config is refused, the ownership rule, and the search's directories and origins with
 * injected owner, mode and `.git`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig, searchDirs } from '../../../src/config/load.js';
import { parseStore, serializeStore, sha256, steeringKeyPath, trustState, unsafeOwnership, untrustedError, withTrusted } from '../../../src/config/trust.js';
import { SETTINGS_SECTIONS } from '../../../src/providers/registry.js';
import { emptyDir } from '../../helpers/cli.js';

const NOW = new Date('2026-01-02T03:04:05Z');

describe('the trust store', () => {
  it('trusts exactly one content of one path', () => {
    const store = withTrusted(parseStore(undefined), '/r/.hookctlrc.yaml', 'a: 1\n', NOW);
    expect(trustState(store, '/r/.hookctlrc.yaml', 'a: 1\n')).toBe('trusted');
    expect(trustState(store, '/r/.hookctlrc.yaml', 'a: 2\n')).toBe('changed');
    expect(trustState(store, '/other/.hookctlrc.yaml', 'a: 1\n')).toBe('unknown');
  });

  it('round-trips through its text, with the time it was trusted', () => {
    const store = withTrusted(parseStore(undefined), '/r/x.yaml', 'x', NOW);
    expect(parseStore(serializeStore(store))).toEqual({ version: 1, files: { '/r/x.yaml': { sha256: sha256('x'), trustedAt: '2026-01-02T03:04:05.000Z' } } });
  });

  it('keeps the other entries when one is added', () => {
    const one = withTrusted(parseStore(undefined), '/a', 'a', NOW);
    const two = withTrusted(one, '/b', 'b', NOW);
    expect(Object.keys(two.files)).toEqual(['/a', '/b']);
    expect(Object.keys(one.files)).toEqual(['/a']);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['not JSON', '{'],
    ['a list', '[]'],
    ['files is a list', '{"files":[]}'],
    ['a hash that is not sha256 hex', '{"files":{"/a":{"sha256":"*"}}}'],
    ['null entry', '{"files":{"/a":null}}'],
  ])('%s: nothing is trusted (never everything)', (_label, text) => {
    expect(parseStore(text).files).toEqual({});
  });
});

describe('steeringKeyPath: what an untrusted project config may not set', () => {
  it.each([
    ['top-level settings only', { output: 'json', timeout: 5, retries: 0, defaultProfile: 'p', profiles: { p: {} } }, 'p', undefined],
    ['no profile selected', { profiles: { p: { codeup: { token: 'x' } } } }, undefined, undefined],
    ['an endpoint', { profiles: { p: { codearts: { endpoint: 'https://x' } } } }, 'p', 'profiles.p.codearts.endpoint'],
    ['the IAM endpoint', { profiles: { p: { huaweicloud: { iamEndpoint: 'https://x' } } } }, 'p', 'profiles.p.huaweicloud.iamEndpoint'],
    ['the region', { profiles: { p: { huaweicloud: { region: 'cn-north-4' } } } }, 'p', 'profiles.p.huaweicloud.region'],
    ['the Codeup mode', { profiles: { p: { codeup: { mode: 'oapi' } } } }, 'p', 'profiles.p.codeup.mode'],
    [
      'an IAM password, nested',
      { profiles: { p: { huaweicloud: { iam: { user: 'u', password: 'x', domain: 'd' } } } } },
      'p',
      'profiles.p.huaweicloud.iam.user',
    ],
    ['a project id', { profiles: { p: { codearts: { projectId: 'x' } } } }, 'p', 'profiles.p.codearts.projectId'],
    ['a repository authorization', { profiles: { p: { servicestage: { repoAuth: 'x' } } } }, 'p', 'profiles.p.servicestage.repoAuth'],
    ['null values do not count', { profiles: { p: { codeup: null, codearts: { endpoint: null } } } }, 'p', undefined],
    ['a profile that is not a mapping', { profiles: { p: 'evil' } }, 'p', 'profiles.p'],
    ['only the selected profile counts', { profiles: { p: {}, q: { codeup: { token: 'x' } } } }, 'p', undefined],
    ['a missing profile is left to validation', { profiles: {} }, 'p', undefined],
  ])('%s', (_label, raw, profile, expected) => {
    expect(steeringKeyPath(raw, profile)).toBe(expected);
  });

  it('the error is one line: file, key path, the way out; a path with spaces is quoted', () => {
    const error = untrustedError('/r/my repo/.hookctlrc.yaml', 'profiles.p.codeup.token', 'changed');
    expect(error.exitCode).toBe(2);
    expect(error.message).not.toContain('\n');
    expect(error.message).toBe(
      "/r/my repo/.hookctlrc.yaml: profiles.p.codeup.token is not used: the file has changed since it was trusted, and only a trusted file may set endpoints, region or credentials; review it, then run hookctl config trust '/r/my repo/.hookctlrc.yaml' (or name it with --config)",
    );
  });
});

describe('unsafeOwnership', () => {
  it.each([
    [{ owner: 1000, uid: 1000, mode: 0o644 }, undefined],
    [{ owner: 0, uid: 1000, mode: 0o644 }, undefined],
    [{ owner: 1001, uid: 1000, mode: 0o600 }, 'owned by another user (uid 1001)'],
    [{ owner: 1000, uid: 1000, mode: 0o664 }, 'writable by group (mode 664)'],
    [{ owner: 1000, uid: 1000, mode: 0o646 }, 'writable by others (mode 646)'],
    [{ owner: 1000, uid: 1000, mode: 0o777 }, 'writable by group and others (mode 777)'],
    [{ owner: undefined, uid: undefined, mode: undefined }, undefined],
  ])('%o → %s', (info, expected) => {
    expect(unsafeOwnership(info)).toBe(expected);
  });
});

describe('searchDirs', () => {
  const existsIn = (paths: string[]) => async (path: string) => paths.includes(path);
  it.each([
    ['stops at the repository root', '/h/src/repo/a', '/h', ['/h/src/repo/.git'], ['/h/src/repo/a', '/h/src/repo'], false],
    ['stops at home when no repository comes first', '/h/a/b', '/h', [], ['/h/a/b', '/h/a', '/h'], false],
    ['home that is a repository', '/h/a', '/h', ['/h/.git'], ['/h/a', '/h'], true],
    ['outside home with a repository above', '/builds/r/x', '/h', ['/builds/r/.git'], ['/builds/r/x', '/builds/r'], false],
    ['outside home with no repository: only cwd, never /', '/tmp/x/y', '/h', [], ['/tmp/x/y'], false],
  ])('%s', async (_label, cwd, home, gits, dirs, homeIsRepo) => {
    expect(await searchDirs(cwd, home, existsIn(gits))).toEqual({ dirs, homeIsRepo });
  });
});

describe('loadConfig with injected owner and uid', () => {
  function world(): { home: string; repo: string } {
    const home = emptyDir();
    const repo = join(home, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    return { home, repo };
  }

  it('a file owned by another user is skipped with one warning; root-owned is fine', async () => {
    const { home, repo } = world();
    writeFileSync(join(repo, '.hookctlrc.yaml'), 'output: json\n', { mode: 0o644 });
    const warn = vi.fn();
    const base = { cwd: repo, homeDir: home, env: {}, statMode: async () => 0o644, uid: 1000, warn };
    expect((await loadConfig({ ...base, fileOwner: async () => 1001, sections: SETTINGS_SECTIONS })).file).toBeUndefined();
    expect(warn.mock.calls).toEqual([
      [
        `${join(repo, '.hookctlrc.yaml')}: ignored: owned by another user (uid 1001); hookctl reads a config file only when you (or root) own it and nobody else can write it`,
      ],
    ]);
    expect((await loadConfig({ ...base, fileOwner: async () => 0, sections: SETTINGS_SECTIONS })).config.output).toBe('json');
  });

  it('origins: project in the repository, user in the home directory and the user config directory', async () => {
    const { home, repo } = world();
    writeFileSync(join(repo, '.hookctlrc.yaml'), 'output: json\n');
    expect((await loadConfig({ cwd: repo, homeDir: home, env: {}, sections: SETTINGS_SECTIONS })).origin).toBe('project');
    const loose = join(home, 'loose');
    mkdirSync(loose);
    writeFileSync(join(home, '.hookctlrc.yaml'), 'output: json\n');
    expect((await loadConfig({ cwd: loose, homeDir: home, env: {}, sections: SETTINGS_SECTIONS })).origin).toBe('user');
    expect((await loadConfig({ cwd: loose, homeDir: home, env: {}, configFile: join(repo, '.hookctlrc.yaml'), sections: SETTINGS_SECTIONS })).origin).toBe(
      'explicit',
    );
  });

  it('a home directory that is a repository makes its files project configs', async () => {
    const home = emptyDir();
    mkdirSync(join(home, '.git'));
    writeFileSync(join(home, '.hookctlrc.yaml'), 'profiles:\n  default:\n    codeup: { token: x }\n');
    await expect(loadConfig({ cwd: home, homeDir: home, env: {}, sections: SETTINGS_SECTIONS })).rejects.toThrow(
      /profiles\.default\.codeup\.token is not used: the file is a project config that is not trusted/,
    );
  });

  it('an untrusted project config keeps only output, timeout, retries, defaultProfile (one warning); trusted, all of it', async () => {
    const { home, repo } = world();
    const text = 'output: json\ntimeout: 5000\nretries: 1\nrules:\n  insecure-url: off\nmaxResponseMiB: 1024\nrateBudget:\n  codeup: { ratePerSecond: 0 }\n';
    const file = join(repo, '.hookctlrc.yaml');
    writeFileSync(file, text);
    const warn = vi.fn();
    const base = { cwd: repo, homeDir: home, env: { XDG_CONFIG_HOME: join(home, '.config') }, warn, sections: SETTINGS_SECTIONS };
    const untrusted = await loadConfig(base);
    expect(untrusted.config).toEqual({ output: 'json', timeout: 5000, retries: 1 });
    expect(warn.mock.calls.map((call) => call[0])).toEqual([
      `${file}: rules, maxResponseMiB, rateBudget ignored: the file is a project config that is not trusted, and only a trusted file may set more than output, timeout, retries, defaultProfile; review it, then run hookctl config trust ${file}`,
    ]);
    mkdirSync(join(home, '.config', 'hookctl'), { recursive: true });
    writeFileSync(join(home, '.config', 'hookctl', 'trusted.json'), serializeStore(withTrusted(parseStore(undefined), file, text, NOW)), { mode: 0o600 });
    warn.mockClear();
    const trusted = await loadConfig(base);
    expect(trusted.config).toMatchObject({ rules: { 'insecure-url': 'off' }, maxResponseMiB: 1024, rateBudget: { codeup: { ratePerSecond: 0 } } });
    expect(warn).not.toHaveBeenCalled();
  });
});
