/**
 * `hookctl auth login` / `logout` / `status` in process, against the in-process emulator: which
 * store a login goes to (an injected keychain, or the 0600 file), that a fallback is said, that
 * --insecure-storage skips the keychain, what logout removes, what status names, when the paste is
 * asked for, and that a run with credentials in the environment opens no login store at all.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Keychain } from '../../../src/config/login-store.js';
import { EMULATOR_CREDENTIALS as C, emulatorEnv } from '../../../src/emulator/credentials.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import type { Transport } from '../../../src/http/types.js';
import { type Deps, KeychainUnavailableError, readTextFile } from '../../../src/runtime/deps.js';
import { emptyDir, runMain } from '../../helpers/cli.js';

const ENDPOINT = { HOOKCTL_ENDPOINT: 'https://emulator.test' };

function emulatorTransport() {
  const emulator = createEmulator();
  const transport = vi.fn<Transport>(async (req) => {
    const res = await emulator.handle(new Request(req.url, { method: req.method, headers: req.headers, body: req.body }));
    return { status: res.status, headers: Object.fromEntries(res.headers), body: new Uint8Array(await res.arrayBuffer()) };
  });
  return { emulator, transport };
}

/** A keychain in memory; `opened` counts how often the binding would have been loaded. */
function memoryKeychain(overrides: Partial<Keychain> = {}) {
  const entries = new Map<string, string>();
  const keychain: Keychain = {
    get: async (account) => entries.get(account),
    set: async (account, secret) => {
      entries.set(account, secret);
    },
    delete: async (account) => entries.delete(account),
    ...overrides,
  };
  const open = vi.fn(async () => keychain);
  return { entries, open };
}

const noKeychain = () => vi.fn(async (): Promise<Keychain> => Promise.reject(new KeychainUnavailableError('no Secret Service on the session bus')));

const indexOf = (cwd: string) => JSON.parse(readFileSync(join(cwd, '.config/hookctl/logins.json'), 'utf8'));

const codeartsCredentials = async (cwd: string, deps: Partial<Deps>, env: Record<string, string> = ENDPOINT) => {
  const status = await runMain(['auth', 'status', '--json'], { cwd, env, deps });
  return JSON.parse(status.stdout).providers.find((p: { provider: string }) => p.provider === 'codearts').credentials;
};

describe('auth login: where the credential is stored', () => {
  it('a working keychain: the values go there, the index only says so; status names the keychain', async () => {
    const cwd = emptyDir();
    const { entries, open } = memoryKeychain();
    const { transport } = emulatorTransport();
    const out = await runMain(['auth', 'login', 'codearts', '--with-token'], {
      cwd,
      env: ENDPOINT,
      stdin: `${C.huawei.iamToken}\n`,
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(/^logged in to codearts: IAM at emulator\.test accepted it \(the projects of region cn-north-4\); stored in the OS keychain\n$/);
    expect(JSON.parse(entries.get('huawei') ?? '')).toEqual({ HUAWEICLOUD_TOKEN: C.huawei.iamToken });
    expect(indexOf(cwd).logins).toEqual({ huawei: { storage: 'keychain', savedAt: expect.any(String) } });
    expect(readFileSync(join(cwd, '.config/hookctl/logins.json'), 'utf8')).not.toContain(C.huawei.iamToken);
    expect(await codeartsCredentials(cwd, { transport, keychain: open })).toEqual([{ name: 'token', value: '******', source: 'login (keychain)' }]);
  });

  it('no keychain: the 0600 file, and one line says why', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const keychain = noKeychain();
    const out = await runMain(['auth', 'login', 'codearts', '--with-token'], { cwd, env: ENDPOINT, stdin: C.huawei.iamToken, deps: { transport, keychain } });
    expect(out.code, out.stderr).toBe(0);
    const file = join(cwd, '.config/hookctl/logins.json');
    const lines = out.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      `note: no OS keychain here (no Secret Service on the session bus); stored in ${file} (mode 0600) instead`,
      expect.stringMatching(/^logged in to codearts: .*; stored in .*logins\.json \(mode 0600\)$/),
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(indexOf(cwd).logins.huawei).toEqual({ storage: 'file', savedAt: expect.any(String), values: { HUAWEICLOUD_TOKEN: C.huawei.iamToken } });
    expect(await codeartsCredentials(cwd, { transport, keychain })).toEqual([{ name: 'token', value: '******', source: `login (file ${file})` }]);
  });

  it('a keychain that returns something else than was stored counts as none', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { open } = memoryKeychain({ get: async () => undefined });
    const out = await runMain(['auth', 'login', 'codearts', '--with-token'], {
      cwd,
      env: ENDPOINT,
      stdin: C.huawei.iamToken,
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('no OS keychain here (the keychain did not return what was stored)');
    expect(indexOf(cwd).logins.huawei.storage).toBe('file');
  });

  it('--insecure-storage: the file outright, the keychain never opened, nothing to explain', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { open } = memoryKeychain();
    const out = await runMain(['auth', 'login', 'codearts', '--with-token', '--insecure-storage'], {
      cwd,
      env: ENDPOINT,
      stdin: C.huawei.iamToken,
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(open).not.toHaveBeenCalled();
    expect(out.stderr).not.toContain('note:');
    expect(indexOf(cwd).logins.huawei.storage).toBe('file');
  });

  it('a refused token: exit 4, nothing stored, the token never printed', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { entries, open } = memoryKeychain();
    const out = await runMain(['auth', 'login', 'codearts', '--with-token'], {
      cwd,
      env: ENDPOINT,
      stdin: 'refused-token-5d2f',
      deps: { transport, keychain: open },
    });
    expect(out.code).toBe(4);
    expect(out.stderr).not.toContain('refused-token-5d2f');
    expect(entries.size).toBe(0);
    expect(() => statSync(join(cwd, '.config/hookctl/logins.json'))).toThrow();
  });

  it('--with-token with empty standard input: exit 2', async () => {
    const out = await runMain(['auth', 'login', 'codearts', '--with-token'], { env: ENDPOINT, stdin: '' });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--with-token: standard input is empty');
  });
});

describe('auth login: what each provider stores', () => {
  it('codearts with an AccessKey pair (--access-key, the secret on stdin)', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { entries, open } = memoryKeychain();
    const out = await runMain(['auth', 'login', 'codearts', '--access-key', C.huawei.accessKey, '--with-token'], {
      cwd,
      env: ENDPOINT,
      stdin: C.huawei.secretKey,
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(entries.get('huawei') ?? '')).toEqual({ HUAWEICLOUD_SDK_AK: C.huawei.accessKey, HUAWEICLOUD_SDK_SK: C.huawei.secretKey });
    expect(out.stderr).not.toContain(C.huawei.secretKey);
  });

  it('servicestage: the Huawei Cloud login plus the repository authorization (--repo-auth, required)', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { entries, open } = memoryKeychain();
    const missing = await runMain(['auth', 'login', 'servicestage', '--with-token'], {
      cwd,
      env: ENDPOINT,
      stdin: C.huawei.iamToken,
      deps: { transport, keychain: open },
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--repo-auth is required');
    const out = await runMain(['auth', 'login', 'servicestage', '--with-token', '--repo-auth', C.servicestageRepoAuth], {
      cwd,
      env: ENDPOINT,
      stdin: C.huawei.iamToken,
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(entries.get('huawei') ?? '')).toEqual({ HUAWEICLOUD_TOKEN: C.huawei.iamToken });
    expect(JSON.parse(entries.get('servicestage') ?? '')).toEqual({ SERVICESTAGE_REPO_AUTH: C.servicestageRepoAuth });
    const list = await runMain(['hooks', 'list', 'servicestage:0123456789abcdef0123456789abcdef/demo/web/app', '--json'], {
      cwd,
      env: ENDPOINT,
      deps: { transport, keychain: open },
    });
    expect(list.code, list.stderr).toBe(0);
  });

  it('codeup with an AccessKey pair (v3): both halves stored, hooks list signs with them', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { entries, open } = memoryKeychain();
    const out = await runMain(['auth', 'login', 'codeup', '--access-key', C.alibaba.accessKeyId, '--with-token', '--target', 'codeup:ORG/100'], {
      cwd,
      env: ENDPOINT,
      stdin: C.alibaba.accessKeySecret,
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(entries.get('codeup') ?? '')).toEqual({
      ALIBABA_CLOUD_ACCESS_KEY_ID: C.alibaba.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: C.alibaba.accessKeySecret,
    });
    const status = await runMain(['auth', 'status', '--json'], { cwd, env: ENDPOINT, deps: { transport, keychain: open } });
    const codeup = JSON.parse(status.stdout).providers.find((p: { provider: string }) => p.provider === 'codeup');
    expect(codeup.credentials.map((c: { name: string; source: string }) => [c.name, c.source])).toEqual([
      ['accessKeyId', 'login (keychain)'],
      ['accessKeySecret', 'login (keychain)'],
    ]);
  });

  it('codeup: a personal token, checked by listing the --target’s hooks; without a target, exit 2', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { entries, open } = memoryKeychain();
    const untargeted = await runMain(['auth', 'login', 'codeup', '--with-token'], {
      cwd,
      env: ENDPOINT,
      stdin: C.codeupToken,
      deps: { transport, keychain: open },
    });
    expect(untargeted.code).toBe(2);
    expect(untargeted.stderr).toContain('--target codeup:<organizationId>/<projectId>');
    const out = await runMain(['auth', 'login', 'codeup', '--with-token', '--target', 'codeup:ORG/100'], {
      cwd,
      env: ENDPOINT,
      stdin: C.codeupToken,
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(entries.get('codeup') ?? '')).toEqual({ CODEUP_TOKEN: C.codeupToken });
    const list = await runMain(['hooks', 'list', 'codeup:ORG/100', '--json'], { cwd, env: ENDPOINT, deps: { transport, keychain: open } });
    expect(list.code, list.stderr).toBe(0);
  });
});

describe('auth login: the paste', () => {
  it('on a terminal: the instructions (where, which permissions), then a hidden paste', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { open } = memoryKeychain();
    const out = await runMain(['auth', 'login', 'codeup'], {
      cwd,
      env: ENDPOINT,
      tty: true,
      answers: [C.codeupToken, 'codeup:ORG/100'],
      deps: { transport, keychain: open },
    });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('Personal Access Tokens');
    expect(out.stderr).toContain('Webhook: read and write, and Repository: read');
    expect(out.stderr).toContain('Paste your personal access token');
    expect(out.stderr).not.toContain(C.codeupToken);
  });

  it.each([
    ['not a terminal', {}, []],
    ['CI set', { CI: 'true' }, []],
    ['HOOKCTL_NO_INPUT', { HOOKCTL_NO_INPUT: '1' }, []],
    ['--no-input', {}, ['--no-input']],
  ] as const)('no paste (%s): exit 2, one line naming --with-token', async (name, env, extra) => {
    const out = await runMain(['auth', 'login', 'codearts', ...extra], { env: { ...ENDPOINT, ...env }, tty: name !== 'not a terminal', answers: [] });
    expect(out.code).toBe(2);
    expect(out.stderr.split('\n')[0]).toContain('pipe the credential in with --with-token');
  });
});

describe('auth logout', () => {
  it('removes the keychain entry and the index entry; a second logout says there is none', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { entries, open } = memoryKeychain();
    const deps = { transport, keychain: open };
    await runMain(['auth', 'login', 'codearts', '--with-token'], { cwd, env: ENDPOINT, stdin: C.huawei.iamToken, deps });
    const out = await runMain(['auth', 'logout', 'codearts'], { cwd, env: ENDPOINT, deps });
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toBe('logged out: removed the huawei login (codearts, servicestage) from the OS keychain\n');
    expect(entries.size).toBe(0);
    expect(indexOf(cwd).logins).toEqual({});
    expect(await codeartsCredentials(cwd, deps)).toEqual([]);
    const again = await runMain(['auth', 'logout', 'codearts'], { cwd, env: ENDPOINT, deps });
    expect(again).toMatchObject({ code: 0, stderr: 'no stored login for codearts\n' });
  });

  it('a file login: its values leave the file', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const deps = { transport, keychain: noKeychain() };
    await runMain(['auth', 'login', 'codearts', '--with-token'], { cwd, env: ENDPOINT, stdin: C.huawei.iamToken, deps });
    const out = await runMain(['auth', 'logout', 'codearts'], { cwd, env: ENDPOINT, deps });
    expect(out.stderr).toContain(`from ${join(cwd, '.config/hookctl/logins.json')}`);
    expect(readFileSync(join(cwd, '.config/hookctl/logins.json'), 'utf8')).not.toContain(C.huawei.iamToken);
  });
});

describe('resolution order: flags > env > profile > stored login', () => {
  it('credentials in the environment for every provider: the keychain and logins.json are never opened', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { open } = memoryKeychain();
    await runMain(['auth', 'login', 'codearts', '--with-token'], { cwd, env: ENDPOINT, stdin: C.huawei.iamToken, deps: { transport, keychain: open } });
    open.mockClear();
    const readFile = vi.fn(async (path: string) => (path.endsWith('logins.json') ? Promise.reject(new Error('logins.json read')) : undefined));
    const env = emulatorEnv(ENDPOINT.HOOKCTL_ENDPOINT);
    const list = await runMain(['hooks', 'list', 'codearts:51', '--json'], { cwd, env, deps: { transport, keychain: open, readFile } });
    expect(list.code, list.stderr).toBe(0);
    expect(open).not.toHaveBeenCalled();
    expect(readFile.mock.calls.filter(([path]) => path.endsWith('logins.json'))).toEqual([]);
    expect(await codeartsCredentials(cwd, { transport, keychain: open, readFile }, env)).toEqual([
      { name: 'token', value: '******', source: 'env HUAWEICLOUD_TOKEN' },
    ]);
  });

  it('a stored login of another provider is not read: hooks list codearts with Huawei credentials in the environment opens no keychain', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { open } = memoryKeychain();
    const login = await runMain(['auth', 'login', 'codeup', '--with-token', '--target', 'codeup:ORG/100'], {
      cwd,
      env: ENDPOINT,
      stdin: C.codeupToken,
      deps: { transport, keychain: open },
    });
    expect(login.code, login.stderr).toBe(0);
    open.mockClear();
    const env = { ...ENDPOINT, HUAWEICLOUD_TOKEN: C.huawei.iamToken };
    const readFile = vi.fn(readTextFile);
    const list = await runMain(['hooks', 'list', 'codearts:51'], { cwd, env, deps: { transport, keychain: open, readFile } });
    expect(list.code, list.stderr).toBe(0);
    expect(open).not.toHaveBeenCalled();
    expect(readFile.mock.calls.filter(([path]) => path.endsWith('logins.json'))).toEqual([]);
    // The same login where codeup is used: read from the keychain.
    const codeup = await runMain(['hooks', 'list', 'codeup:ORG/100'], { cwd, env, deps: { transport, keychain: open } });
    expect(codeup.code, codeup.stderr).toBe(0);
    expect(open).toHaveBeenCalled();
  });

  it('no credentials elsewhere: hooks list uses the stored login', async () => {
    const cwd = emptyDir();
    const { transport } = emulatorTransport();
    const { open } = memoryKeychain();
    await runMain(['auth', 'login', 'codearts', '--with-token'], { cwd, env: ENDPOINT, stdin: C.huawei.iamToken, deps: { transport, keychain: open } });
    const list = await runMain(['hooks', 'list', 'codearts:51', '--json'], { cwd, env: ENDPOINT, deps: { transport, keychain: open } });
    expect(list.code, list.stderr).toBe(0);
    const without = await runMain(['hooks', 'list', 'codearts:51', '--json'], { cwd: emptyDir(), env: ENDPOINT, deps: { transport, keychain: open } });
    expect(without.code).toBe(4);
  });
});
