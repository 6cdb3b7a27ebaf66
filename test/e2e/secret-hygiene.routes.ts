/**
 * The planted secrets of the secret hygiene test: every route a credential or hook secret can take
 * into hookctl, the output modes, and the emulator set-ups (accepting, refusing, echoing).
 */
import { createHash } from 'node:crypto';
import { HttpResponse, http } from 'msw';
import { EMULATOR_CREDENTIALS as C, type EmulatorCredentialOverrides } from '../../src/emulator/credentials.js';

export { C };

export type Env = Record<string, string | undefined>;
export type Provider = 'codeup' | 'oapi' | 'codearts' | 'servicestage';

/** Deterministic, unique per label, with the characters that need URL and JSON escaping. */
export function plant(label: string): string {
  const hex = createHash('sha256').update(`hookctl-hygiene:${label}`).digest('hex');
  return `S${hex.slice(0, 24)}+/="${hex.slice(24, 32)}`;
}

const WINDOW = 10;
/** Every 10-character piece of a secret: a truncated or partly masked leak is still a leak. */
function pieces(secret: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + WINDOW <= secret.length; i++) out.add(secret.slice(i, i + WINDOW));
  return [...out];
}

export function leakIn(text: string, secrets: readonly string[]): string | undefined {
  for (const secret of secrets) {
    const found = pieces(secret).find((piece) => text.includes(piece));
    if (found) return `"${found}" (from planted secret ${secret})`;
  }
  return undefined;
}

export const TARGETS: Record<Provider, string> = {
  codeup: 'codeup:org/1',
  oapi: 'codeup:org/1',
  codearts: 'codearts:7',
  servicestage: 'servicestage:p/ns/repo',
};

export interface Route {
  name: string;
  provider: Provider;
  /** The environment, given the planted secret and the emulator's URL. */
  env(secret: string, endpoint: string): Env;
  /** Files below the home directory (also the working directory), written 0644. */
  files?(secret: string): Record<string, string>;
  /** What makes the emulator accept this secret (and only it). */
  accept?(secret: string): EmulatorCredentialOverrides;
  /** The hook secret comes from stdin instead of HOOK_SECRET. */
  stdin?: boolean;
}

const alibabaEnv = (endpoint: string) => ({
  HOOKCTL_ENDPOINT: endpoint,
  ALIBABA_CLOUD_ACCESS_KEY_ID: C.alibaba.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: C.alibaba.accessKeySecret,
});
const huaweiEnv = (endpoint: string) => ({ HOOKCTL_ENDPOINT: endpoint, HUAWEICLOUD_TOKEN: C.huawei.iamToken, SERVICESTAGE_REPO_AUTH: C.servicestageRepoAuth });
const iamUser = (password: string) => ({ user: C.huawei.user.name, password, domain: C.huawei.user.domainName });
export const yaml = (lines: string[]) => `${lines.join('\n')}\n`;

export const ROUTES: Route[] = [
  { name: 'hook secret: --secret-env', provider: 'codeup', env: (_s, e) => alibabaEnv(e) },
  { name: 'hook secret: --secret-stdin', provider: 'servicestage', env: (_s, e) => huaweiEnv(e), stdin: true },
  {
    name: 'env ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    provider: 'codeup',
    env: (s, e) => ({ ...alibabaEnv(e), ALIBABA_CLOUD_ACCESS_KEY_SECRET: s }),
    accept: (s) => ({ alibaba: { accessKeySecret: s } }),
  },
  { name: 'env ALIBABA_CLOUD_SECURITY_TOKEN', provider: 'codeup', env: (s, e) => ({ ...alibabaEnv(e), ALIBABA_CLOUD_SECURITY_TOKEN: s }) },
  {
    name: 'env CODEUP_TOKEN (v3 AccessToken)',
    provider: 'codeup',
    env: (s, e) => ({ ...alibabaEnv(e), CODEUP_TOKEN: s }),
    accept: (s) => ({ codeupToken: s }),
  },
  {
    name: 'env CODEUP_TOKEN (oapi)',
    provider: 'oapi',
    env: (s, e) => ({ HOOKCTL_ENDPOINT: e, CODEUP_TOKEN: s, HOOKCTL_CODEUP_MODE: 'oapi' }),
    accept: (s) => ({ codeupToken: s }),
  },
  {
    name: 'env HUAWEICLOUD_TOKEN',
    provider: 'codearts',
    env: (s, e) => ({ ...huaweiEnv(e), HUAWEICLOUD_TOKEN: s }),
    accept: (s) => ({ huawei: { iamToken: s } }),
  },
  {
    name: 'env HUAWEICLOUD_SDK_SK',
    provider: 'codearts',
    env: (s, e) => ({ HOOKCTL_ENDPOINT: e, HUAWEICLOUD_SDK_AK: C.huawei.accessKey, HUAWEICLOUD_SDK_SK: s }),
    accept: (s) => ({ huawei: { secretKey: s } }),
  },
  {
    name: 'env HUAWEICLOUD_SDK_SECURITY_TOKEN',
    provider: 'servicestage',
    env: (s, e) => ({
      HOOKCTL_ENDPOINT: e,
      HUAWEICLOUD_SDK_AK: C.huawei.accessKey,
      HUAWEICLOUD_SDK_SK: C.huawei.secretKey,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: s,
      SERVICESTAGE_REPO_AUTH: C.servicestageRepoAuth,
    }),
  },
  {
    name: 'env HOOKCTL_IAM_PASSWORD',
    provider: 'codearts',
    env: (s, e) => ({ HOOKCTL_ENDPOINT: e, HOOKCTL_IAM_USER: C.huawei.user.name, HOOKCTL_IAM_PASSWORD: s, HOOKCTL_IAM_DOMAIN: C.huawei.user.domainName }),
    accept: (s) => ({ huawei: { user: { password: s } } }),
  },
  {
    name: 'profile: IAM password, literal',
    provider: 'servicestage',
    env: (_s, e) => ({ HOOKCTL_ENDPOINT: e }),
    files: (s) => ({
      '.hookctlrc.json': JSON.stringify({ profiles: { default: { huaweicloud: { iam: iamUser(s) }, servicestage: { repoAuth: C.servicestageRepoAuth } } } }),
    }),
    accept: (s) => ({ huawei: { user: { password: s } } }),
  },
  {
    name: 'profile: codeup.accessKeySecret, literal',
    provider: 'codeup',
    env: (_s, e) => ({ HOOKCTL_ENDPOINT: e }),
    files: (s) => ({
      '.hookctlrc.yaml': yaml(['profiles:', '  default:', '    codeup:', `      accessKeyId: ${C.alibaba.accessKeyId}`, `      accessKeySecret: '${s}'`]),
    }),
    accept: (s) => ({ alibaba: { accessKeySecret: s } }),
  },
  {
    name: 'profile: codeup.token as ${env:…}',
    provider: 'oapi',
    env: (s, e) => ({ HOOKCTL_ENDPOINT: e, MY_PAT: s }),
    files: () => ({ '.hookctlrc.yaml': yaml(['profiles:', '  default:', '    codeup:', '      mode: oapi', '      token: ${env:MY_PAT}']) }),
    accept: (s) => ({ codeupToken: s }),
  },
  {
    name: 'profile: huaweicloud.secretKey as ${env:…}',
    provider: 'codearts',
    env: (s, e) => ({ HOOKCTL_ENDPOINT: e, HW_SK: s }),
    files: () => ({
      '.hookctlrc.yaml': yaml(['profiles:', '  default:', '    huaweicloud:', `      accessKey: ${C.huawei.accessKey}`, '      secretKey: ${env:HW_SK}']),
    }),
    accept: (s) => ({ huawei: { secretKey: s } }),
  },
  {
    name: 'profile in package.json: huaweicloud.token, literal',
    provider: 'codearts',
    env: (_s, e) => ({ HOOKCTL_ENDPOINT: e }),
    files: (s) => ({ 'package.json': JSON.stringify({ name: 'app', hookctl: { profiles: { default: { huaweicloud: { token: s } } } } }) }),
    accept: (s) => ({ huawei: { iamToken: s } }),
  },
  {
    name: 'aliyun CLI ~/.aliyun/config.json',
    provider: 'codeup',
    env: (_s, e) => ({ HOOKCTL_ENDPOINT: e }),
    files: (s) => ({
      '.aliyun/config.json': JSON.stringify({
        current: 'default',
        profiles: [{ name: 'default', mode: 'AK', access_key_id: C.alibaba.accessKeyId, access_key_secret: s }],
      }),
    }),
    accept: (s) => ({ alibaba: { accessKeySecret: s } }),
  },
  {
    name: 'KooCLI ~/.hcloud/config.json',
    provider: 'codearts',
    env: (_s, e) => ({ HOOKCTL_ENDPOINT: e }),
    files: (s) => ({
      '.hcloud/config.json': JSON.stringify({
        current: 'default',
        profiles: [{ name: 'default', mode: 'AKSK', accessKeyId: C.huawei.accessKey, secretAccessKey: s, region: 'cn-north-4' }],
      }),
    }),
    accept: (s) => ({ huawei: { secretKey: s } }),
  },
];

/** Output modes: every format, on a terminal and piped. */
export interface Mode {
  args: string[];
  tty: boolean;
}

export const MODES: Mode[] = [
  { args: [], tty: true },
  { args: [], tty: false },
  { args: ['-o', 'json'], tty: false },
  { args: ['-o', 'yaml'], tty: true },
  { args: ['--json'], tty: true },
];

/** Credentials that match nothing: every request is refused. */
export const REFUSE_ALL: EmulatorCredentialOverrides = {
  alibaba: { accessKeySecret: 'refuse-all-alibaba' },
  codeupToken: 'refuse-all-codeup-token',
  huawei: { iamToken: 'refuse-all-iam-token', secretKey: 'refuse-all-sk', user: { password: 'refuse-all-password' } },
};

/** A 500 whose body repeats the request: URL (query tokens), headers (tokens, signatures) and body (hook secret, password). */
export const echo = http.all('*', async ({ request }) => {
  const body = request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text();
  const seen = `${request.method} ${request.url} headers=${JSON.stringify(Object.fromEntries(request.headers))} body=${body}`;
  return HttpResponse.json(
    {
      error_code: 'ECHO.500',
      error_msg: seen,
      errorCode: 'Echo',
      errorMessage: seen,
      Code: 'Echo',
      Message: seen,
      message: seen,
      error: { message: seen },
      RequestId: 'echo-1',
    },
    { status: 500, headers: { 'x-request-id': 'echo-1', 'x-echo': seen.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000) } },
  );
});
