/**
 * The Huawei Cloud settings section both Huawei providers share: profile key `huaweicloud`, the
 * region, one set of credentials (chosen link by link), the project id and the IAM endpoint;
 * KooCLI's file as the chain's last link.
 */
import type { z } from 'zod';
import { checkEndpoint, checkRegion, REGION, REGION_RULE } from '../../config/checks.js';
import { pickProfile, secretText, text } from '../../config/cloud-cli.js';
import { first, secret } from '../../config/resolve.js';
import type { CloudCliDeps, Env, ResolvedSettings, SchemaKit, SettingsSection, Sourced } from '../../config/section.js';
import { Secret } from '../../model/secret.js';
import { HUAWEI_MODES, type HuaweiMode, huaweiIamEndpoint } from './settings.js';

export interface HuaweiSettings {
  region: Sourced<string>;
  token?: Sourced<Secret> | undefined;
  accessKey?: Sourced<string> | undefined;
  secretKey?: Sourced<Secret> | undefined;
  securityToken?: Sourced<Secret> | undefined;
  projectId?: Sourced<string> | undefined;
  iam?: Sourced<{ user: string; password: Secret; domain: string; project?: string | undefined }> | undefined;
  /** Where an IAM user and password are exchanged for a token. */
  iamEndpoint: Sourced<string>;
}

declare module '../../config/section.js' {
  interface ProviderSettings {
    huawei: HuaweiSettings;
  }
}

/** The credentials one link of the chain supplies, as a unit. */
export type HuaweiCredentials = Pick<HuaweiSettings, 'token' | 'accessKey' | 'secretKey' | 'securityToken' | 'iam'>;

export const huaweiProfileSchema = ({ z, fields }: SchemaKit) =>
  z.strictObject({
    /** Put into host names (iam.{region}.myhuaweicloud.com), so only a region id passes. */
    region: z.string().max(64).regex(REGION, { message: REGION_RULE }).optional(),
    token: fields.text.optional(),
    accessKey: fields.text.optional(),
    secretKey: fields.text.optional(),
    securityToken: fields.text.optional(),
    projectId: fields.text.optional(),
    iam: z
      .strictObject({
        user: fields.text,
        password: fields.text,
        domain: fields.text,
        /** Project name (usually the region, e.g. cn-north-4) the token is scoped to. */
        project: fields.text.optional(),
      })
      .optional(),
    iamEndpoint: fields.url.optional(),
  });
type HuaweiProfile = z.infer<ReturnType<typeof huaweiProfileSchema>>;

export const DEFAULT_REGION = 'cn-north-4';

/** Whether a link holds a complete set for `mode` (an AK without its SK is no mode). */
const complete: Record<HuaweiMode, (link: HuaweiCredentials) => boolean> = {
  token: (link) => link.token !== undefined,
  aksk: (link) => link.accessKey !== undefined && link.secretKey !== undefined,
  iam: (link) => link.iam !== undefined,
};

/** The complete modes a link offers (in HUAWEI_MODES order of use), or undefined if none. */
export function usableHuawei(link: HuaweiCredentials): HuaweiCredentials | undefined {
  const modes = HUAWEI_MODES.filter((mode) => complete[mode](link));
  if (modes.length === 0) return undefined;
  const keys = modes.includes('aksk') ? { accessKey: link.accessKey, secretKey: link.secretKey, securityToken: link.securityToken } : {};
  return { token: link.token, ...keys, iam: link.iam };
}

/** HOOKCTL_IAM_USER, _PASSWORD and _DOMAIN (all three), optional _PROJECT. */
function iamFromEnv(env: Env): HuaweiCredentials['iam'] {
  const { HOOKCTL_IAM_USER: user, HOOKCTL_IAM_PASSWORD: password, HOOKCTL_IAM_DOMAIN: domain } = env;
  if (!user || !password || !domain) return undefined;
  const project = env.HOOKCTL_IAM_PROJECT || undefined;
  return { value: { user, password: new Secret(password), domain, project }, source: 'env HOOKCTL_IAM_USER/_PASSWORD/_DOMAIN' };
}

/**
 * KooCLI (`hcloud`) facts — UNCERTAIN: Huawei documents the commands (`hcloud configure set
 * --cli-profile … --cli-mode=AKSK --cli-access-key … --cli-secret-key … --cli-security-token …
 * --cli-region … --cli-project-id …`, docs hcli_03_003_01/03) but not the file's JSON. The shape
 * below — `{"current", "authEncrypt", "profiles":[{"name","mode","accessKeyId","secretAccessKey",
 * "securityToken","region","projectId"}]}` — is what third-party tools reading ~/.hcloud/config.json
 * use (name, accessKeyId, secretAccessKey, current, authEncrypt seen; the other keys inferred from
 * the same camelCase pattern). Newer KooCLI versions encrypt the keys (`authEncrypt: "true"`); those
 * cannot be used. KooCLI selects a profile with --cli-profile only: no environment variable is
 * documented, so the file's current profile (else "default") is used.
 */
export const KOOCLI = {
  label: 'KooCLI',
  file: ['.hcloud', 'config.json'],
  profileVariables: [] as readonly string[],
  defaultProfile: 'default',
  staticModes: ['AKSK'],
} as const;

interface KooCliFound {
  credentials: HuaweiCredentials;
  region?: Sourced<string> | undefined;
  projectId?: Sourced<string> | undefined;
}

async function fromKooCli(deps: CloudCliDeps, notes: string[]): Promise<KooCliFound | undefined> {
  const picked = await pickProfile(KOOCLI, KOOCLI.defaultProfile, deps, notes);
  if (!picked) return undefined;
  const { profile, source } = picked.found;
  const encrypted = picked.file.authEncrypt === true || picked.file.authEncrypt === 'true';
  if (encrypted) {
    notes.push(`${source}: the keys are stored encrypted (authEncrypt), which hookctl cannot read; set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK`);
    return undefined;
  }
  const mode = text(profile.mode) ?? 'AKSK';
  if (!(KOOCLI.staticModes as readonly string[]).includes(mode)) {
    notes.push(`${source}: mode ${mode} is not supported (only AKSK), ignored`);
    return undefined;
  }
  const at = <T>(value: T | undefined): Sourced<T> | undefined => (value === undefined ? undefined : { value, source });
  const credentials = usableHuawei({
    accessKey: at(text(profile.accessKeyId)),
    secretKey: at(secretText(profile.secretAccessKey)),
    securityToken: at(secretText(profile.securityToken)),
  });
  if (!credentials) return undefined;
  return { credentials, region: at(text(profile.region)), projectId: at(text(profile.projectId)) };
}

/**
 * A default endpoint that follows the final region: default endpoints are derived from the
 * region once the whole chain has run (KooCLI may bring a region late).
 */
export function followRegion(endpoint: Sourced<string>, settings: ResolvedSettings, fromRegion: (region: string) => string): Sourced<string> {
  return endpoint.source === 'default' ? { value: fromRegion(settings.huawei.region.value), source: 'default' } : endpoint;
}

/** The variables a Huawei Cloud login holds: an IAM token, or an AccessKey pair. */
export const HUAWEI_LOGIN_VARIABLES = ['HUAWEICLOUD_TOKEN', 'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK'] as const;

/** A stored login is a link of its own, after the profile: it replaces the section's credentials as a unit. */
function applyHuaweiLogin(settings: ResolvedSettings, values: Readonly<Record<string, string>>, source: string): ResolvedSettings {
  const at = <T>(value: T | undefined): Sourced<T> | undefined => (value === undefined ? undefined : { value, source });
  const credentials = usableHuawei({
    token: at(secret(values.HUAWEICLOUD_TOKEN)),
    accessKey: at(values.HUAWEICLOUD_SDK_AK || undefined),
    secretKey: at(secret(values.HUAWEICLOUD_SDK_SK)),
  });
  if (!credentials) return settings;
  const { token: _t, accessKey: _a, secretKey: _s, securityToken: _st, iam: _i, ...rest } = settings.huawei;
  return { ...settings, huawei: { ...rest, ...credentials } };
}

export const huaweiSettings: SettingsSection = {
  login: {
    variables: HUAWEI_LOGIN_VARIABLES,
    wanted: (settings) => usableHuawei(settings.huawei) === undefined,
    apply: applyHuaweiLogin,
  },
  key: 'huawei',
  profileKey: 'huaweicloud',
  schema: huaweiProfileSchema,
  secretKeys: [['token'], ['secretKey'], ['securityToken'], ['iam', 'password']],
  credentialVariables: ['HUAWEICLOUD_*'],
  keyIdKeys: ['accessKey'],
  endpointVariables: ['HOOKCTL_IAM_ENDPOINT'],
  resolve(ctx): HuaweiSettings {
    const h = ctx.profile('huaweicloud') as HuaweiProfile | undefined;
    const prof = ctx.profileSource;
    const region = first(['flag --region', ctx.flags.region], ctx.envOf('HUAWEICLOUD_SDK_REGION'), [prof, h?.region]) ?? {
      value: DEFAULT_REGION,
      source: 'default',
    };
    const links: HuaweiCredentials[] = [
      // hookctl's own variables
      { token: first(ctx.envSecret('HUAWEICLOUD_TOKEN')), iam: iamFromEnv(ctx.env) },
      // the Huawei Cloud SDKs' variables
      {
        accessKey: first(ctx.envOf('HUAWEICLOUD_SDK_AK')),
        secretKey: first(ctx.envSecret('HUAWEICLOUD_SDK_SK')),
        securityToken: first(ctx.envSecret('HUAWEICLOUD_SDK_SECURITY_TOKEN')),
      },
      {
        token: first([prof, secret(h?.token)]),
        accessKey: first([prof, h?.accessKey]),
        secretKey: first([prof, secret(h?.secretKey)]),
        securityToken: first([prof, secret(h?.securityToken)]),
        iam: h?.iam ? { value: { ...h.iam, password: new Secret(h.iam.password) }, source: prof } : undefined,
      },
    ];
    const credentials = links.map(usableHuawei).find((usable) => usable !== undefined) ?? {};
    return {
      region,
      ...credentials,
      projectId: first(ctx.envOf('HUAWEICLOUD_SDK_PROJECT_ID'), [prof, h?.projectId]),
      iamEndpoint: first(['flag --endpoint', ctx.flags.endpoint], ctx.envOf('HOOKCTL_IAM_ENDPOINT'), ctx.envOf('HOOKCTL_ENDPOINT'), [prof, h?.iamEndpoint]) ?? {
        value: huaweiIamEndpoint(region.value),
        source: 'default',
      },
    };
  },
  /** KooCLI credentials bring their profile's region and project id, used only where nothing else set them. */
  async fromCloudCli(settings, deps, notes) {
    const h = settings.huawei;
    if (h.token || h.accessKey || h.iam) return settings;
    const found = await fromKooCli(deps, notes);
    if (!found) return settings;
    const region = found.region !== undefined && h.region.source === 'default' ? found.region : h.region;
    return { ...settings, huawei: { ...h, ...found.credentials, region, projectId: h.projectId ?? found.projectId } };
  },
  follow: (settings) => ({ ...settings, huawei: { ...settings.huawei, iamEndpoint: followRegion(settings.huawei.iamEndpoint, settings, huaweiIamEndpoint) } }),
  check(settings, allowHttp) {
    checkRegion(settings.huawei.region);
    checkEndpoint(settings.huawei.iamEndpoint, 'IAM endpoint', allowHttp);
  },
};
