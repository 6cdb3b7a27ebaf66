import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { interpolateEnv } from './interpolate.js';
import { type ConfigFile, ConfigFileSchema, type Profile } from './schema.js';

export interface LoadOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** --config FILE: load exactly this file instead of searching. */
  configFile?: string | undefined;
  /** --profile NAME. */
  profile?: string | undefined;
}

export interface LoadedConfig {
  /** Absolute path of the file the settings came from; undefined when none was found. */
  file: string | undefined;
  config: Omit<ConfigFile, 'profiles'>;
  profileName: string | undefined;
  profile: Profile;
}

const MODULE = 'hookctl';

/**
 * Finds and validates the config file. cosmiconfig and yaml are imported here, lazily, so commands
 * that need no config never load them. Only the selected profile is interpolated and validated in
 * depth: an unset variable in a profile you are not using is not your problem today.
 */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const { cosmiconfig } = await import('cosmiconfig');
  // yaml is loaded only when a YAML file was actually found (about 25 ms of start-up otherwise).
  const yamlLoader = async (filepath: string, content: string) => {
    const YAML = await import('yaml');
    try {
      return YAML.parse(content) as unknown;
    } catch (error) {
      throw new ConfigError(`${filepath}: not valid YAML: ${firstLine(error)}`);
    }
  };
  const explorer = cosmiconfig(MODULE, {
    searchStrategy: 'global',
    loaders: { '.yaml': yamlLoader, '.yml': yamlLoader, noExt: yamlLoader },
  });
  let found: { filepath: string; config: unknown; isEmpty?: boolean } | null;
  try {
    found = options.configFile ? await explorer.load(options.configFile) : await explorer.search(options.cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const where = options.configFile ?? 'config file';
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new ConfigError(`${where}: file not found`);
    throw new ConfigError(`${where}: cannot be read: ${firstLine(error)}`);
  }
  return validate(found?.filepath, found?.isEmpty ? {} : (found?.config ?? {}), options);
}

export function validate(file: string | undefined, raw: unknown, options: Pick<LoadOptions, 'env' | 'profile'>): LoadedConfig {
  const where = file ?? 'config';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: must be a mapping of settings`);
  const { profiles: rawProfiles, ...rest } = raw as Record<string, unknown>;
  const profileNames = rawProfiles && typeof rawProfiles === 'object' ? Object.keys(rawProfiles) : [];
  const requested = options.profile ?? options.env.HOOKCTL_PROFILE ?? (typeof rest.defaultProfile === 'string' ? rest.defaultProfile : undefined);
  const profileName = requested ?? (profileNames.includes('default') ? 'default' : undefined);
  if (requested !== undefined && !profileNames.includes(requested)) {
    throw new ConfigError(`${where}: profile "${requested}" not found`, {
      hint: profileNames.length > 0 ? `profiles in this file: ${profileNames.join(', ')}` : 'this file defines no profiles',
    });
  }
  const selected = profileName === undefined ? {} : { [profileName]: (rawProfiles as Record<string, unknown>)[profileName] };
  const interpolated = interpolateEnv({ ...rest, profiles: selected }, options.env, where);
  const parsed = ConfigFileSchema.safeParse(interpolated);
  if (!parsed.success) throw new ConfigError(`${where}: ${formatIssue(parsed.error)}`);
  const { profiles, ...config } = parsed.data;
  return { file, config, profileName, profile: (profileName && profiles?.[profileName]) || {} };
}

function formatIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return `${path || '(root)'}: ${issue.message}`;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
