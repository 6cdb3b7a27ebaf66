/**
 * Huawei Cloud settings shared by both Huawei providers: which credentials win, how they are
 * described, the IAM endpoint. Cheap to import: the signers load only when an adapter is built.
 */
import type { ResolvedSettings } from '../../config/resolve.js';
import type { IamPasswordIdentity } from '../../http/auth/iam-token.js';
import type { Secret } from '../../model/secret.js';
import { type CredentialRow, hiddenRow, keyIdRow, NOT_CONFIGURED, plainRow } from '../credentials.js';
import type { ProviderDeps } from '../deps.js';
import { endpointUrl } from '../endpoint.js';

type Credentials = { token?: unknown; accessKey?: unknown; secretKey?: unknown; iam?: unknown };

/** Huawei credentials, shared by both Huawei providers. The first complete one wins, in the order of settings.ts HUAWEI_MODES. */
export interface HuaweiAuthOptions {
  /** An IAM token, sent as X-Auth-Token. */
  token?: Secret | undefined;
  accessKey?: string | undefined;
  secretKey?: Secret | undefined;
  /** Temporary AK/SK come with a security token. */
  securityToken?: Secret | undefined;
  /** IAM user + password, exchanged for a project-scoped token that is cached between runs. */
  iam?: IamPasswordIdentity | undefined;
  /** Where the credentials came from, for the error when IAM refuses the password. */
  iamSource?: string | undefined;
}

/** Huawei IAM's regional endpoint (codearts.md §4a); `HOOKCTL_IAM_ENDPOINT` overrides it. */
export const huaweiIamEndpoint = (region: string): string => `https://iam.${region}.myhuaweicloud.com`;

/**
 * The one place the order of Huawei credential modes is written: an IAM token, then AK/SK, then
 * an IAM user and password. The first complete one is used (adapters, `auth status`, the chain).
 */
export const HUAWEI_MODES = ['token', 'aksk', 'iam'] as const;
export type HuaweiMode = (typeof HUAWEI_MODES)[number];

const present: Record<HuaweiMode, (c: Credentials) => boolean> = {
  token: (c) => Boolean(c.token),
  aksk: (c) => Boolean(c.accessKey) && Boolean(c.secretKey),
  iam: (c) => Boolean(c.iam),
};

/** The mode these credentials authenticate with, or undefined when none is complete. */
export function huaweiModeOf(credentials: Credentials): HuaweiMode | undefined {
  return HUAWEI_MODES.find((mode) => present[mode](credentials));
}

/** The IAM login the settings describe, if any: the token is scoped to the region's project by default. */
export function huaweiIamIdentity(settings: ResolvedSettings) {
  const iam = settings.huawei.iam?.value;
  if (!iam) return undefined;
  const endpoint = endpointUrl(settings.huawei.iamEndpoint, 'IAM endpoint');
  return { endpoint, domain: iam.domain, user: iam.user, password: iam.password, project: iam.project ?? settings.huawei.region.value };
}

/** What an adapter's auth step is built from (huawei/auth.ts). */
export function huaweiAuthOptions(settings: ResolvedSettings): HuaweiAuthOptions {
  const h = settings.huawei;
  return {
    token: h.token?.value,
    accessKey: h.accessKey?.value,
    secretKey: h.secretKey?.value,
    securityToken: h.securityToken?.value,
    iam: huaweiIamIdentity(settings),
    iamSource: h.iam?.source,
  };
}

/** `auth status`: the mode in use and its credentials, masked. */
export function describeHuaweiAuth(settings: ResolvedSettings): { mode: string; credentials: CredentialRow[] } {
  const h = settings.huawei;
  switch (huaweiModeOf(h)) {
    case 'token':
      return { mode: 'IAM token', credentials: hiddenRow('token', h.token) };
    case 'aksk': {
      const credentials = [...keyIdRow('accessKey', h.accessKey), ...hiddenRow('secretKey', h.secretKey), ...hiddenRow('securityToken', h.securityToken)];
      return { mode: h.securityToken ? 'AK/SK (temporary)' : 'AK/SK', credentials };
    }
    case 'iam': {
      if (!h.iam) break;
      const { value, source } = h.iam;
      const project = value.project ? { value: value.project, source } : { value: h.region.value, source: `region (${h.region.source})` };
      const credentials = [
        ...plainRow('iam.user', { value: value.user, source }),
        ...hiddenRow('iam.password', { value: value.password, source }),
        ...plainRow('iam.domain', { value: value.domain, source }),
        ...plainRow('iam.project', project),
        ...plainRow('iamEndpoint', h.iamEndpoint),
      ];
      return { mode: 'IAM password', credentials };
    }
  }
  return { mode: NOT_CONFIGURED, credentials: [] };
}

/**
 * `auth status --check` in IAM password mode: one fresh login (which also refreshes the token
 * cache). Both Huawei providers share it, so it runs once per `auth status`.
 */
export const huaweiLoginCheck = {
  key: 'huawei-iam-login',
  applies: (settings: ResolvedSettings): boolean => huaweiModeOf(settings.huawei) === 'iam',
  async run(settings: ResolvedSettings, deps: ProviderDeps): Promise<string> {
    const identity = huaweiIamIdentity(settings);
    if (!identity) return '';
    const { createIamTokenAuth } = await import('../../http/auth/iam-token.js');
    await createIamTokenAuth(identity, deps).renew?.();
    return `IAM login at ${identity.endpoint.host} as ${identity.user} (account ${identity.domain}, project ${identity.project})`;
  },
};
