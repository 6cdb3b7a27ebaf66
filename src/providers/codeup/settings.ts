/**
 * Codeup's settings section: profile key `codeup`, the API mode, the endpoint, the AccessKey pair
 * and the personal token, each with its source; the aliyun CLI file as the chain's last link.
 */
import type { z } from 'zod';
import { checkEndpoint, quote } from '../../config/checks.js';
import { type CliProfile, pickProfile, secretText, text } from '../../config/cloud-cli.js';
import { first, secret } from '../../config/resolve.js';
import type { CloudCliDeps, ResolvedSettings, SchemaKit, SettingsSection, Sourced } from '../../config/section.js';
import { ConfigError } from '../../errors.js';
import type { Secret } from '../../model/secret.js';
import { CODEUP_OAPI } from '../codeup-oapi/facts.js';
import { CODEUP_V3 } from '../codeup-v3/facts.js';

export type CodeupMode = 'v3' | 'oapi';
/** How v3 requests are signed: `roa` as the official client (the default), `acs3` only when a profile asks. */
export type CodeupSignature = 'roa' | 'acs3';

export interface CodeupSettings {
  mode: Sourced<CodeupMode>;
  endpoint: Sourced<string>;
  accessKeyId?: Sourced<string> | undefined;
  accessKeySecret?: Sourced<Secret> | undefined;
  securityToken?: Sourced<Secret> | undefined;
  token?: Sourced<Secret> | undefined;
  /** Profile `codeup.signature`; absent means the official client's ROA signature (codeup-v3/facts.ts). */
  signature?: Sourced<CodeupSignature> | undefined;
}

declare module '../../config/section.js' {
  interface ProviderSettings {
    codeup: CodeupSettings;
  }
}

export const codeupProfileSchema = ({ z, fields }: SchemaKit) =>
  z.strictObject({
    /** v3 = OpenAPI 2020-04-14 (AK/SK signed); oapi = Yunxiao OpenAPI (personal token only). */
    mode: z.enum(['v3', 'oapi']).optional(),
    endpoint: fields.url.optional(),
    accessKeyId: fields.text.optional(),
    accessKeySecret: fields.text.optional(),
    securityToken: fields.text.optional(),
    token: fields.text.optional(),
    /** v3 only: `acs3` signs with ACS3-HMAC-SHA256 instead of the official client's ROA HMAC-SHA1. */
    signature: z.enum(['roa', 'acs3']).optional(),
  });
type CodeupProfile = z.infer<ReturnType<typeof codeupProfileSchema>>;

/** Each API's default host, from its facts. */
const defaultEndpoint = (mode: CodeupMode): string => (mode === 'oapi' ? CODEUP_OAPI.defaultEndpoint : CODEUP_V3.defaultEndpoint);

const MODES: readonly string[] = ['v3', 'oapi'];
const isMode = (value: unknown): value is CodeupMode => typeof value === 'string' && MODES.includes(value);

/** Codeup's AccessKey pair (and STS token), supplied as a unit by one link of the chain. */
type AlibabaKeys = Pick<CodeupSettings, 'accessKeyId' | 'accessKeySecret' | 'securityToken'>;

/**
 * Which Codeup API a run uses, decided once, after the whole credential chain (the aliyun CLI file
 * may add a key pair late), so commands, `config show` and `auth status` all see the same answer.
 * An explicit mode (flag, env, profile) always wins. Left at its default, a personal token without
 * an AccessKey pair selects the Yunxiao OpenAPI: v3 signs every request with a key, so a token
 * alone could never call it (shared/providers/codeup.md §4).
 */
export function settleCodeupMode(codeup: CodeupSettings): CodeupSettings {
  const hasKeys = codeup.accessKeyId !== undefined && codeup.accessKeySecret !== undefined;
  if (codeup.mode.source !== 'default' || !codeup.token || hasKeys) return codeup;
  return {
    ...codeup,
    mode: { value: 'oapi', source: `automatic: a personal token (${codeup.token.source}) and no AccessKey pair` },
    // The default host was picked for v3 before the mode was known.
    endpoint: codeup.endpoint.source === 'default' ? { value: defaultEndpoint('oapi'), source: 'default (oapi)' } : codeup.endpoint,
  };
}

/**
 * aliyun CLI facts. Sources: aliyun/aliyun-cli `config/configuration.go` (GetCurrentProfile: the
 * three profile variables, in this order) and the Alibaba Cloud credentials SDKs'
 * CLIProfileCredentialsProvider (file path, ALIBABA_CLOUD_PROFILE, ALIBABA_CLOUD_CLI_PROFILE_DISABLED,
 * the AK and StsToken field names); ALIBABA_CLOUD_IGNORE_PROFILE from aliyun-cli's own tests.
 */
export const ALIYUN_CLI = {
  label: 'aliyun CLI',
  file: ['.aliyun', 'config.json'],
  profileVariables: ['ALIBABACLOUD_PROFILE', 'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE'],
  disableVariables: ['ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'ALIBABA_CLOUD_IGNORE_PROFILE'],
  /** `{"current","profiles":[{"name","mode","access_key_id","access_key_secret","sts_token","region_id"}]}`. */
  staticModes: ['AK', 'StsToken'],
} as const;

async function fromAliyunCli(deps: CloudCliDeps, notes: string[]): Promise<AlibabaKeys | undefined> {
  if (ALIYUN_CLI.disableVariables.some((name) => deps.env[name]?.toLowerCase() === 'true')) return undefined;
  const picked = await pickProfile(ALIYUN_CLI, undefined, deps, notes);
  if (!picked) return undefined;
  const { profile, source }: CliProfile = picked.found;
  const mode = text(profile.mode) ?? 'AK';
  if (!(ALIYUN_CLI.staticModes as readonly string[]).includes(mode)) {
    notes.push(`${source}: mode ${mode} is not supported (only ${ALIYUN_CLI.staticModes.join(', ')}), ignored`);
    return undefined;
  }
  const accessKeyId = text(profile.access_key_id);
  const accessKeySecret = secretText(profile.access_key_secret);
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = mode === 'StsToken' ? secretText(profile.sts_token) : undefined;
  const at = <T>(value: T | undefined): Sourced<T> | undefined => (value === undefined ? undefined : { value, source });
  return { accessKeyId: at(accessKeyId), accessKeySecret: at(accessKeySecret), securityToken: at(securityToken) };
}

/** A stored Codeup login: a personal token, or an AccessKey pair (which wins the v3 mode, as in the environment). */
function applyCodeupLogin(settings: ResolvedSettings, values: Readonly<Record<string, string>>, source: string): ResolvedSettings {
  const at = <T>(value: T | undefined): Sourced<T> | undefined => (value === undefined ? undefined : { value, source });
  const accessKeyId = at(values.ALIBABA_CLOUD_ACCESS_KEY_ID || undefined);
  const accessKeySecret = at(secret(values.ALIBABA_CLOUD_ACCESS_KEY_SECRET));
  const token = at(secret(values.CODEUP_TOKEN));
  const keys = accessKeyId && accessKeySecret;
  if (!keys && !token) return settings;
  const { accessKeyId: _a, accessKeySecret: _s, securityToken: _st, token: _t, ...rest } = settings.codeup;
  return { ...settings, codeup: { ...rest, ...(keys ? { accessKeyId, accessKeySecret } : {}), token } };
}

export const codeupSettings: SettingsSection = {
  login: {
    variables: ['CODEUP_TOKEN', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    // A token alone counts: it selects the Yunxiao OpenAPI (settleCodeupMode).
    wanted: (settings) => !settings.codeup.token && !(settings.codeup.accessKeyId && settings.codeup.accessKeySecret),
    apply: applyCodeupLogin,
  },
  key: 'codeup',
  profileKey: 'codeup',
  schema: codeupProfileSchema,
  secretKeys: [['accessKeySecret'], ['securityToken'], ['token']],
  // The Alibaba Cloud SDK and aliyun CLI families (ALIYUN_CLI.profileVariables use all three prefixes).
  credentialVariables: ['ALIBABA_CLOUD_*', 'ALIBABACLOUD_*', 'ALICLOUD_*', 'CODEUP_TOKEN'],
  keyIdKeys: ['accessKeyId'],
  endpointVariables: ['HOOKCTL_CODEUP_ENDPOINT'],
  checkEnvironment(env) {
    const mode = env.HOOKCTL_CODEUP_MODE;
    if (mode !== undefined && !isMode(mode)) throw new ConfigError(`env HOOKCTL_CODEUP_MODE: must be v3 or oapi (got ${quote(mode)})`);
  },
  resolve(ctx): CodeupSettings {
    const p = ctx.profile('codeup') as CodeupProfile | undefined;
    const prof = ctx.profileSource;
    const mode = first<CodeupMode>(
      ['flag --codeup-mode', isMode(ctx.flags.codeupMode) ? ctx.flags.codeupMode : undefined],
      ['env HOOKCTL_CODEUP_MODE', isMode(ctx.env.HOOKCTL_CODEUP_MODE) ? ctx.env.HOOKCTL_CODEUP_MODE : undefined],
      [prof, p?.mode],
    ) ?? { value: 'v3', source: 'default' };
    // The first link with a complete pair wins, as a unit: a key id is never paired with a secret from elsewhere.
    const links: AlibabaKeys[] = [
      {
        accessKeyId: first(ctx.envOf('ALIBABA_CLOUD_ACCESS_KEY_ID')),
        accessKeySecret: first(ctx.envSecret('ALIBABA_CLOUD_ACCESS_KEY_SECRET')),
        securityToken: first(ctx.envSecret('ALIBABA_CLOUD_SECURITY_TOKEN')),
      },
      {
        accessKeyId: first([prof, p?.accessKeyId]),
        accessKeySecret: first([prof, secret(p?.accessKeySecret)]),
        securityToken: first([prof, secret(p?.securityToken)]),
      },
    ];
    return {
      mode,
      endpoint: ctx.endpoint('codeup', p?.endpoint, defaultEndpoint(mode.value)),
      ...(links.find((link) => link.accessKeyId && link.accessKeySecret) ?? {}),
      token: first(ctx.envSecret('CODEUP_TOKEN'), ctx.envSecret('ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN'), [prof, secret(p?.token)]),
      // A profile key only (no flag, no variable): inside a profile, a project config must be trusted to set it.
      signature: first<CodeupSignature>([prof, p?.signature]),
    };
  },
  async fromCloudCli(settings, deps, notes): Promise<ResolvedSettings> {
    if (settings.codeup.accessKeyId) return settings;
    const keys = await fromAliyunCli(deps, notes);
    return keys ? { ...settings, codeup: { ...settings.codeup, ...keys } } : settings;
  },
  settle: (settings) => ({ ...settings, codeup: settleCodeupMode(settings.codeup) }),
  check(settings, allowHttp) {
    checkEndpoint(settings.codeup.endpoint, 'codeup endpoint', allowHttp);
  },
};
