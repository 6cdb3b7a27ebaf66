/**
 * The credential chain, link by link: hookctl variables → the clouds' standard variables → the
 * hookctl profile → the clouds' CLI files. The first link with a complete set wins, as a unit, and
 * every value says where it came from.
 */
import { describe, expect, it, vi } from 'vitest';
import { withCloudCliCredentials } from '../../../src/config/cloud-cli.js';
import { validate } from '../../../src/config/load.js';
import { type ResolvedSettings, type ResolveFlags, resolveSettings } from '../../../src/config/resolve.js';
import { SETTINGS_SECTIONS } from '../../../src/providers/registry.js';

type Env = Record<string, string | undefined>;
const HOME = '/home/tester';
const DEFAULTS = SETTINGS_SECTIONS;

const PROFILE = {
  profiles: {
    prod: {
      codeup: { accessKeyId: 'LTAIprofilekey0001', accessKeySecret: 'profile-ali-secret', token: 'profile-codeup-token' },
      huaweicloud: { accessKey: 'HWPROFILEAK0001', secretKey: 'profile-hw-sk', region: 'cn-south-1' },
    },
    iam: { huaweicloud: { iam: { user: 'deployer', password: 'profile-iam-password', domain: 'acme' } } },
    both: { huaweicloud: { token: 'profile-iam-token', accessKey: 'HWBOTHAK0001', secretKey: 'both-sk' } },
  },
};

function resolve(env: Env = {}, profile?: string, flags: ResolveFlags = {}, raw: unknown = PROFILE): ResolvedSettings {
  const loaded =
    profile === undefined
      ? validate(undefined, {}, { env, sections: SETTINGS_SECTIONS })
      : validate('/etc/hookctl.json', raw, { env, profile, sections: SETTINGS_SECTIONS });
  return resolveSettings(loaded, flags, env, DEFAULTS);
}

/** An in-memory home directory; records which files were read. */
function home(files: Record<string, unknown>) {
  const readFile = vi.fn(async (path: string) => {
    const rel = path.replace(`${HOME}/`, '');
    const content = files[rel];
    return content === undefined ? undefined : typeof content === 'string' ? content : JSON.stringify(content);
  });
  return { readFile, deps: (env: Env = {}) => ({ env, homeDir: HOME, readFile }) };
}

const ALIYUN = {
  current: 'default',
  profiles: [
    { name: 'default', mode: 'AK', access_key_id: 'LTAIclidefault0001', access_key_secret: 'cli-default-secret', sts_token: '', region_id: 'cn-hangzhou' },
    { name: 'sts', mode: 'StsToken', access_key_id: 'STS.clistskey0001', access_key_secret: 'cli-sts-secret', sts_token: 'cli-sts-token' },
    { name: 'role', mode: 'RamRoleArn', access_key_id: 'LTAIclirole0001', access_key_secret: 'cli-role-secret' },
  ],
};
const HCLOUD = {
  current: 'work',
  profiles: [
    { name: 'default', mode: 'AKSK', accessKeyId: 'HWCLIDEFAULT0001', secretAccessKey: 'cli-hw-default' },
    { name: 'work', mode: 'AKSK', accessKeyId: 'HWCLIWORK0001', secretAccessKey: 'cli-hw-work', region: 'ap-southeast-1', projectId: 'p-from-cli' },
  ],
};

const summary = (s: ResolvedSettings) => ({
  codeup: {
    id: s.codeup.accessKeyId?.value,
    secret: s.codeup.accessKeySecret?.value.reveal(),
    source: s.codeup.accessKeySecret?.source,
    sts: s.codeup.securityToken?.value.reveal(),
  },
  huawei: {
    token: s.huawei.token?.source,
    ak: s.huawei.accessKey?.value,
    sk: s.huawei.secretKey?.source,
    iam: s.huawei.iam?.source,
  },
});

describe('Codeup AccessKey link by link', () => {
  it('standard variables beat the profile', () => {
    const s = resolve({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvkey0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' }, 'prod');
    expect(summary(s).codeup).toEqual({ id: 'LTAIenvkey0001', secret: 'env-secret', source: 'env ALIBABA_CLOUD_ACCESS_KEY_SECRET', sts: undefined });
    expect(s.codeup.accessKeyId?.source).toBe('env ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('a key id without its secret is no link: the profile pair is used whole, never mixed', () => {
    const s = resolve({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvkey0001' }, 'prod');
    expect(summary(s).codeup).toEqual({ id: 'LTAIprofilekey0001', secret: 'profile-ali-secret', source: 'profile prod', sts: undefined });
  });

  it('STS: the security token travels with its key pair', () => {
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.k0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's', ALIBABA_CLOUD_SECURITY_TOKEN: 'sts-tok' };
    expect(summary(resolve(env, 'prod')).codeup.sts).toBe('sts-tok');
  });

  it('personal token: CODEUP_TOKEN, then ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN, then the profile', () => {
    expect(resolve({ CODEUP_TOKEN: 'a', ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN: 'b' }, 'prod').codeup.token?.source).toBe('env CODEUP_TOKEN');
    expect(resolve({ ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN: 'b' }, 'prod').codeup.token?.source).toBe('env ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN');
    expect(resolve({}, 'prod').codeup.token?.source).toBe('profile prod');
  });
});

describe('Huawei credentials link by link', () => {
  it('hookctl variables (HUAWEICLOUD_TOKEN) beat the SDK variables, which beat the profile', () => {
    const all = { HUAWEICLOUD_TOKEN: 'tok', HUAWEICLOUD_SDK_AK: 'HWENVAK0001', HUAWEICLOUD_SDK_SK: 'env-sk' };
    expect(summary(resolve(all, 'prod')).huawei).toEqual({ token: 'env HUAWEICLOUD_TOKEN', ak: undefined, sk: undefined, iam: undefined });
    const sdk = { HUAWEICLOUD_SDK_AK: 'HWENVAK0001', HUAWEICLOUD_SDK_SK: 'env-sk' };
    expect(summary(resolve(sdk, 'prod')).huawei).toEqual({ token: undefined, ak: 'HWENVAK0001', sk: 'env HUAWEICLOUD_SDK_SK', iam: undefined });
    expect(summary(resolve({}, 'prod')).huawei).toEqual({ token: undefined, ak: 'HWPROFILEAK0001', sk: 'profile prod', iam: undefined });
  });

  it('HOOKCTL_IAM_* is a hookctl variable: it beats the SDK variables', () => {
    const env = { HOOKCTL_IAM_USER: 'u', HOOKCTL_IAM_PASSWORD: 'pw', HOOKCTL_IAM_DOMAIN: 'd', HUAWEICLOUD_SDK_AK: 'HWENVAK0001', HUAWEICLOUD_SDK_SK: 'sk' };
    const s = resolve(env);
    expect(s.huawei.iam?.source).toBe('env HOOKCTL_IAM_USER/_PASSWORD/_DOMAIN');
    expect(s.huawei.iam?.value).toMatchObject({ user: 'u', domain: 'd', project: undefined });
    expect(s.huawei.accessKey).toBeUndefined();
    // Without all three, the IAM variables are no link at all.
    expect(resolve({ HOOKCTL_IAM_USER: 'u', HUAWEICLOUD_SDK_AK: 'HWENVAK0001', HUAWEICLOUD_SDK_SK: 'sk' }).huawei.iam).toBeUndefined();
  });

  it('the profile: IAM password, and within one link token before AK/SK', () => {
    expect(resolve({}, 'iam').huawei.iam?.value).toMatchObject({ user: 'deployer', domain: 'acme' });
    const both = resolve({}, 'both');
    expect(both.huawei.token?.source).toBe('profile both');
    expect(both.huawei.accessKey?.value).toBe('HWBOTHAK0001');
  });

  it('an AK without its SK in the environment falls through to the profile', () => {
    expect(summary(resolve({ HUAWEICLOUD_SDK_AK: 'HWENVAK0001' }, 'prod')).huawei.ak).toBe('HWPROFILEAK0001');
  });

  it('IAM endpoint: HOOKCTL_IAM_ENDPOINT, HOOKCTL_ENDPOINT, the profile, else the region default', () => {
    const raw = { profiles: { p: { huaweicloud: { iamEndpoint: 'https://iam.example.com' } } } };
    expect(resolve({ HOOKCTL_IAM_ENDPOINT: 'http://a', HOOKCTL_ENDPOINT: 'http://b' }, 'p', {}, raw).huawei.iamEndpoint).toEqual({
      value: 'http://a',
      source: 'env HOOKCTL_IAM_ENDPOINT',
    });
    expect(resolve({ HOOKCTL_ENDPOINT: 'http://b' }, 'p', {}, raw).huawei.iamEndpoint.source).toBe('env HOOKCTL_ENDPOINT');
    expect(resolve({}, 'p', {}, raw).huawei.iamEndpoint.source).toBe('profile p');
    expect(resolve({}, undefined, { region: 'eu-west-101' }).huawei.iamEndpoint).toEqual({
      value: 'https://iam.eu-west-101.myhuaweicloud.com',
      source: 'default',
    });
  });
});

describe('the clouds’ CLI files, the last link', () => {
  it('are not read when an earlier link supplied the credentials', async () => {
    const { readFile, deps } = home({ '.aliyun/config.json': ALIYUN, '.hcloud/config.json': HCLOUD });
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvkey0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's', HUAWEICLOUD_TOKEN: 't' };
    const s = await withCloudCliCredentials(resolve(env), deps(env), DEFAULTS);
    expect(readFile).not.toHaveBeenCalled();
    expect(s.codeup.accessKeyId?.value).toBe('LTAIenvkey0001');
  });

  it('aliyun CLI: the current profile, or the one ALIBABA_CLOUD_PROFILE names', async () => {
    const { deps } = home({ '.aliyun/config.json': ALIYUN });
    const current = await withCloudCliCredentials(resolve(), deps(), DEFAULTS);
    expect(summary(current).codeup).toEqual({
      id: 'LTAIclidefault0001',
      secret: 'cli-default-secret',
      source: 'aliyun CLI ~/.aliyun/config.json (profile default)',
      sts: undefined,
    });
    const env = { ALIBABA_CLOUD_PROFILE: 'sts' };
    const sts = await withCloudCliCredentials(resolve(env), deps(env), DEFAULTS);
    expect(summary(sts).codeup).toMatchObject({ id: 'STS.clistskey0001', sts: 'cli-sts-token', source: 'aliyun CLI ~/.aliyun/config.json (profile sts)' });
  });

  it('aliyun CLI: a profile mode that needs a network exchange is passed over with a note', async () => {
    const env = { ALIBABACLOUD_PROFILE: 'role' };
    const { deps } = home({ '.aliyun/config.json': ALIYUN });
    const s = await withCloudCliCredentials(resolve(env), deps(env), DEFAULTS);
    expect(s.codeup.accessKeyId).toBeUndefined();
    expect(s.notes).toEqual(['aliyun CLI ~/.aliyun/config.json (profile role): mode RamRoleArn is not supported (only AK, StsToken), ignored']);
  });

  it('aliyun CLI: ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true skips the file', async () => {
    const env = { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' };
    const { readFile, deps } = home({ '.aliyun/config.json': ALIYUN });
    const s = await withCloudCliCredentials(resolve(env), deps(env), DEFAULTS);
    expect(s.codeup.accessKeyId).toBeUndefined();
    expect(readFile).not.toHaveBeenCalledWith(`${HOME}/.aliyun/config.json`);
  });

  it('the hookctl profile beats the CLI files', async () => {
    const { readFile, deps } = home({ '.aliyun/config.json': ALIYUN, '.hcloud/config.json': HCLOUD });
    const s = await withCloudCliCredentials(resolve({}, 'prod'), deps(), DEFAULTS);
    expect(readFile).not.toHaveBeenCalled();
    expect(summary(s).huawei.sk).toBe('profile prod');
  });

  it('KooCLI: the current profile, with its region and project where nothing else set them', async () => {
    const { deps } = home({ '.hcloud/config.json': HCLOUD });
    const s = await withCloudCliCredentials(resolve(), deps(), DEFAULTS);
    const source = 'KooCLI ~/.hcloud/config.json (profile work)';
    expect(s.huawei.accessKey).toEqual({ value: 'HWCLIWORK0001', source });
    expect(s.huawei.secretKey?.value.reveal()).toBe('cli-hw-work');
    expect(s.huawei.region).toEqual({ value: 'ap-southeast-1', source });
    expect(s.codearts.projectId).toEqual({ value: 'p-from-cli', source });
    expect(s.codearts.endpoint.value).toBe('https://codehub-ext.ap-southeast-1.myhuaweicloud.com');
    expect(s.huawei.iamEndpoint.value).toBe('https://iam.ap-southeast-1.myhuaweicloud.com');
    // --region still wins over the file's region.
    const flagged = await withCloudCliCredentials(resolve({}, undefined, { region: 'cn-north-4' }), deps(), DEFAULTS);
    expect(flagged.huawei.region.source).toBe('flag --region');
    expect(flagged.codearts.endpoint.value).toBe('https://codehub-ext.cn-north-4.myhuaweicloud.com');
  });

  it('KooCLI: encrypted keys and non-AKSK modes are passed over with a note', async () => {
    const encrypted = home({ '.hcloud/config.json': { ...HCLOUD, authEncrypt: 'true' } });
    const s = await withCloudCliCredentials(resolve(), encrypted.deps(), DEFAULTS);
    expect(s.huawei.accessKey).toBeUndefined();
    expect(s.notes?.[0]).toContain('stored encrypted (authEncrypt)');
    const sso = home({ '.hcloud/config.json': { current: 'default', profiles: [{ name: 'default', mode: 'SSO' }] } });
    expect((await withCloudCliCredentials(resolve(), sso.deps(), DEFAULTS)).notes).toEqual([
      'KooCLI ~/.hcloud/config.json (profile default): mode SSO is not supported (only AKSK), ignored',
    ]);
  });

  it('a missing file is silent; a broken one or a missing profile is a note, never an error', async () => {
    const none = await withCloudCliCredentials(resolve(), home({}).deps(), DEFAULTS);
    expect(none.notes).toBeUndefined();
    const env = { ALIBABA_CLOUD_PROFILE: 'nope' };
    const broken = await withCloudCliCredentials(resolve(env), home({ '.aliyun/config.json': ALIYUN, '.hcloud/config.json': '{oops' }).deps(env), DEFAULTS);
    expect(broken.notes).toEqual(['aliyun CLI ~/.aliyun/config.json: no profile "nope"', 'KooCLI ~/.hcloud/config.json: not valid JSON, ignored']);
  });
});

describe('flags beat environment beat profile (settings other than credentials)', () => {
  it('region and endpoint', () => {
    const env = { HUAWEICLOUD_SDK_REGION: 'cn-east-3', HOOKCTL_ENDPOINT: 'http://env' };
    expect(resolve(env, 'prod', { region: 'ap-southeast-3' }).huawei.region.source).toBe('flag --region');
    expect(resolve(env, 'prod').huawei.region).toEqual({ value: 'cn-east-3', source: 'env HUAWEICLOUD_SDK_REGION' });
    expect(resolve({}, 'prod').huawei.region).toEqual({ value: 'cn-south-1', source: 'profile prod' });
    expect(resolve(env, 'prod', { endpoint: 'http://flag' }).codearts.endpoint.source).toBe('flag --endpoint');
  });
});
