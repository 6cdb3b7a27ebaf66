/**
 * The real bin/hookctl.js against the emulator, for each way of authenticating to Huawei Cloud:
 * AK/SK signatures, an IAM password exchanged for a token cached across processes, and what
 * `auth status` reports for each credential source.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { emptyDir, runBin } from '../helpers/cli.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const SS_TARGET = `servicestage:${C.huawei.project.id}/ns/repo`;
const WRONG_PASSWORD = 'wrong-iam-password-91c2';

const akskEnv = (sk = C.huawei.secretKey) => ({
  HOOKCTL_ENDPOINT: emu.url,
  HUAWEICLOUD_SDK_AK: C.huawei.accessKey,
  HUAWEICLOUD_SDK_SK: sk,
  SERVICESTAGE_REPO_AUTH: C.servicestageRepoAuth,
});

/** A directory (the subprocess's cwd and home) with a hookctl config whose profile logs in to IAM. */
function iamHome(password = C.huawei.user.password): string {
  const dir = emptyDir();
  const iam = { user: C.huawei.user.name, password, domain: C.huawei.user.domainName };
  // Owner-only, as a file with a literal password should be (hookctl warns otherwise).
  writeFileSync(join(dir, '.hookctlrc.json'), JSON.stringify({ profiles: { ci: { huaweicloud: { iam } } } }), { mode: 0o600 });
  return dir;
}

const iamRun = (dir: string, args: string[]) => runBin([...args, '--profile', 'ci'], { cwd: dir, env: { HOOKCTL_ENDPOINT: emu.url } });

async function tokensIssued(): Promise<number> {
  const state = (await (await fetch(`${emu.url}/_emulator/state`)).json()) as { iam: { tokensIssued: number } };
  return state.iam.tokensIssued;
}

const apiRequests = () => emu.server.requests.filter((r) => !new URL(r.url).pathname.startsWith('/_emulator/'));

describe('AK/SK signatures (HUAWEICLOUD_SDK_AK/SK)', () => {
  for (const [target, extra] of [
    ['codearts:51', ['--name', 'ci']],
    [SS_TARGET, ['--secret-env', 'S']],
  ] as const) {
    it(`${target}: create, list, delete — every request signed, no token header`, async () => {
      const env = { ...akskEnv(), S: 'hook-secret-3f9e1' };
      const created = await runBin(['hooks', 'create', target, '--url', 'https://ci.example.com/h', ...extra, '--json'], { env });
      expect(created.code).toBe(0);
      const id = JSON.parse(created.stdout).id as string;
      const listed = await runBin(['hooks', 'list', target, '--json'], { env });
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id })]);
      expect((await runBin(['hooks', 'delete', target, id, '--yes'], { env })).code).toBe(0);
      const requests = apiRequests();
      expect(requests.length).toBeGreaterThanOrEqual(3);
      for (const r of requests) {
        expect(r.headers['x-auth-token']).toBeUndefined();
        expect(r.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=HWEMULATORAK0001, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
      }
      expect(await tokensIssued()).toBe(0);
    });
  }

  it('a wrong SK exits 4 with one line about the refused signature, after exactly one attempt', async () => {
    const out = await runBin(['hooks', 'list', 'codearts:1'], { env: akskEnv('wrong-secret-key') });
    expect(out.code).toBe(4);
    const [error, hint, ...rest] = out.stderr.trim().split('\n');
    expect(error).toMatch(/^error: CodeArts Repo answered HTTP 401 APIG\.0301: Incorrect IAM authentication information: verify aksk signature fail/);
    expect(hint).toMatch(/^hint: the AK\/SK signature was refused/);
    expect(rest).toEqual([]);
    expect(apiRequests()).toHaveLength(1);
    expect(out.stderr).not.toContain('wrong-secret-key');
  });
});

describe('Codeup v3 signatures (ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET)', () => {
  const aliEnv = () => ({
    HOOKCTL_ENDPOINT: emu.url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: C.alibaba.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: C.alibaba.accessKeySecret,
  });
  const signatures = () => apiRequests().map((r) => r.headers.authorization ?? '');
  const writeProfile = (dir: string, signature: string) =>
    writeFileSync(join(dir, '.hookctlrc.json'), JSON.stringify({ profiles: { default: { codeup: { signature } } } }), { mode: 0o600 });

  it('by default every call, discovery included, carries the official client ROA "acs" HMAC-SHA1 signature', async () => {
    const before = apiRequests().length;
    expect((await runBin(['hooks', 'list', 'codeup:org-sig/100', '--json'], { env: aliEnv() })).code).toBe(0);
    expect((await runBin(['hooks', 'list', 'codeup:org-sig/*', '--json'], { env: aliEnv() })).code).toBe(0);
    const sent = signatures().slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const a of sent) expect(a).toMatch(/^acs LTAI5tEmulatorKey0001:[A-Za-z0-9+/]{27}=$/);
  });

  it('profile codeup.signature: acs3 (a trusted config) switches to ACS3-HMAC-SHA256, which the emulator also verifies', async () => {
    const dir = emptyDir();
    writeProfile(dir, 'acs3');
    const before = apiRequests().length;
    const out = await runBin(['hooks', 'list', 'codeup:org-sig/100', '--json'], { cwd: dir, env: aliEnv() });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const sent = signatures().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tEmulatorKey0001,SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$/);
  });

  it('an untrusted project config may not choose the signature; an unknown value is refused', async () => {
    const home = emptyDir();
    const project = join(home, 'project');
    mkdirSync(project);
    writeProfile(project, 'acs3');
    const untrusted = await runBin(['hooks', 'list', 'codeup:org-sig/100'], {
      cwd: project,
      env: { ...aliEnv(), HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    });
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toContain('codeup.signature');
    const dir = emptyDir();
    writeProfile(dir, 'hmac-sha256');
    const bad = await runBin(['hooks', 'list', 'codeup:org-sig/100'], { cwd: dir, env: aliEnv() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('profiles.default.codeup.signature');
  });
});

describe('IAM password from a profile', () => {
  it('logs in once; a second process reuses the cached token (0600)', async () => {
    const dir = iamHome();
    const created = await iamRun(dir, ['hooks', 'create', 'codearts:61', '--url', 'https://ci.example.com/iam', '--name', 'iam', '--json', '--debug']);
    expect(created.code).toBe(0);
    expect(await tokensIssued()).toBe(1);
    const token = (emu.emulator.store.snapshot().iam.tokens[0]?.token ?? '') as string;
    for (const secret of [C.huawei.user.password, token]) {
      expect(created.stdout).not.toContain(secret);
      expect(created.stderr).not.toContain(secret);
    }
    expect(created.stderr).toContain('[debug] > POST');

    const listed = await iamRun(dir, ['hooks', 'list', 'codearts:61', '--json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ url: 'https://ci.example.com/iam' })]);
    expect(await tokensIssued()).toBe(1);
    const calls = apiRequests().filter((r) => new URL(r.url).pathname.startsWith('/v4/'));
    expect(calls.every((r) => r.headers['x-auth-token'] === token)).toBe(true);

    const cacheDir = join(dir, '.cache', 'hookctl');
    const files = readdirSync(cacheDir);
    expect(files).toHaveLength(1);
    const file = join(cacheDir, files[0] ?? '');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(C.huawei.user.password);
  });

  it('an expired or revoked cached token is replaced silently', async () => {
    const dir = iamHome();
    expect((await iamRun(dir, ['hooks', 'list', 'codearts:62'])).code).toBe(0);
    const cacheDir = join(dir, '.cache', 'hookctl');
    const file = join(cacheDir, readdirSync(cacheDir)[0] ?? '');

    const cached = JSON.parse(readFileSync(file, 'utf8')) as { token: string; expiresAt: string };
    writeFileSync(file, JSON.stringify({ ...cached, expiresAt: '2020-01-01T00:00:00.000Z' }));
    const expired = await iamRun(dir, ['hooks', 'list', 'codearts:62']);
    expect([expired.code, expired.stderr]).toEqual([0, '']);
    expect(await tokensIssued()).toBe(2);

    // Still "valid" by its date, but unknown to the server: one 401, one login, one retry.
    writeFileSync(file, JSON.stringify({ token: 'revoked-token', expiresAt: '2999-01-01T00:00:00.000Z' }));
    emu.server.requests.length = 0;
    const revoked = await iamRun(dir, ['hooks', 'list', 'codearts:62']);
    expect([revoked.code, revoked.stderr]).toEqual([0, '']);
    expect(await tokensIssued()).toBe(3);
    const paths = apiRequests().map((r) => `${r.headers['x-auth-token'] === 'revoked-token' ? 'old' : 'new'} ${new URL(r.url).pathname}`);
    expect(paths).toEqual(['old /v4/groups/62/hooks', 'new /v3/auth/tokens', 'new /v4/groups/62/hooks']);
  });

  it('a wrong password exits 4 with one line, the password never shown', async () => {
    const out = await iamRun(iamHome(WRONG_PASSWORD), ['hooks', 'list', 'codearts:63']);
    expect(out.code).toBe(4);
    expect(out.stderr.split('\n')[0]).toBe(
      'error: Huawei IAM refused the password login of user "emulator-user" in account "emulator-domain" (HTTP 401): The username or password is wrong.',
    );
    expect(out.stderr).not.toContain(WRONG_PASSWORD);
    expect(apiRequests().map((r) => new URL(r.url).pathname)).toEqual(['/v3/auth/tokens']);
  });
});

describe('auth status, from each source', () => {
  const status = async (dir: string, env: Record<string, string> = {}, args: string[] = []) => {
    const out = await runBin(['auth', 'status', '--json', ...args], { cwd: dir, env });
    const data = JSON.parse(out.stdout) as {
      providers: { provider: string; mode: string; credentials: { name: string; source: string }[]; check?: { status: string } }[];
    };
    const by = (id: string) => data.providers.find((p) => p.provider === id);
    return { out, by };
  };

  it('environment, hookctl profile, aliyun CLI and KooCLI files', async () => {
    const env = await status(emptyDir(), akskEnv());
    expect(env.by('codearts')).toMatchObject({
      mode: 'AK/SK',
      credentials: [
        { name: 'accessKey', source: 'env HUAWEICLOUD_SDK_AK' },
        { name: 'secretKey', source: 'env HUAWEICLOUD_SDK_SK' },
      ],
    });

    const profile = await status(iamHome(), {}, ['--profile', 'ci']);
    expect(profile.by('servicestage')?.mode).toBe('IAM password');
    expect(profile.by('servicestage')?.credentials[1]).toEqual({ name: 'iam.password', value: '******', source: 'profile ci' });

    const home = emptyDir();
    mkdirSync(join(home, '.aliyun'));
    mkdirSync(join(home, '.hcloud'));
    const aliyun = {
      current: 'default',
      profiles: [{ name: 'default', mode: 'AK', access_key_id: C.alibaba.accessKeyId, access_key_secret: C.alibaba.accessKeySecret }],
    };
    const hcloud = { current: 'default', profiles: [{ name: 'default', mode: 'AKSK', accessKeyId: C.huawei.accessKey, secretAccessKey: C.huawei.secretKey }] };
    writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify(aliyun));
    writeFileSync(join(home, '.hcloud', 'config.json'), JSON.stringify(hcloud));
    const files = await status(home);
    expect(files.by('codeup')?.mode).toBe('v3 AK/SK signature');
    expect(files.by('codeup')?.credentials[0]?.source).toBe('aliyun CLI ~/.aliyun/config.json (profile default)');
    expect(files.by('codearts')?.credentials[0]?.source).toBe('KooCLI ~/.hcloud/config.json (profile default)');
    for (const out of [env.out, profile.out, files.out]) {
      for (const secret of [C.huawei.secretKey, C.huawei.user.password, C.alibaba.accessKeySecret]) expect(out.stdout + out.stderr).not.toContain(secret);
    }

    // The CLI files' keys really work: list a CodeArts group with nothing but ~/.hcloud/config.json.
    const listed = await runBin(['hooks', 'list', 'codearts:64', '--json'], { cwd: home, env: { HOOKCTL_ENDPOINT: emu.url } });
    expect([listed.code, listed.stdout.trim()]).toEqual([0, '[]']);
  });

  it('--check logs in with an IAM password (exit 0), and exits 4 when it is refused', async () => {
    const ok = await status(iamHome(), { HOOKCTL_ENDPOINT: emu.url }, ['--profile', 'ci', '--check']);
    expect(ok.out.code).toBe(0);
    expect(ok.by('codearts')?.check?.status).toBe('ok');
    expect(await tokensIssued()).toBe(1);
    const refused = await status(iamHome(WRONG_PASSWORD), { HOOKCTL_ENDPOINT: emu.url }, ['--profile', 'ci', '--check']);
    expect(refused.out.code).toBe(4);
    expect(refused.by('codearts')?.check?.status).toBe('refused');
    expect(refused.out.stdout + refused.out.stderr).not.toContain(WRONG_PASSWORD);
  });
});
