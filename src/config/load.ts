import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { hasLiteralText, interpolateEnv } from './interpolate.js';
import { type ConfigFile, ConfigFileSchema, type Profile } from './schema.js';

export interface LoadOptions {
  cwd: string;
  /** The search walks up from cwd to here, then looks in the user config directory below it. */
  homeDir: string;
  env: Record<string, string | undefined>;
  /** --config FILE: load exactly this file instead of searching. */
  configFile?: string | undefined;
  /** --profile NAME. */
  profile?: string | undefined;
  /** A file's permission bits, or undefined where they say nothing (Windows). Without it, no check. */
  statMode?: ((path: string) => Promise<number | undefined>) | undefined;
  /** One line for stderr, for a problem that does not stop the run. */
  warn?: ((line: string) => void) | undefined;
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
  // yaml is loaded only when a YAML file was actually found (about 25 ms of start-up otherwise).
  const yamlLoader = async (filepath: string, content: string) => {
    const YAML = await import('yaml');
    try {
      // Warnings (an unknown %directive, …) would go to process.emitWarning: a multi-line dump on stderr.
      return YAML.parse(content, { logLevel: 'error' }) as unknown;
    } catch (error) {
      throw new ConfigError(`${filepath}: not valid YAML: ${firstLine(error)}`);
    }
  };
  // cosmiconfig's own JSON loader prints a code frame of the file, which may hold a secret.
  const jsonLoader = async (filepath: string, content: string) => {
    try {
      return JSON.parse(content) as unknown;
    } catch (error) {
      throw new ConfigError(`${filepath}: not valid JSON: ${describeJsonError(error, content)}`);
    }
  };
  const loaders = { '.yaml': yamlLoader, '.yml': yamlLoader, noExt: yamlLoader, '.json': jsonLoader };
  let found: Found | null;
  try {
    found = await find(options, loaders);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const where = (error as { filepath?: string }).filepath ?? options.configFile ?? 'config file';
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new ConfigError(`${where}: file not found`);
    if (code === 'EISDIR') throw new ConfigError(`${where}: is a directory, not a config file`);
    throw new ConfigError(`${where}: cannot be read: ${firstLine(error)}`);
  }
  const raw = found?.isEmpty ? {} : (found?.config ?? {});
  if (found) await warnIfExposed(found.filepath, raw, options);
  return validate(found?.filepath, raw, options);
}

interface Found {
  filepath: string;
  config: unknown;
  isEmpty?: boolean | undefined;
}

type Loader = (filepath: string, content: string) => Promise<unknown>;

/**
 * `--config FILE` (relative to cwd), else the first directory from cwd up to the home directory
 * that has a config file, else the user config directory. The walk is done here rather than by
 * cosmiconfig's `global` strategy, which takes the home and config directories from the process
 * (os.homedir(), process.env) instead of from the injected env.
 */
async function find(options: LoadOptions, loaders: Record<string, Loader>): Promise<Found | null> {
  const { cosmiconfig, globalConfigSearchPlaces } = await import('cosmiconfig');
  if (options.configFile) return cosmiconfig(MODULE, { loaders }).load(resolve(options.cwd, options.configFile));
  const project = cosmiconfig(MODULE, { searchStrategy: 'none', loaders });
  for (const dir of upTo(resolve(options.cwd), resolve(options.homeDir))) {
    const found = await project.search(dir);
    if (found) return found;
  }
  const user = cosmiconfig(MODULE, { searchStrategy: 'none', searchPlaces: globalConfigSearchPlaces, loaders });
  return user.search(userConfigDir(options.env, options.homeDir));
}

/** cwd, its parent, … up to and including `stop` (or the root, when cwd is not below `stop`). */
function upTo(start: string, stop: string): string[] {
  const dirs = [start];
  for (let dir = start; dir !== stop; ) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dirs.push(parent);
    dir = parent;
  }
  return dirs;
}

/** Where cosmiconfig (through env-paths) puts a tool's user config: the same rules, from injected values. */
export function userConfigDir(env: Record<string, string | undefined>, home: string, platform: string = process.platform): string {
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', MODULE);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), MODULE, 'Config');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), MODULE);
}

/** Profile keys that hold credentials (schema.ts), section by section. */
const SECRET_KEYS: readonly (readonly [section: readonly string[], keys: readonly string[]])[] = [
  [['codeup'], ['accessKeySecret', 'securityToken', 'token']],
  [['huaweicloud'], ['token', 'secretKey', 'securityToken']],
  [['huaweicloud', 'iam'], ['password']],
];

/**
 * The key path of the first credential written into the file itself (any profile), or undefined
 * when every credential is a `${env:NAME}` reference or there is none.
 */
export function literalSecretPath(raw: unknown): string | undefined {
  const profiles = field(raw, 'profiles');
  if (!isMapping(profiles)) return undefined;
  for (const [name, profile] of Object.entries(profiles)) {
    for (const [section, keys] of SECRET_KEYS) {
      const values = section.reduce<unknown>((node, key) => field(node, key), profile);
      for (const key of keys) {
        const value = field(values, key);
        if (typeof value === 'string' && hasLiteralText(value)) return ['profiles', name, ...section, key].join('.');
      }
    }
  }
  return undefined;
}

/** Mode bits that let someone other than the owner read the file. */
const READABLE_BY_OTHERS = 0o044;
// A script's secrets may come from its own environment at run time: the file proves nothing.
const SCRIPT_FILE = /\.[cm]?[jt]s$/;

/**
 * Warns (one line, never fails) when a file with a literal secret can be read by group or others.
 * Only the key path is named, never the value.
 */
async function warnIfExposed(file: string, raw: unknown, options: LoadOptions): Promise<void> {
  if (!options.statMode || !options.warn || SCRIPT_FILE.test(file)) return;
  const path = literalSecretPath(raw);
  if (path === undefined) return;
  let mode: number | undefined;
  try {
    mode = await options.statMode(file);
  } catch {
    return; // gone or unreadable since it was loaded: the load itself is what matters
  }
  if (mode === undefined || (mode & READABLE_BY_OTHERS) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  const line = `${file} holds a literal secret (${path}) and is readable by other users (mode ${octal}): run chmod 600 ${shellQuote(file)}, or use \${env:NAME}`;
  options.warn(line.replace(/[\u0000-\u001f\u007f]/g, '?'));
}

function shellQuote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const field = (node: unknown, key: string): unknown => (isMapping(node) ? node[key] : undefined);

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

/**
 * V8's message without the text it quotes from around the mistake (`Unexpected token 'x', "…" is
 * not valid JSON`): that text may be a secret. A position becomes a line and column.
 */
export function describeJsonError(error: unknown, content: string): string {
  const full = error instanceof Error ? error.message : String(error);
  const message = full.replace(/, (\.\.\.)?"[\s\S]*$/, '').split('\n')[0] ?? '';
  const at = / in JSON at position (\d+)/.exec(message);
  const reason = message.replace(/ in JSON at position \d+.*$/, '');
  if (!at) return reason;
  const before = content.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `${reason} at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
