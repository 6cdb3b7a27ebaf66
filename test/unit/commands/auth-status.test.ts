/**
 * `hookctl auth status` in process: which mode each provider would use, every credential masked
 * with its source, offline unless --check; tables on a terminal, tab-separated when piped, JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../../src/emulator/credentials.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import type { Transport } from '../../../src/http/types.js';
import { emptyDir, runMain } from '../../helpers/cli.js';

const SECRETS = ['env-ali-secret', 'env-codeup-token', 'env-hw-sk', 'profile-iam-password', 'cli-ali-secret', C.huawei.user.password];

const noNetwork = () => vi.fn<Transport>(async () => Promise.reject(new Error('auth status must not touch the network')));

const expectNoSecrets = (out: { stdout: string; stderr: string }) => {
  for (const s of SECRETS) expect(`${out.stdout}${out.stderr}`).not.toContain(s);
};

const ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvkeyid0001',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-ali-secret',
  CODEUP_TOKEN: 'env-codeup-token',
  HUAWEICLOUD_SDK_AK: 'HWENVACCESSKEY01',
  HUAWEICLOUD_SDK_SK: 'env-hw-sk',
  SERVICESTAGE_REPO_AUTH: 'my-repo-auth',
};

function withIamProfile(password = 'profile-iam-password'): { cwd: string; config: string } {
  const cwd = emptyDir();
  const config = join(cwd, 'hookctl.json');
  const iam = { user: C.huawei.user.name, password, domain: C.huawei.user.domainName };
  writeFileSync(config, JSON.stringify({ profiles: { prod: { huaweicloud: { iam, iamEndpoint: 'https://iam.emulator.test' } } } }));
  return { cwd, config };
}

/** The in-process emulator as the transport: --check talks to it, nothing leaves the process. */
function emulatorTransport() {
  const emulator = createEmulator();
  const transport = vi.fn<Transport>(async (req) => {
    const res = await emulator.handle(new Request(req.url, { method: req.method, headers: req.headers, body: req.body }));
    return { status: res.status, headers: Object.fromEntries(res.headers), body: new Uint8Array(await res.arrayBuffer()) };
  });
  return { emulator, transport };
}

describe('hookctl auth status', () => {
  it('nothing configured: every provider says so, exit 0, offline', async () => {
    const transport = noNetwork();
    const out = await runMain(['auth', 'status'], { deps: { transport } });
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toEqual([
      'codeup\tnot configured\t-\t-\t-',
      'codearts\tnot configured\t-\t-\t-',
      'servicestage\tnot configured\t-\t-\t-',
    ]);
    expect(transport).not.toHaveBeenCalled();
  });

  it('piped: one tab-separated row per credential, masked, with its source', async () => {
    const transport = noNetwork();
    const out = await runMain(['auth', 'status'], { env: ENV, deps: { transport } });
    expect(out.code).toBe(0);
    expect(out.stdout.trim().split('\n')).toEqual([
      'codeup\tv3 AK/SK signature + AccessToken\taccessKeyId\t****0001\tenv ALIBABA_CLOUD_ACCESS_KEY_ID',
      'codeup\tv3 AK/SK signature + AccessToken\taccessKeySecret\t******\tenv ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'codeup\tv3 AK/SK signature + AccessToken\ttoken\t******\tenv CODEUP_TOKEN',
      'codearts\tAK/SK\taccessKey\t****EY01\tenv HUAWEICLOUD_SDK_AK',
      'codearts\tAK/SK\tsecretKey\t******\tenv HUAWEICLOUD_SDK_SK',
      'servicestage\tAK/SK\taccessKey\t****EY01\tenv HUAWEICLOUD_SDK_AK',
      'servicestage\tAK/SK\tsecretKey\t******\tenv HUAWEICLOUD_SDK_SK',
      'servicestage\tAK/SK\trepoAuth\tmy-repo-auth\tenv SERVICESTAGE_REPO_AUTH',
    ]);
    expect(transport).not.toHaveBeenCalled();
    expectNoSecrets(out);
  });

  it('on a terminal: an aligned table with a header', async () => {
    const out = await runMain(['auth', 'status', '--no-color'], { env: ENV, tty: true, deps: { transport: noNetwork() } });
    const lines = out.stdout.split('\n');
    expect(lines[0]).toMatch(/^PROVIDER\s+MODE\s+CREDENTIAL\s+VALUE\s+SOURCE$/);
    expect(lines[1]).toMatch(/^codeup\s+v3 AK\/SK signature \+ AccessToken\s+accessKeyId\s+\*{4}0001\s+env ALIBABA_CLOUD_ACCESS_KEY_ID$/);
    expectNoSecrets(out);
  });

  it('-o json: modes, masked credentials, sources and endpoints', async () => {
    const { cwd, config } = withIamProfile();
    const out = await runMain(['auth', 'status', '--config', config, '--profile', 'prod', '-o', 'json'], { cwd, deps: { transport: noNetwork() } });
    expect(out.code).toBe(0);
    const data = JSON.parse(out.stdout);
    expect(data.notes).toEqual([]);
    const codearts = data.providers.find((p: { provider: string }) => p.provider === 'codearts');
    expect(codearts).toEqual({
      provider: 'codearts',
      mode: 'IAM password',
      configured: true,
      endpoint: { value: 'https://codehub-ext.cn-north-4.myhuaweicloud.com', source: 'default' },
      credentials: [
        { name: 'iam.user', value: C.huawei.user.name, source: 'profile prod' },
        { name: 'iam.password', value: '******', source: 'profile prod' },
        { name: 'iam.domain', value: C.huawei.user.domainName, source: 'profile prod' },
        { name: 'iam.project', value: 'cn-north-4', source: 'region (default)' },
        { name: 'iamEndpoint', value: 'https://iam.emulator.test', source: 'profile prod' },
      ],
    });
    expectNoSecrets(out);
  });

  it('-o yaml works too', async () => {
    const out = await runMain(['auth', 'status', '-o', 'yaml'], { env: ENV, deps: { transport: noNetwork() } });
    expect(out.stdout).toContain('mode: v3 AK/SK signature + AccessToken');
    expectNoSecrets(out);
  });

  it('credentials from the aliyun CLI file name the file and profile; unusable profiles leave a note', async () => {
    const cwd = emptyDir(); // runMain uses the test directory as home
    mkdirSync(join(cwd, '.aliyun'));
    const profiles = [
      { name: 'default', mode: 'AK', access_key_id: 'LTAIclikeyid0001', access_key_secret: 'cli-ali-secret' },
      { name: 'role', mode: 'EcsRamRole' },
    ];
    writeFileSync(join(cwd, '.aliyun', 'config.json'), JSON.stringify({ current: 'default', profiles }));
    const out = await runMain(['auth', 'status'], { cwd, deps: { transport: noNetwork() } });
    expect(out.stdout).toContain('codeup\tv3 AK/SK signature\taccessKeySecret\t******\taliyun CLI ~/.aliyun/config.json (profile default)');
    const role = await runMain(['auth', 'status'], { cwd, env: { ALIBABA_CLOUD_PROFILE: 'role' }, deps: { transport: noNetwork() } });
    expect(role.stdout).toContain('codeup\tnot configured');
    expect(role.stderr).toContain('note: aliyun CLI ~/.aliyun/config.json (profile role): mode EcsRamRole is not supported');
    expectNoSecrets(out);
  });

  it('--check: an IAM password is checked by logging in; other modes need a --target', async () => {
    const { cwd, config } = withIamProfile(C.huawei.user.password);
    const { emulator, transport } = emulatorTransport();
    const env = { SERVICESTAGE_REPO_AUTH: C.servicestageRepoAuth };
    const out = await runMain(['auth', 'status', '--check', '--config', config, '--profile', 'prod', '--json'], { cwd, env, deps: { transport } });
    expect(out.code).toBe(0);
    const checks = JSON.parse(out.stdout).providers.map((p: { provider: string; check: unknown }) => [p.provider, p.check]);
    expect(checks).toEqual([
      ['codeup', { status: 'skipped', detail: 'no credentials' }],
      ['codearts', { status: 'ok', detail: 'IAM login at iam.emulator.test as emulator-user (account emulator-domain, project cn-north-4)' }],
      ['servicestage', { status: 'ok', detail: 'IAM login at iam.emulator.test as emulator-user (account emulator-domain, project cn-north-4)' }],
    ]);
    expect(emulator.store.tokensIssued).toBe(1); // one login serves both Huawei providers
    expectNoSecrets(out);
  });

  it('--check: a refused IAM password exits 4, the password never shown', async () => {
    const { cwd, config } = withIamProfile('profile-iam-password');
    const { transport } = emulatorTransport();
    const out = await runMain(['auth', 'status', '--check', '--config', config, '--profile', 'prod'], { cwd, deps: { transport } });
    expect(out.code).toBe(4);
    expect(out.stdout).toMatch(/codearts\tIAM password\tcheck\trefused\tHuawei IAM refused the password login of user "emulator-user"/);
    expectNoSecrets(out);
  });

  it('--check --target lists one page of that target', async () => {
    const { emulator, transport } = emulatorTransport();
    const env = { HUAWEICLOUD_SDK_AK: C.huawei.accessKey, HUAWEICLOUD_SDK_SK: C.huawei.secretKey, HOOKCTL_ENDPOINT: 'https://emulator.test' };
    const out = await runMain(['auth', 'status', '--check', '--target', 'codearts:77'], { env, deps: { transport } });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('codearts\tAK/SK\tcheck\tok\tlisted the hooks of codearts:77 (none)');
    expect(out.stdout).toContain('servicestage\tAK/SK\tcheck\tskipped\tmissing the repository authorization name (SERVICESTAGE_REPO_AUTH)');
    const withRepoAuth = await runMain(['auth', 'status', '--check'], { env: { ...env, SERVICESTAGE_REPO_AUTH: 'r' }, deps: { transport } });
    expect(withRepoAuth.stdout).toContain(
      'servicestage\tAK/SK\tcheck\tskipped\tno live call without a target: add --target servicestage:<projectId>/<namespace>/<project>',
    );
    expect(emulator.store.tokensIssued).toBe(0);
    const bad = await runMain(['auth', 'status', '--check', '--target', 'codearts:77'], {
      env: { ...env, HUAWEICLOUD_SDK_SK: 'wrong-sk-value' },
      deps: { transport },
    });
    expect(bad.code).toBe(4);
    expect(bad.stdout).toContain('codearts\tAK/SK\tcheck\trefused\tCodeArts Repo answered HTTP 401 APIG.0301');
  });

  it('usage errors: --target without --check, a bad target, two targets for one provider', async () => {
    expect((await runMain(['auth', 'status', '--target', 'codearts:1'])).code).toBe(2);
    expect((await runMain(['auth', 'status', '--check', '--target', 'nope:1'])).code).toBe(2);
    expect((await runMain(['auth', 'status', '--check', '--target', 'codearts:1', '--target', 'codearts:2'])).code).toBe(2);
  });
});

describe('config show and auth status agree on key ids', () => {
  it('the Alibaba accessKeyId and the Huawei accessKey are cut to their last four in config show, as auth status shows them', async () => {
    const shown = await runMain(['config', 'show', '--json'], { env: ENV, deps: { transport: noNetwork() } });
    const status = await runMain(['auth', 'status', '--json'], { env: ENV, deps: { transport: noNetwork() } });
    expect(shown.code, shown.stderr).toBe(0);
    const settings = JSON.parse(shown.stdout) as Record<string, Record<string, { value: string; source: string }>>;
    expect(settings.codeup?.accessKeyId).toEqual({ value: '****0001', source: 'env ALIBABA_CLOUD_ACCESS_KEY_ID' });
    expect(settings.huaweicloud?.accessKey).toEqual({ value: '****EY01', source: 'env HUAWEICLOUD_SDK_AK' });
    for (const id of [ENV.ALIBABA_CLOUD_ACCESS_KEY_ID, ENV.HUAWEICLOUD_SDK_AK]) {
      expect(`${shown.stdout}${status.stdout}`).not.toContain(id);
    }
    expect(status.stdout).toContain('****0001');
    const table = await runMain(['config', 'show'], { env: ENV, deps: { transport: noNetwork() } });
    expect(table.stdout).toContain('accessKeyId      ****0001  (env ALIBABA_CLOUD_ACCESS_KEY_ID)');
    expect(table.stdout).not.toContain(ENV.ALIBABA_CLOUD_ACCESS_KEY_ID);
    expectNoSecrets(shown);
  });
});
