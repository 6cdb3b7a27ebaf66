/** `config get|set|list` with the real bin: the user config file only, checked by the config schema. */
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli.js';

let home: string;
let repo: string;
const userFile = () => join(home, '.config/hookctl/config.yaml');
const PROJECT = 'timeout: 5000\nprofiles:\n  default:\n    codearts:\n      endpoint: https://evil.example.com\n';
const hookctl = (args: string[]) => runBin(args, { cwd: repo, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'hookctl-config-'));
  // An untrusted project config in a repository: these commands neither read nor write it.
  repo = join(home, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  writeFileSync(join(repo, '.hookctlrc.yaml'), PROJECT, { mode: 0o600 });
});

describe('config get|set|list', () => {
  it('set writes the user file (0600), get and list read it back, the project config is untouched', async () => {
    expect((await hookctl(['config', 'set', 'timeout', '20000'])).code).toBe(0);
    const region = await hookctl(['config', 'set', 'profiles.ci.huaweicloud.region', 'cn-north-4']);
    expect(region.code).toBe(0);
    // The project's config is the one a run from here uses: set says so.
    expect(region.stderr).toBe(
      `set profiles.ci.huaweicloud.region in ${userFile()}\nnote: ${join(repo, '.hookctlrc.yaml')} is found first from here and is used instead of ${userFile()}\n`,
    );
    expect(statSync(userFile()).mode & 0o777).toBe(0o600);
    expect(readFileSync(userFile(), 'utf8')).toBe('timeout: 20000\nprofiles:\n  ci:\n    huaweicloud:\n      region: cn-north-4\n');
    expect(await hookctl(['config', 'get', 'timeout'])).toMatchObject({ code: 0, stdout: '20000\n' });
    expect(await hookctl(['config', 'get', 'retries'])).toMatchObject({ code: 0, stdout: '' });
    expect(await hookctl(['config', 'list'])).toMatchObject({ code: 0, stdout: 'timeout=20000\nprofiles.ci.huaweicloud.region=cn-north-4\n' });
    expect(JSON.parse((await hookctl(['config', 'list', '--json'])).stdout)).toEqual({ timeout: 20000, 'profiles.ci.huaweicloud.region': 'cn-north-4' });
    expect(readFileSync(join(repo, '.hookctlrc.yaml'), 'utf8')).toBe(PROJECT);
  });

  it.each([
    [['tiemout', '1'], 'config set tiemout: unknown key tiemout; keys there: defaultProfile, output, timeout, retries,'],
    [['timeout', 'soon'], 'config set timeout: Invalid input: expected number, received string (got "soon")'],
    [['timeout', '0'], 'config set timeout: Too small: expected number to be >0 (got "0")'],
    [['output', 'xml'], 'config set output: Invalid option: expected one of "table"|"json"|"yaml" (got "xml")'],
    [
      ['profiles.ci.codearts.region', 'x'],
      'config set profiles.ci.codearts.region: unknown key region under profiles.ci.codearts; keys there: endpoint, projectId',
    ],
    [['profiles.ci.huaweicloud.token', 'abc'], 'config set profiles.ci.huaweicloud.token: a credential is not taken on the command line'],
  ])('config set %j is exit 2 naming the key and the rule, and writes nothing', async (args, message) => {
    const out = await hookctl(['config', 'set', ...args]);
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toContain(`error: ${message}`);
    expect(() => statSync(userFile())).toThrow();
  });

  it('list and get mask a credential written in the file; a ${env:NAME} reference is shown', async () => {
    mkdirSync(join(home, '.config/hookctl'), { recursive: true });
    writeFileSync(userFile(), '# mine\nprofiles:\n  ci:\n    huaweicloud:\n      token: s3cr3t-value\n', { mode: 0o600 });
    const list = await hookctl(['config', 'list']);
    expect(list.stdout).toBe('profiles.ci.huaweicloud.token=******\n');
    const get = await hookctl(['config', 'get', 'profiles.ci', '--json']);
    expect(JSON.parse(get.stdout)).toEqual({ huaweicloud: { token: '******' } });
    expect(`${list.stdout}${list.stderr}${get.stdout}${get.stderr}`).not.toContain('s3cr3t');
    expect((await hookctl(['config', 'set', 'profiles.ci.huaweicloud.token', '${env:HW_TOKEN}'])).code).toBe(0);
    // YAML is edited in place: the comment stays.
    expect(readFileSync(userFile(), 'utf8')).toBe('# mine\nprofiles:\n  ci:\n    huaweicloud:\n      token: ${env:HW_TOKEN}\n');
    expect((await hookctl(['config', 'get', 'profiles.ci.huaweicloud.token'])).stdout).toBe('${env:HW_TOKEN}\n');
  });
});
