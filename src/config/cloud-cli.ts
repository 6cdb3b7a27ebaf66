/**
 * The last link of the credential chain: the profile files of the clouds' own CLIs. They are read
 * only when no earlier link (environment, hookctl profile) gave that provider any credentials, and
 * only the static key modes are taken: modes that need a network exchange (RAM roles, ECS
 * metadata, SSO, agencies) are passed over with a note, never half-used.
 */
import { join } from 'node:path';
import { Secret } from '../model/secret.js';
import { type AlibabaKeys, type EndpointDefaults, type HuaweiCredentials, type ResolvedSettings, type Sourced, usableHuawei } from './resolve.js';

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

export interface CloudCliDeps {
  env: Record<string, string | undefined>;
  homeDir: string;
  readFile(path: string): Promise<string | undefined>;
}

type Json = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const secret = (value: unknown): Secret | undefined => {
  const found = text(value);
  return found === undefined ? undefined : new Secret(found);
};

/** Fills credentials no earlier link supplied from the cloud CLIs' files; returns a new settings object. */
export async function withCloudCliCredentials(settings: ResolvedSettings, deps: CloudCliDeps, defaults: EndpointDefaults): Promise<ResolvedSettings> {
  const notes = [...(settings.notes ?? [])];
  let next = settings;
  if (!settings.codeup.accessKeyId) {
    const keys = await fromAliyunCli(deps, notes);
    if (keys) next = { ...next, codeup: { ...next.codeup, ...keys } };
  }
  const h = settings.huawei;
  if (!h.token && !h.accessKey && !h.iam) {
    const found = await fromKooCli(deps, notes);
    if (found) next = withHuawei(next, found, defaults);
  }
  return notes.length > 0 ? { ...next, notes } : next;
}

interface CliProfile {
  profile: Json;
  name: string;
  source: string;
}

/** Reads one CLI file and picks its profile; undefined (with a note when it matters) otherwise. */
async function pickProfile(
  facts: { label: string; file: readonly string[]; profileVariables: readonly string[] },
  fallbackProfile: string | undefined,
  deps: CloudCliDeps,
  notes: string[],
): Promise<{ found: CliProfile; file: Json } | undefined> {
  const path = join(deps.homeDir, ...facts.file);
  const shown = `~/${facts.file.join('/')}`;
  let raw: string | undefined;
  try {
    raw = await deps.readFile(path);
  } catch (error) {
    notes.push(`${facts.label} ${shown}: cannot be read (${(error as { code?: string }).code ?? 'error'}), ignored`);
    return undefined;
  }
  if (raw === undefined) return undefined;
  let file: unknown;
  try {
    file = JSON.parse(raw);
  } catch {
    notes.push(`${facts.label} ${shown}: not valid JSON, ignored`);
    return undefined;
  }
  if (file === null || typeof file !== 'object' || Array.isArray(file)) return undefined;
  const json = file as Json;
  const fromEnv = facts.profileVariables.map((name) => text(deps.env[name])).find((v) => v !== undefined);
  const name = fromEnv ?? text(json.current) ?? fallbackProfile;
  const profiles = Array.isArray(json.profiles) ? (json.profiles as unknown[]) : [];
  const profile = profiles.find((p): p is Json => p !== null && typeof p === 'object' && (p as Json).name === name);
  if (!profile || name === undefined) {
    if (name !== undefined) notes.push(`${facts.label} ${shown}: no profile "${name}"`);
    return undefined;
  }
  return { found: { profile, name, source: `${facts.label} ${shown} (profile ${name})` }, file: json };
}

async function fromAliyunCli(deps: CloudCliDeps, notes: string[]): Promise<AlibabaKeys | undefined> {
  if (ALIYUN_CLI.disableVariables.some((name) => deps.env[name]?.toLowerCase() === 'true')) return undefined;
  const picked = await pickProfile(ALIYUN_CLI, undefined, deps, notes);
  if (!picked) return undefined;
  const { profile, source } = picked.found;
  const mode = text(profile.mode) ?? 'AK';
  if (!(ALIYUN_CLI.staticModes as readonly string[]).includes(mode)) {
    notes.push(`${source}: mode ${mode} is not supported (only ${ALIYUN_CLI.staticModes.join(', ')}), ignored`);
    return undefined;
  }
  const accessKeyId = text(profile.access_key_id);
  const accessKeySecret = secret(profile.access_key_secret);
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = mode === 'StsToken' ? secret(profile.sts_token) : undefined;
  const at = <T>(value: T | undefined): Sourced<T> | undefined => (value === undefined ? undefined : { value, source });
  return { accessKeyId: at(accessKeyId), accessKeySecret: at(accessKeySecret), securityToken: at(securityToken) };
}

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
    secretKey: at(secret(profile.secretAccessKey)),
    securityToken: at(secret(profile.securityToken)),
  });
  if (!credentials) return undefined;
  return { credentials, region: at(text(profile.region)), projectId: at(text(profile.projectId)) };
}

/**
 * KooCLI credentials bring their profile's region and project id, used only where nothing else set
 * them; endpoints that were defaults follow the region.
 */
function withHuawei(settings: ResolvedSettings, found: KooCliFound, defaults: EndpointDefaults): ResolvedSettings {
  const useRegion = found.region !== undefined && settings.huawei.region.source === 'default';
  const region = useRegion && found.region ? found.region : settings.huawei.region;
  const follow = (current: Sourced<string>, fallback: (r: string) => string): Sourced<string> =>
    useRegion && current.source === 'default' ? { value: fallback(region.value), source: 'default' } : current;
  return {
    ...settings,
    huawei: {
      ...settings.huawei,
      ...found.credentials,
      region,
      projectId: settings.huawei.projectId ?? found.projectId,
      iamEndpoint: follow(settings.huawei.iamEndpoint, defaults.iam),
    },
    codearts: {
      ...settings.codearts,
      endpoint: follow(settings.codearts.endpoint, defaults.codearts),
      projectId: settings.codearts.projectId ?? found.projectId,
    },
    servicestage: { ...settings.servicestage, endpoint: follow(settings.servicestage.endpoint, defaults.servicestage) },
  };
}
