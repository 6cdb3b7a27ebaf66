/** `auth login` / `status` / `logout` with the real bin against the emulator, where no keychain answers (the file fallback). */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { emptyDir, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();

describe('auth login codearts --with-token', () => {
  it('checks the token, stores it in a 0600 file (said), hooks list works without env credentials, logout removes it', async () => {
    const dir = emptyDir();
    // No D-Bus session: the Secret Service cannot answer, as in a container.
    const env = { HOOKCTL_ENDPOINT: emu.url, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    const login = await runBin(['auth', 'login', 'codearts', '--with-token'], { cwd: dir, env, stdin: C.huawei.iamToken });
    expect(login.code, login.stderr).toBe(0);
    const file = join(dir, '.config/hookctl/logins.json');
    expect(login.stderr).toContain(`no OS keychain here`);
    expect(login.stderr).toContain(`stored in ${file} (mode 0600)`);
    expect(login.stdout + login.stderr).not.toContain(C.huawei.iamToken);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).logins.huawei.storage).toBe('file');

    const list = await runBin(['hooks', 'list', 'codearts:51', '--json'], { cwd: dir, env });
    expect(list.code, list.stderr).toBe(0);
    const status = await runBin(['auth', 'status', '--json'], { cwd: dir, env });
    const codearts = JSON.parse(status.stdout).providers.find((p: { provider: string }) => p.provider === 'codearts');
    expect(codearts.credentials).toEqual([expect.objectContaining({ name: 'token', value: '******', source: `login (file ${file})` })]);

    const logout = await runBin(['auth', 'logout', 'codearts'], { cwd: dir, env });
    expect(logout.code).toBe(0);
    expect(logout.stderr).toContain('removed the huawei login (codearts, servicestage)');
    const after = await runBin(['hooks', 'list', 'codearts:51'], { cwd: dir, env });
    expect(after.code).toBe(4);
    expect(after.stderr).toContain('or run hookctl auth login codearts');
  });

  it('--insecure-storage chooses the file outright; a refused token is exit 4 and nothing is stored', async () => {
    const dir = emptyDir();
    const env = { HOOKCTL_ENDPOINT: emu.url };
    const bad = await runBin(['auth', 'login', 'codearts', '--with-token'], { cwd: dir, env, stdin: 'not-a-token-7c1e' });
    expect(bad.code).toBe(4);
    expect(bad.stderr).not.toContain('not-a-token-7c1e');
    const ok = await runBin(['auth', 'login', 'codearts', '--with-token', '--insecure-storage'], { cwd: dir, env, stdin: `${C.huawei.iamToken}\n` });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).not.toContain('no OS keychain');
    expect(ok.stderr).toContain('.config/hookctl/logins.json (mode 0600)');
  });

  it('without --with-token and no terminal: exit 2, one line', async () => {
    const r = await runBin(['auth', 'login', 'codearts'], { env: { HOOKCTL_ENDPOINT: emu.url } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--with-token');
  });
});
