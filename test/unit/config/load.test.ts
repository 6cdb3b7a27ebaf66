/**
 * Config loading as a table: which file is found (every format, the walk up to the home directory,
 * the user config directory), `${env:…}`, profile selection, and the errors a user sees (exit 2,
 * one line naming the file and the key).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadOptions, loadConfig, userConfigDir } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';
import { SETTINGS_SECTIONS } from '../../../src/providers/registry.js';
import { emptyDir, runMain } from '../../helpers/cli.js';

const PROFILE_YAML = 'profiles:\n  default:\n    codeup:\n      accessKeyId: from-yaml\n';

/** A fresh home directory with the given files (paths relative to it), written owner-only. */
function home(files: Record<string, string>): string {
  const dir = emptyDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text, { mode: 0o600 });
  }
  return dir;
}

const load = (dir: string, extra: Partial<LoadOptions> = {}) => loadConfig({ cwd: dir, homeDir: dir, env: {}, ...extra, sections: SETTINGS_SECTIONS });

describe('which file is found', () => {
  it.each([
    ['.hookctlrc (YAML, no extension)', '.hookctlrc', PROFILE_YAML],
    ['.hookctlrc.yaml', '.hookctlrc.yaml', PROFILE_YAML],
    ['.hookctlrc.yml', '.hookctlrc.yml', PROFILE_YAML],
    ['.hookctlrc.json', '.hookctlrc.json', JSON.stringify({ profiles: { default: { codeup: { accessKeyId: 'from-yaml' } } } })],
    ['package.json#hookctl', 'package.json', JSON.stringify({ name: 'x', hookctl: { profiles: { default: { codeup: { accessKeyId: 'from-yaml' } } } } })],
    ['hookctl.config.mjs', 'hookctl.config.mjs', "export default { profiles: { default: { codeup: { accessKeyId: 'from-yaml' } } } };"],
  ])('%s', async (_label, name, text) => {
    const dir = home({ [name]: text });
    const loaded = await load(dir);
    expect(loaded.file).toBe(join(dir, name));
    expect(loaded.profileName).toBe('default');
    expect(loaded.profile.codeup?.accessKeyId).toBe('from-yaml');
  });

  it('walks up from a subdirectory to the home directory', async () => {
    const dir = home({ '.hookctlrc.yaml': PROFILE_YAML });
    const sub = join(dir, 'a', 'b');
    mkdirSync(sub, { recursive: true });
    expect((await loadConfig({ cwd: sub, homeDir: dir, env: {}, sections: SETTINGS_SECTIONS })).file).toBe(join(dir, '.hookctlrc.yaml'));
  });

  it('stops at the home directory: a file above it is not used', async () => {
    const outer = home({ '.hookctlrc.yaml': PROFILE_YAML });
    const inner = join(outer, 'home');
    mkdirSync(inner);
    expect((await loadConfig({ cwd: inner, homeDir: inner, env: {}, sections: SETTINGS_SECTIONS })).file).toBeUndefined();
  });

  it('then the user config directory: XDG_CONFIG_HOME/hookctl, else ~/.config/hookctl', async () => {
    const dir = home({ '.config/hookctl/config.yaml': PROFILE_YAML, 'xdg/hookctl/config.json': '{"output":"json"}' });
    expect((await load(dir)).file).toBe(join(dir, '.config/hookctl/config.yaml'));
    const xdg = await load(dir, { env: { XDG_CONFIG_HOME: join(dir, 'xdg') } });
    expect(xdg.file).toBe(join(dir, 'xdg/hookctl/config.json'));
    expect(xdg.config.output).toBe('json');
  });

  it.each([
    ['linux', {}, '/h/.config/hookctl'],
    ['linux', { XDG_CONFIG_HOME: '/x' }, '/x/hookctl'],
    ['darwin', {}, '/h/Library/Preferences/hookctl'],
    ['win32', { APPDATA: '/appdata' }, '/appdata/hookctl/Config'],
  ])('user config directory on %s with %o', (platform, env, expected) => {
    expect(userConfigDir(env, '/h', platform)).toBe(expected);
  });

  it('the nearest file wins over one further up', async () => {
    const dir = home({ '.hookctlrc.yaml': 'output: yaml\n', 'proj/.hookctlrc.json': '{"output":"json"}' });
    expect((await loadConfig({ cwd: join(dir, 'proj'), homeDir: dir, env: {}, sections: SETTINGS_SECTIONS })).config.output).toBe('json');
  });

  it('no file anywhere: defaults, no profile', async () => {
    expect(await load(emptyDir())).toEqual({ file: undefined, config: {}, profileName: undefined, profile: {} });
  });

  it('--config is relative to the working directory, and beats the search', async () => {
    const dir = home({ '.hookctlrc.yaml': 'output: yaml\n', 'conf/other.yaml': 'output: json\n' });
    const loaded = await load(dir, { configFile: 'conf/other.yaml' });
    expect(loaded).toMatchObject({ file: join(dir, 'conf/other.yaml'), config: { output: 'json' } });
  });

  it('an empty file is an empty config', async () => {
    const dir = home({ 'empty.yaml': '' });
    expect((await load(dir, { configFile: 'empty.yaml' })).config).toEqual({});
  });
});

const PROFILES = `
defaultProfile: prod
profiles:
  prod:
    codeup: { accessKeyId: prod-id, accessKeySecret: "\${env:PROD_SK}" }
  staging:
    codeup: { accessKeyId: "\${env:STAGING_ID}-suffix" }
  default:
    huaweicloud: { region: cn-south-1 }
`;

describe('profiles and ${env:…}', () => {
  const dir = home({ '.hookctlrc.yaml': PROFILES });
  const pick = async (profile: string | undefined, env: Record<string, string> = {}, text?: string) => {
    const where = text ? home({ '.hookctlrc.yaml': text }) : dir;
    const loaded = await load(where, { profile, env });
    return { name: loaded.profileName, profile: loaded.profile };
  };

  it.each([
    ['--profile beats everything', 'staging', { HOOKCTL_PROFILE: 'default', STAGING_ID: 'S' }, undefined, 'staging'],
    ['HOOKCTL_PROFILE beats defaultProfile', undefined, { HOOKCTL_PROFILE: 'default' }, undefined, 'default'],
    ['defaultProfile beats "default"', undefined, { PROD_SK: 'x' }, undefined, 'prod'],
    ['"default" when nothing names one', undefined, {}, 'profiles:\n  default: {}\n  other: {}\n', 'default'],
    ['no profile at all', undefined, {}, 'profiles:\n  other: {}\n', undefined],
  ])('%s', async (_label, profile, env, text, expected) => {
    expect((await pick(profile, env, text)).name).toBe(expected);
  });

  it('interpolates whole values and parts of values', async () => {
    expect((await pick('prod', { PROD_SK: 'sk-value' })).profile.codeup?.accessKeySecret).toBe('sk-value');
    expect((await pick('staging', { STAGING_ID: 'abc' })).profile.codeup?.accessKeyId).toBe('abc-suffix');
  });

  it('an unset variable is an error naming the file, the key path and the variable', async () => {
    const error = await pick('prod').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(`${join(dir, '.hookctlrc.yaml')}: profiles.prod.codeup.accessKeySecret: environment variable PROD_SK is not set`);
  });

  it('an unset variable in a profile not in use is not an error', async () => {
    expect((await pick('default')).profile).toEqual({ huaweicloud: { region: 'cn-south-1' } });
  });

  it('an unknown profile lists the ones there are', async () => {
    const error = (await pick('nope').catch((e: unknown) => e)) as ConfigError;
    expect(error.message).toBe(`${join(dir, '.hookctlrc.yaml')}: profile "nope" not found`);
    expect(error.hint).toBe('profiles in this file: prod, staging, default');
  });

  it('asking for a profile in a file without profiles says so', async () => {
    const error = (await pick('prod', {}, 'output: json\n').catch((e: unknown) => e)) as ConfigError;
    expect(error.hint).toBe('this file defines no profiles');
  });
});

describe('errors a user sees: exit 2, one line naming the file', () => {
  it.each([
    ['broken YAML', '.hookctlrc.yaml', 'profiles:\n  prod:\n    codeup: [unclosed\n', /\.hookctlrc\.yaml: not valid YAML: /],
    ['broken JSON', '.hookctlrc.json', '{"profiles": {', /\.hookctlrc\.json: not valid JSON: Expected property name or '}' at line 1, column 15$/],
    ['a list instead of a mapping', '.hookctlrc.yaml', '- a\n- b\n', /\.hookctlrc\.yaml: must be a mapping of settings/],
    ['an unknown key', '.hookctlrc.yaml', 'outptu: json\n', /\.hookctlrc\.yaml: \(root\): Unrecognized key: "outptu"/],
    [
      'a bad value names its key path',
      '.hookctlrc.yaml',
      'profiles:\n  default:\n    codearts: { endpoint: ftp://x }\n',
      /\.hookctlrc\.yaml: profiles\.default\.codearts\.endpoint: must be an http\(s\) URL/,
    ],
    ['a wrong type', '.hookctlrc.yaml', 'timeout: soon\n', /\.hookctlrc\.yaml: timeout: /],
  ])('%s', async (_label, name, text, message) => {
    const dir = home({ [name]: text });
    const out = await runMain(['config', 'show'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    const [first, ...rest] = out.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^error: /);
    expect(first).toContain(dir);
    expect(first).toMatch(message);
    expect(rest.every((line) => line.startsWith('hint: '))).toBe(true);
  });

  it('--config naming a missing file', async () => {
    const out = await runMain(['config', 'show', '--config', 'nope.yaml']);
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(out.stderr).toMatch(/^error: nope\.yaml: file not found\n$/);
  });

  it('--config naming a directory', async () => {
    const dir = home({ 'sub/x': '' });
    const out = await runMain(['config', 'show', '--config', 'sub'], { cwd: dir });
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(out.stderr).toMatch(/^error: .*sub: is a directory, not a config file\n$/);
  });

  it('-o json: the error is one JSON object', async () => {
    const dir = home({ '.hookctlrc.yaml': 'timeout: soon\n' });
    const out = await runMain(['config', 'show', '--json'], { cwd: dir });
    expect(out.code).toBe(2);
    expect(JSON.parse(out.stderr)).toMatchObject({ error: { code: 'config' } });
  });
});
