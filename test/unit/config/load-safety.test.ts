/**
 * Config file safety: a file that holds a literal secret and can be read by other users gets one
 * warning line naming the file and the fix; a file's secret never shows in an error about it.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { describeJsonError, type LoadOptions, literalSecretPath, loadConfig } from '../../../src/config/load.js';
import { SETTINGS_SECTIONS } from '../../../src/providers/registry.js';
import { emptyDir, runMain } from '../../helpers/cli.js';

const SECRET = 'S3cr3t-literal-value-9f2c';

describe('literalSecretPath: which values count as a secret written into the file', () => {
  const profile = (section: Record<string, unknown>) => ({ profiles: { prod: section } });
  it.each([
    ['Codeup AccessKey secret', profile({ codeup: { accessKeySecret: SECRET } }), 'profiles.prod.codeup.accessKeySecret'],
    ['Codeup STS token', profile({ codeup: { securityToken: SECRET } }), 'profiles.prod.codeup.securityToken'],
    ['Codeup personal token', profile({ codeup: { token: SECRET } }), 'profiles.prod.codeup.token'],
    ['Huawei IAM token', profile({ huaweicloud: { token: SECRET } }), 'profiles.prod.huaweicloud.token'],
    ['Huawei SK', profile({ huaweicloud: { secretKey: SECRET } }), 'profiles.prod.huaweicloud.secretKey'],
    ['Huawei security token', profile({ huaweicloud: { securityToken: SECRET } }), 'profiles.prod.huaweicloud.securityToken'],
    ['IAM password', profile({ huaweicloud: { iam: { user: 'u', password: SECRET, domain: 'd' } } }), 'profiles.prod.huaweicloud.iam.password'],
    ['text around a reference is literal', profile({ codeup: { token: 'pt-${env:TAIL}' } }), 'profiles.prod.codeup.token'],
    ['a profile other than the one in use counts', { profiles: { a: {}, b: { codeup: { token: SECRET } } } }, 'profiles.b.codeup.token'],
    ['a reference is not a secret', profile({ codeup: { accessKeySecret: '${env:SK}', token: ' ${env:A}${env:B} ' } }), undefined],
    [
      'ids, endpoints and names are not secrets',
      profile({ codeup: { accessKeyId: 'LTAI' }, huaweicloud: { accessKey: 'AK' }, servicestage: { repoAuth: 'auth' } }),
      undefined,
    ],
    ['an empty value is not a secret', profile({ codeup: { token: '' } }), undefined],
    ['no profiles', { output: 'json' }, undefined],
    ['garbage: a list', [1, 2], undefined],
    ['garbage: profiles is a string', { profiles: 'x' }, undefined],
    ['garbage: a section is a list', profile({ codeup: [SECRET] }), undefined],
    ['garbage: a number where the secret goes', profile({ codeup: { token: 12345 } }), undefined],
    ['garbage: null', null, undefined],
  ])('%s', (_label, raw, expected) => {
    expect(literalSecretPath(raw, SETTINGS_SECTIONS)).toBe(expected);
  });
});

/** A config file in a fresh directory; mode applied with chmod (the umask does not interfere). */
function configFile(text: string, mode: number, name = '.hookctlrc.yaml'): { dir: string; file: string } {
  const dir = emptyDir();
  const file = join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return { dir, file };
}

const LITERAL = `profiles:\n  prod:\n    codeup:\n      accessKeyId: LTAIexample\n      accessKeySecret: ${SECRET}\n`;
const REFERENCED = 'profiles:\n  prod:\n    codeup:\n      accessKeyId: LTAIexample\n      accessKeySecret: ${env:ALI_SK}\n';

async function loadWith(dir: string, statMode: LoadOptions['statMode'], extra: Partial<LoadOptions> = {}) {
  const warn = vi.fn<(line: string) => void>();
  await loadConfig({ cwd: dir, homeDir: dir, env: { ALI_SK: 'x' }, statMode, warn, ...extra, sections: SETTINGS_SECTIONS });
  return warn.mock.calls.map(([line]) => line);
}

describe('the permission warning (statMode and warn injected)', () => {
  it.each([
    [0o644, true],
    [0o640, true],
    [0o604, true],
    [0o600, false],
    [0o400, false],
    // 0o620 (writable by group) is not read at all: see the ownership rules in hostile-config and trust.test.ts
  ])('mode %s → warns: %s', async (mode, warns) => {
    const { dir, file } = configFile(LITERAL, 0o600);
    const lines = await loadWith(dir, async () => mode);
    if (!warns) return expect(lines).toEqual([]);
    expect(lines).toEqual([
      `${file} holds a literal secret (profiles.prod.codeup.accessKeySecret) and is readable by other users (mode ${mode.toString(8)}): run chmod 600 ${file}, or use \${env:NAME}`,
    ]);
  });

  it('stat is asked about the file that was loaded, once', async () => {
    const { dir, file } = configFile(LITERAL, 0o600);
    const statMode = vi.fn(async () => 0o644);
    await loadWith(dir, statMode);
    // once for the ownership rule (trust.ts), once for the exposure warning; never another file
    expect(statMode.mock.calls).toEqual([[file], [file]]);
  });

  it('no warning when every credential is a ${env:…} reference, whatever the mode', async () => {
    const { dir } = configFile(REFERENCED, 0o644);
    expect(await loadWith(dir, async () => 0o644)).toEqual([]);
  });

  it('no warning where modes mean nothing (Windows: statMode gives undefined), or when stat fails', async () => {
    const { dir } = configFile(LITERAL, 0o644);
    expect(await loadWith(dir, async () => undefined)).toEqual([]);
    expect(await loadWith(dir, async () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })))).toEqual([]);
  });

  it('no warning for a script config (its secrets may come from its environment at run time)', async () => {
    const { dir } = configFile(
      `export default { profiles: { prod: { codeup: { token: process.env.T ?? 'literal-in-code' } } } };`,
      0o644,
      'hookctl.config.mjs',
    );
    expect(await loadWith(dir, async () => 0o644)).toEqual([]);
  });

  it('package.json#hookctl and JSON files are checked too', async () => {
    const pkg = configFile(JSON.stringify({ name: 'x', hookctl: { profiles: { ci: { huaweicloud: { secretKey: SECRET } } } } }), 0o644, 'package.json');
    expect(await loadWith(pkg.dir, async () => 0o644)).toEqual([expect.stringContaining(`run chmod 600 ${pkg.file}`)]);
    const json = configFile(
      JSON.stringify({ profiles: { ci: { huaweicloud: { iam: { user: 'u', password: SECRET, domain: 'd' } } } } }),
      0o644,
      '.hookctlrc.json',
    );
    expect(await loadWith(json.dir, async () => 0o644)).toEqual([expect.stringContaining('(profiles.ci.huaweicloud.iam.password)')]);
  });

  it('a path with spaces is quoted for the shell', async () => {
    const dir = emptyDir();
    const file = join(dir, "my 'conf'.yaml");
    writeFileSync(file, LITERAL);
    const lines = await loadWith(dir, async () => 0o644, { configFile: file });
    expect(lines[0]).toContain(`run chmod 600 '${dir}/my '\\''conf'\\''.yaml', or use`);
  });

  it('warns even when the file is otherwise invalid (the secret is exposed all the same)', async () => {
    const { dir } = configFile(`${LITERAL}bogusKey: 1\n`, 0o644);
    const warn = vi.fn();
    await expect(loadConfig({ cwd: dir, homeDir: dir, env: {}, statMode: async () => 0o644, warn, sections: SETTINGS_SECTIONS })).rejects.toThrow(
      /Unrecognized key/,
    );
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('as a user sees it (real file modes, in process)', () => {
  it('a world-readable file with a literal secret: one warning line on stderr, the run goes on', async () => {
    const { dir, file } = configFile(LITERAL, 0o644);
    const out = await runMain(['config', 'show', '--profile', 'prod', '--json'], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(
      `warning: ${file} holds a literal secret (profiles.prod.codeup.accessKeySecret) and is readable by other users (mode 644): run chmod 600 ${file}, or use \${env:NAME}\n`,
    );
    expect(JSON.parse(out.stdout).codeup.accessKeySecret).toEqual({ value: '******', source: 'profile prod' });
    expect(out.stdout + out.stderr).not.toContain(SECRET);
  });

  it('after chmod 600 the warning is gone', async () => {
    const { dir } = configFile(LITERAL, 0o600);
    const out = await runMain(['config', 'show', '--profile', 'prod'], { cwd: dir });
    expect(out).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('a broken file never echoes its contents', () => {
  it.each([
    ['JSON, unquoted secret', '.hookctlrc.json', `{"profiles": {"p": {"codeup": {"token": ${SECRET}}}}}`],
    ['JSON, secret before the mistake', '.hookctlrc.json', `{"profiles": {"p": {"codeup": {"token": "${SECRET}" oops}}}}`],
    ['JSON, control character in the secret', '.hookctlrc.json', `{"profiles": {"p": {"codeup": {"token": "${SECRET}\u0001"}}}}`],
    ['package.json', 'package.json', `{"hookctl": {"profiles": {"p": {"codeup": {"token": ${SECRET}}}}}}`],
    ['YAML, secret on the broken line', '.hookctlrc.yaml', `profiles:\n  p:\n    codeup: {token: ${SECRET}: x: y}\n`],
    ['YAML, bad indentation after the secret', '.hookctlrc.yaml', `profiles:\n  p:\n    codeup:\n      token: ${SECRET}\n     oops: 1\n`],
  ])('%s', async (_label, name, text) => {
    const { dir } = configFile(text, 0o600, name);
    // A package.json found by the search that does not parse is skipped (a warning); named with --config it is an error.
    const args = name === 'package.json' ? ['config', 'show', '--config', name] : ['config', 'show'];
    const out = await runMain(args, { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(out.stderr).not.toContain(SECRET.slice(0, 8));
    const debug = await runMain([...args, '--debug'], { cwd: dir });
    expect(debug.stderr).not.toContain(SECRET.slice(0, 8));
  });

  it.each([
    ['{"a": 1 "b"}', `Expected ',' or '}' after property value at line 1, column 9`],
    ['{\n  "a": 1,\n  "b": x\n}', `Unexpected token 'x'`],
    ['', 'Unexpected end of JSON input'],
  ])('describeJsonError(%j) → %s', (text, expected) => {
    let error: unknown;
    try {
      JSON.parse(text);
    } catch (e) {
      error = e;
    }
    expect(describeJsonError(error, text)).toBe(expected);
  });
});
