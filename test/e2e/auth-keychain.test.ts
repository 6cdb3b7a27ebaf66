/**
 * The real keychain path on Linux: a private D-Bus session bus with an unlocked gnome-keyring
 * (the Secret Service), and the real bin logging in, listing, reporting and logging out through
 * @napi-rs/keyring. Runs where dbus-daemon and gnome-keyring-daemon are installed (Debian's dbus
 * and gnome-keyring packages); skipped elsewhere.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { emptyDir, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const installed = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const haveKeyring = installed('dbus-daemon') && installed('gnome-keyring-daemon');

const emu = useEmulator();
const daemons: ChildProcess[] = [];
let bus = '';

/** Starts a daemon and resolves with the first line it prints on stdout. */
function firstLine(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<string> {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
  daemons.push(child);
  if (input !== undefined) child.stdin.end(input);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${command} printed nothing in 5 s`)), 5000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      resolve(out.slice(0, out.indexOf('\n')));
    });
    child.on('error', reject);
  });
}

/** The keychain entry hookctl keeps for a settings section, read through the binding itself. */
async function keychainEntry(account: string): Promise<string | null> {
  const previous = process.env.DBUS_SESSION_BUS_ADDRESS;
  process.env.DBUS_SESSION_BUS_ADDRESS = bus;
  try {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    return (await new AsyncEntry('hookctl', account).getPassword()) ?? null;
  } finally {
    process.env.DBUS_SESSION_BUS_ADDRESS = previous;
  }
}

beforeAll(async () => {
  if (!haveKeyring) return;
  const env = { PATH: process.env.PATH, HOME: emptyDir() };
  bus = await firstLine('dbus-daemon', ['--session', '--nofork', '--print-address=1'], env);
  // A new login keyring, created and unlocked with this password (read on stdin).
  await firstLine('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { ...env, DBUS_SESSION_BUS_ADDRESS: bus }, 'test-keyring');
});

afterAll(() => {
  for (const child of daemons) child.kill();
});

describe.skipIf(!haveKeyring)('auth login with a working Secret Service', () => {
  it('stores the token in the keychain (nothing secret in logins.json), hooks list reads it, status names it, logout deletes it', async () => {
    const dir = emptyDir();
    const env = { HOOKCTL_ENDPOINT: emu.url, DBUS_SESSION_BUS_ADDRESS: bus };
    const login = await runBin(['auth', 'login', 'codearts', '--with-token'], { cwd: dir, env, stdin: C.huawei.iamToken });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('stored in the OS keychain');
    expect(login.stderr).not.toContain('no OS keychain');
    const index = readFileSync(join(dir, '.config/hookctl/logins.json'), 'utf8');
    expect(JSON.parse(index).logins.huawei).toEqual({ storage: 'keychain', savedAt: expect.any(String) });
    expect(index).not.toContain(C.huawei.iamToken);
    expect(JSON.parse((await keychainEntry('huawei')) ?? 'null')).toEqual({ HUAWEICLOUD_TOKEN: C.huawei.iamToken });

    const list = await runBin(['hooks', 'list', 'codearts:51', '--json'], { cwd: dir, env });
    expect(list.code, list.stderr).toBe(0);
    const status = await runBin(['auth', 'status', '--json'], { cwd: dir, env });
    const codearts = JSON.parse(status.stdout).providers.find((p: { provider: string }) => p.provider === 'codearts');
    expect(codearts.credentials).toEqual([expect.objectContaining({ name: 'token', source: 'login (keychain)' })]);

    const logout = await runBin(['auth', 'logout', 'codearts'], { cwd: dir, env });
    expect(logout.code, logout.stderr).toBe(0);
    expect(logout.stderr).toContain('from the OS keychain');
    expect(await keychainEntry('huawei')).toBeNull();
    const again = await runBin(['hooks', 'list', 'codearts:51'], { cwd: dir, env });
    expect(again.code).toBe(4);
  });
});
