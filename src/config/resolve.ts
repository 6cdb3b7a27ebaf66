import { Secret } from '../model/secret.js';
import type { LoadedConfig } from './load.js';

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
    iamEndpoint?: Sourced<string> | undefined;
  };
  codearts: { endpoint: Sourced<string>; projectId?: Sourced<string> | undefined };
  servicestage: { endpoint: Sourced<string>; repoAuth?: Sourced<string> | undefined };
}

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
  const iam = p.huaweicloud?.iam;

  return {
    file: loaded.file,
    profileName: loaded.profileName,
    output: loaded.config.output,
    timeoutMs: flags.timeout ?? loaded.config.timeout ?? DEFAULTS.timeoutMs,
    retries: loaded.config.retries ?? DEFAULTS.retries,
    codeup: {
      mode: codeupMode,
      endpoint: endpointFor('codeup', p.codeup?.endpoint, codeupMode.value === 'oapi' ? DEFAULTS.yunxiaoEndpoint : DEFAULTS.codeupEndpoint),
      accessKeyId: first(envOf('ALIBABA_CLOUD_ACCESS_KEY_ID'), [prof, p.codeup?.accessKeyId]),
      accessKeySecret: first(envSecret('ALIBABA_CLOUD_ACCESS_KEY_SECRET'), [prof, secret(p.codeup?.accessKeySecret)]),
      securityToken: first(envSecret('ALIBABA_CLOUD_SECURITY_TOKEN'), [prof, secret(p.codeup?.securityToken)]),
      token: first(envSecret('CODEUP_TOKEN'), envSecret('ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN'), [prof, secret(p.codeup?.token)]),
    },
    huawei: {
      region,
      token: first(envSecret('HUAWEICLOUD_TOKEN'), [prof, secret(p.huaweicloud?.token)]),
      accessKey: first(envOf('HUAWEICLOUD_SDK_AK'), [prof, p.huaweicloud?.accessKey]),
      secretKey: first(envSecret('HUAWEICLOUD_SDK_SK'), [prof, secret(p.huaweicloud?.secretKey)]),
      securityToken: first(envSecret('HUAWEICLOUD_SDK_SECURITY_TOKEN'), [prof, secret(p.huaweicloud?.securityToken)]),
      projectId: first(envOf('HUAWEICLOUD_SDK_PROJECT_ID'), [prof, p.huaweicloud?.projectId]),
      iam: iam ? { value: { ...iam, password: new Secret(iam.password) }, source: prof } : undefined,
      iamEndpoint: first(envOf('HOOKCTL_IAM_ENDPOINT'), envOf('HOOKCTL_ENDPOINT'), [prof, p.huaweicloud?.iamEndpoint]),
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
