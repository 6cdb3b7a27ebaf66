import { Secret } from '../model/secret.js';
import type { LoadedConfig } from './load.js';
import type { Profile } from './schema.js';

/** A setting and where it came from, for `config show` and `auth status`. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** Global flags that take part in resolution (flags beat environment beat profile beat defaults). */
export interface ResolveFlags {
  endpoint?: string | undefined;
  region?: string | undefined;
  codeupMode?: 'v3' | 'oapi' | undefined;
  timeout?: number | undefined;
  retries?: number | undefined;
}

export interface ResolvedSettings {
  file: string | undefined;
  profileName: string | undefined;
  output: 'table' | 'json' | 'yaml' | undefined;
  timeoutMs: number;
  retries: number;
  codeup: {
    mode: Sourced<'v3' | 'oapi'>;
    endpoint: Sourced<string>;
    accessKeyId?: Sourced<string> | undefined;
    accessKeySecret?: Sourced<Secret> | undefined;
    securityToken?: Sourced<Secret> | undefined;
    token?: Sourced<Secret> | undefined;
  };
  huawei: {
    region: Sourced<string>;
    token?: Sourced<Secret> | undefined;
    accessKey?: Sourced<string> | undefined;
    secretKey?: Sourced<Secret> | undefined;
    securityToken?: Sourced<Secret> | undefined;
    projectId?: Sourced<string> | undefined;
    iam?: Sourced<{ user: string; password: Secret; domain: string; project?: string | undefined }> | undefined;
    /** Where an IAM user and password are exchanged for a token. */
    iamEndpoint: Sourced<string>;
  };
  codearts: { endpoint: Sourced<string>; projectId?: Sourced<string> | undefined };
  servicestage: { endpoint: Sourced<string>; repoAuth?: Sourced<string> | undefined };
  /** Why a credential source was passed over (e.g. an unusable cloud CLI profile); `auth status` prints them. */
  notes?: string[] | undefined;
}

/** The credentials CodeArts and ServiceStage share; one link of the chain supplies all of them. */
export type HuaweiCredentials = Pick<ResolvedSettings['huawei'], 'token' | 'accessKey' | 'secretKey' | 'securityToken' | 'iam'>;
/** Codeup's AccessKey pair (and STS token), supplied as a unit by one link of the chain. */
export type AlibabaKeys = Pick<ResolvedSettings['codeup'], 'accessKeyId' | 'accessKeySecret' | 'securityToken'>;

export const DEFAULTS = {
  timeoutMs: 30_000,
  retries: 3,
  region: 'cn-north-4',
  codeupEndpoint: 'https://codeup.cn-hangzhou.aliyuncs.com',
  yunxiaoEndpoint: 'https://openapi-rdc.aliyuncs.com',
} as const;

type Candidate<T> = [source: string, value: T | undefined];

/** The first candidate that has a value wins; the order of the list is the precedence. */
export function first<T>(...candidates: Candidate<T>[]): Sourced<T> | undefined {
  for (const [source, value] of candidates) {
    if (value !== undefined && value !== '') return { value, source };
  }
  return undefined;
}

const secret = (value: string | undefined) => (value === undefined || value === '' ? undefined : new Secret(value));

export interface EndpointDefaults {
  codearts: (region: string) => string;
  servicestage: (region: string) => string;
  /** Huawei IAM, where a user and password are exchanged for a token. */
  iam: (region: string) => string;
}

export function resolveSettings(
  loaded: LoadedConfig,
  flags: ResolveFlags,
  env: Record<string, string | undefined>,
  defaults: EndpointDefaults,
): ResolvedSettings {
  const p = loaded.profile;
  const prof = `profile ${loaded.profileName ?? ''}`.trim();
  const envOf = (name: string): Candidate<string> => [`env ${name}`, env[name]];
  const envSecret = (name: string): Candidate<Secret> => [`env ${name}`, secret(env[name])];
  const endpointFor = (provider: string, fromProfile: string | undefined, fallback: string): Sourced<string> =>
    first(['flag --endpoint', flags.endpoint], envOf(`HOOKCTL_${provider.toUpperCase()}_ENDPOINT`), envOf('HOOKCTL_ENDPOINT'), [prof, fromProfile]) ?? {
      value: fallback,
      source: 'default',
    };

  const codeupMode = first<'v3' | 'oapi'>(
    ['flag --codeup-mode', flags.codeupMode],
    ['env HOOKCTL_CODEUP_MODE', env.HOOKCTL_CODEUP_MODE === 'oapi' || env.HOOKCTL_CODEUP_MODE === 'v3' ? env.HOOKCTL_CODEUP_MODE : undefined],
    [prof, p.codeup?.mode],
  ) ?? { value: 'v3', source: 'default' };
  const region = first(['flag --region', flags.region], envOf('HUAWEICLOUD_SDK_REGION'), [prof, p.huaweicloud?.region]) ?? {
    value: DEFAULTS.region,
    source: 'default',
  };

  return {
    file: loaded.file,
    profileName: loaded.profileName,
    output: loaded.config.output,
    timeoutMs: flags.timeout ?? loaded.config.timeout ?? DEFAULTS.timeoutMs,
    retries: flags.retries ?? loaded.config.retries ?? DEFAULTS.retries,
    codeup: {
      mode: codeupMode,
      endpoint: endpointFor('codeup', p.codeup?.endpoint, codeupMode.value === 'oapi' ? DEFAULTS.yunxiaoEndpoint : DEFAULTS.codeupEndpoint),
      ...alibabaKeys(env, p, prof),
      token: first(envSecret('CODEUP_TOKEN'), envSecret('ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN'), [prof, secret(p.codeup?.token)]),
    },
    huawei: {
      region,
      ...huaweiCredentials(env, p, prof),
      projectId: first(envOf('HUAWEICLOUD_SDK_PROJECT_ID'), [prof, p.huaweicloud?.projectId]),
      iamEndpoint: first(['flag --endpoint', flags.endpoint], envOf('HOOKCTL_IAM_ENDPOINT'), envOf('HOOKCTL_ENDPOINT'), [prof, p.huaweicloud?.iamEndpoint]) ?? {
        value: defaults.iam(region.value),
        source: 'default',
      },
    },
    codearts: {
      endpoint: endpointFor('codearts', p.codearts?.endpoint, defaults.codearts(region.value)),
      projectId: first(envOf('HUAWEICLOUD_SDK_PROJECT_ID'), [prof, p.codearts?.projectId ?? p.huaweicloud?.projectId]),
    },
    servicestage: {
      endpoint: endpointFor('servicestage', p.servicestage?.endpoint, defaults.servicestage(region.value)),
      repoAuth: first(envOf('SERVICESTAGE_REPO_AUTH'), [prof, p.servicestage?.repoAuth]),
    },
  };
}

// ---- credential chains (README "Credentials"): the first link with a complete set wins, as a unit,
// so a key id from one place is never paired with a secret from another. Flags never carry
// credentials (they would land in shell history); the clouds' CLI files, the last link, are read
// later and only when needed (cloud-cli.ts).

type Env = Record<string, string | undefined>;

function alibabaKeys(env: Env, p: Profile, prof: string): AlibabaKeys {
  const links: AlibabaKeys[] = [
    {
      accessKeyId: first(['env ALIBABA_CLOUD_ACCESS_KEY_ID', env.ALIBABA_CLOUD_ACCESS_KEY_ID]),
      accessKeySecret: first(['env ALIBABA_CLOUD_ACCESS_KEY_SECRET', secret(env.ALIBABA_CLOUD_ACCESS_KEY_SECRET)]),
      securityToken: first(['env ALIBABA_CLOUD_SECURITY_TOKEN', secret(env.ALIBABA_CLOUD_SECURITY_TOKEN)]),
    },
    {
      accessKeyId: first([prof, p.codeup?.accessKeyId]),
      accessKeySecret: first([prof, secret(p.codeup?.accessKeySecret)]),
      securityToken: first([prof, secret(p.codeup?.securityToken)]),
    },
  ];
  return links.find((link) => link.accessKeyId && link.accessKeySecret) ?? {};
}

function huaweiCredentials(env: Env, p: Profile, prof: string): HuaweiCredentials {
  const h = p.huaweicloud;
  const links: HuaweiCredentials[] = [
    // hookctl's own variables
    { token: first(['env HUAWEICLOUD_TOKEN', secret(env.HUAWEICLOUD_TOKEN)]), iam: iamFromEnv(env) },
    // the Huawei Cloud SDKs' variables
    {
      accessKey: first(['env HUAWEICLOUD_SDK_AK', env.HUAWEICLOUD_SDK_AK]),
      secretKey: first(['env HUAWEICLOUD_SDK_SK', secret(env.HUAWEICLOUD_SDK_SK)]),
      securityToken: first(['env HUAWEICLOUD_SDK_SECURITY_TOKEN', secret(env.HUAWEICLOUD_SDK_SECURITY_TOKEN)]),
    },
    {
      token: first([prof, secret(h?.token)]),
      accessKey: first([prof, h?.accessKey]),
      secretKey: first([prof, secret(h?.secretKey)]),
      securityToken: first([prof, secret(h?.securityToken)]),
      iam: h?.iam ? { value: { ...h.iam, password: new Secret(h.iam.password) }, source: prof } : undefined,
    },
  ];
  for (const link of links) {
    const usable = usableHuawei(link);
    if (usable) return usable;
  }
  return {};
}

/** HOOKCTL_IAM_USER, _PASSWORD and _DOMAIN (all three), optional _PROJECT. */
function iamFromEnv(env: Env): HuaweiCredentials['iam'] {
  const { HOOKCTL_IAM_USER: user, HOOKCTL_IAM_PASSWORD: password, HOOKCTL_IAM_DOMAIN: domain } = env;
  if (!user || !password || !domain) return undefined;
  const project = env.HOOKCTL_IAM_PROJECT || undefined;
  return { value: { user, password: new Secret(password), domain, project }, source: 'env HOOKCTL_IAM_USER/_PASSWORD/_DOMAIN' };
}

/** The complete modes a link offers (an AK without its SK is no mode), or undefined if none. */
export function usableHuawei(link: HuaweiCredentials): HuaweiCredentials | undefined {
  const aksk = link.accessKey !== undefined && link.secretKey !== undefined;
  if (!link.token && !aksk && !link.iam) return undefined;
  const keys = aksk ? { accessKey: link.accessKey, secretKey: link.secretKey, securityToken: link.securityToken } : {};
  return { token: link.token, ...keys, iam: link.iam };
}
