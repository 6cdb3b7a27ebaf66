/**
 * A provider's slice of the settings, as config/ sees it: config/ knows no provider. Each provider
 * folder declares its sections (providers/<id>/settings.ts), the registry lists them, and the
 * run-time context hands the list to loadConfig, resolveSettings and the checks.
 */
import type { z } from 'zod';
import type { Secret } from '../model/secret.js';

export type Env = Record<string, string | undefined>;

/** What a section's schema is built from: zod itself and the shared field rules (config/schema.ts). */
export interface SchemaKit {
  z: typeof z;
  fields: { url: z.ZodURL; text: z.ZodString };
}

/** A setting and where it came from, for `config show` and `auth status`. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** Global flags that take part in resolution (flags beat environment beat profile beat defaults). */
export interface ResolveFlags {
  endpoint?: string | undefined;
  region?: string | undefined;
  timeout?: number | undefined;
  retries?: number | undefined;
  /** Provider-specific global flags (e.g. an API mode), by their camel-case name. */
  [flag: string]: string | number | undefined;
}

/**
 * Each provider's resolved sections. Empty here: every provider's settings.ts adds its own
 * (TypeScript declaration merging), so config/ names no provider.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the providers' settings.ts files
export interface ProviderSettings {}

export interface BaseSettings {
  file: string | undefined;
  profileName: string | undefined;
  output: 'table' | 'json' | 'yaml' | undefined;
  timeoutMs: number;
  retries: number;
  /** Why a credential source was passed over (e.g. an unusable cloud CLI profile); `auth status` prints them. */
  notes?: string[] | undefined;
}

export type ResolvedSettings = BaseSettings & ProviderSettings;

export type Candidate<T> = [source: string, value: T | undefined];

/** What reading the clouds' CLI files needs (config/cloud-cli.ts). */
export interface CloudCliDeps {
  env: Env;
  homeDir: string;
  readFile(path: string): Promise<string | undefined>;
}

/** What a section's resolution reads: flags beat environment beat profile beat defaults. */
export interface SectionContext {
  env: Env;
  flags: ResolveFlags;
  /** The source label of profile values, e.g. "profile ci". */
  profileSource: string;
  /** The selected profile's section under this key (validated by its schema), if any. */
  profile(key: string): Record<string, unknown> | undefined;
  envOf(name: string): Candidate<string>;
  envSecret(name: string): Candidate<Secret>;
  /** `--endpoint`, HOOKCTL_<NAME>_ENDPOINT, HOOKCTL_ENDPOINT, the profile's value, else the fallback. */
  endpoint(name: string, fromProfile: string | undefined, fallback: string): Sourced<string>;
}

export interface SettingsSection {
  /** Key in ResolvedSettings (e.g. `huawei`). */
  key: string;
  /** Key in a profile and the heading `config show` prints (e.g. `huaweicloud`). */
  profileKey: string;
  /**
   * Builds the zod schema of the profile section (a strict object) from the kit config/schema.ts
   * passes, so a provider's settings module loads no zod: the schema is built only when a config
   * file is validated.
   */
  schema(kit: SchemaKit): z.ZodType;
  /** Key paths inside the profile section that hold credentials (a literal value there is warned about). */
  secretKeys: readonly (readonly string[])[];
  /**
   * Every environment variable the section reads, as names or prefixes ending in `*` (e.g.
   * `ALIBABA_CLOUD_*`): hookctl's own credential variables, which a hook secret (`${env:NAME}`,
   * `--secret-env`) may never name, so no file or plan can have a credential sent as a secret.
   * `HOOKCTL_*` is reserved for every section already.
   */
  credentialVariables: readonly string[];
  /** Keys of the resolved section that hold key ids: not secret, but printed cut to their last four (`config show`, `auth status`). */
  keyIdKeys?: readonly string[];
  /** hookctl variables that name an endpoint of this section, checked even when unused. */
  endpointVariables?: readonly string[];
  /** The section's own environment variables, checked as strictly as the flags they stand for. */
  checkEnvironment?(env: Env): void;
  /** Builds the section; `resolved` holds the sections listed before it. */
  resolve(ctx: SectionContext, resolved: Record<string, unknown>): unknown;
  /** The last link of the credential chain: the clouds' CLI files, read only when no earlier link gave credentials. */
  fromCloudCli?(settings: ResolvedSettings, deps: CloudCliDeps, notes: string[]): Promise<ResolvedSettings>;
  /** After the cloud CLI link: values derived from other settings it may have changed (default endpoints follow the region). */
  follow?(settings: ResolvedSettings): ResolvedSettings;
  /** After the whole chain: choices that depend on what it found (an API mode). */
  settle?(settings: ResolvedSettings): ResolvedSettings;
  /** Region and endpoints, before any request is made. */
  check?(settings: ResolvedSettings, allowHttp: boolean): void;
  /** How a stored login (`hookctl auth login`) fills this section's credentials; absent: none does. */
  login?: SectionLogin;
}

/** A stored login's values, by the environment variable each stands for (e.g. `HUAWEICLOUD_TOKEN`). */
export type LoginValues = Readonly<Record<string, string>>;

export interface SectionLogin {
  /** The variables a login of this section may hold; any other key in a stored login is ignored. */
  variables: readonly string[];
  /**
   * Whether the earlier links (flags, environment, profile) left the section without credentials,
   * so a stored login is read at all: with credentials in the environment no login store is opened.
   */
  wanted(settings: ResolvedSettings): boolean;
  /** The settings with this section's credentials replaced by the login's, each sourced `source`. */
  apply(settings: ResolvedSettings, values: LoginValues, source: string): ResolvedSettings;
}
