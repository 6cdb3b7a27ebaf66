/**
 * The IAM token cache as a user meets it through the real bin/hookctl.js: a cache directory that
 * cannot be used, or that is refused as unsafe, costs one `note:` line and a login, never the run.
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C, emulatorEnv } from '../../src/emulator/credentials.js';
import { emptyDir, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();

/** The emulator's IAM user instead of its standing token, so hookctl logs in and uses the cache. */
const iamEnv = (cacheHome: string) => ({
  ...emulatorEnv(emu.url),
  HUAWEICLOUD_TOKEN: undefined,
  HOOKCTL_IAM_USER: C.huawei.user.name,
  HOOKCTL_IAM_PASSWORD: C.huawei.user.password,
  HOOKCTL_IAM_DOMAIN: C.huawei.user.domainName,
  HUAWEICLOUD_SDK_REGION: C.huawei.project.name,
  XDG_CACHE_HOME: cacheHome,
});

const logins = () => emu.server.requests.filter((r) => new URL(r.url).pathname === '/v3/auth/tokens').length;

describe('an unusable or unsafe token cache', () => {
  const cases: [string, () => string, RegExp][] = [
    ['XDG_CACHE_HOME under /proc', () => '/proc/hookctl-e2e/cache', /cannot write it: ENOENT: .*mkdir '\/proc\/hookctl-e2e'/],
    [
      'XDG_CACHE_HOME is a file',
      () => {
        const file = join(emptyDir(), 'cache');
        writeFileSync(file, '');
        return file;
      },
      /cannot (read|write) it: ENOTDIR/,
    ],
    [
      'the hookctl cache directory is a symbolic link',
      () => {
        const home = emptyDir();
        mkdirSync(join(home, 'elsewhere'));
        mkdirSync(join(home, 'cache'));
        symlinkSync(join(home, 'elsewhere'), join(home, 'cache', 'hookctl'));
        return join(home, 'cache');
      },
      /cannot read it: .*\/cache\/hookctl is a symbolic link/,
    ],
  ];
  for (const [what, cacheHome, reason] of cases) {
    it(`${what}: the list succeeds after one note line, with one login`, async () => {
      const home = cacheHome();
      const out = await runBin(['hooks', 'list', 'codearts:1', 'codearts:2', 'codearts:3'], { env: iamEnv(home), timeoutMs: 20_000 });
      expect(out.code, out.stderr).toBe(0);
      const lines = out.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^note: IAM token cache not used \(.*\); logging in without it$/);
      expect(lines[0]).toMatch(reason);
      expect(lines[0]).not.toContain(C.huawei.user.password);
      expect(logins()).toBe(1);
    });
  }

  it('a usable cache: no line, and the second run does not log in again', async () => {
    const home = join(emptyDir(), 'cache');
    for (let run = 0; run < 2; run++) {
      const out = await runBin(['hooks', 'list', 'codearts:1'], { env: iamEnv(home) });
      expect(out.code, out.stderr).toBe(0);
      expect(out.stderr).toBe('');
    }
    expect(logins()).toBe(1);
    expect(readdirSync(join(home, 'hookctl'))).toEqual([expect.stringMatching(/^iam-token-[0-9a-f]{32}\.json$/)]);
  });
});
