import { basename, dirname, extname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { hasLiteralText, interpolateEnv } from './interpolate.js';
import { type ConfigFile, configFileSchema, type Profile } from './schema.js';
import type { SettingsSection } from './section.js';
import {
  type ConfigOrigin,
  ignoredKeysWarning,
  parseStore,
  policyKeys,
  shellQuote,
  steeringKeyPath,
  type TrustStore,
  trustFilePath,
  trustState,
  unsafeOwnership,
  untrustedError,
} from './trust.js';

export interface LoadOptions {
  cwd: string;
  /** The search walks up from cwd to here (or to the repository root, if that comes first), then looks in the user config directory. */
  homeDir: string;
  env: Record<string, string | undefined>;
  /** --config FILE: load exactly this file instead of searching. */
  configFile?: string | undefined;
  /** --profile NAME. */
  profile?: string | undefined;
  /** A file's permission bits, or undefined where they say nothing (Windows). Without it, no check. */
  statMode?: ((path: string) => Promise<number | undefined>) | undefined;
  /** A file's owner (uid), or undefined where there is none (Windows). Without it, no owner check. */
  fileOwner?: ((path: string) => Promise<number | undefined>) | undefined;
  /** The uid hookctl runs as; undefined on Windows. */
  uid?: number | undefined;
  /** Whether a path exists (a file or a directory): finds the repository root (`.git`). */
  exists?: ((path: string) => Promise<boolean>) | undefined;
  /** One line for stderr, for a problem that does not stop the run. */
  warn?: ((line: string) => void) | undefined;
  /** The providers' settings sections (registry SETTINGS_SECTIONS): what a profile may hold. */
  sections: readonly SettingsSection[];
}

export interface LoadedConfig {
  /** Absolute path of the file the settings came from; undefined when none was found. */
  file: string | undefined;
  /** explicit (--config), user (your own directories) or project (found from the working directory). */
  origin?: ConfigOrigin | undefined;
  config: Omit<ConfigFile, 'profiles'>;
  profileName: string | undefined;
  profile: Profile;
}

const MODULE = 'hookctl';

/** cosmiconfig's search places, in its order; a script is any of the JavaScript/TypeScript ones. */
export const SEARCH_PLACES: readonly string[] = [
  'package.json',
  `.${MODULE}rc`,
  `.${MODULE}rc.json`,
  `.${MODULE}rc.yaml`,
  `.${MODULE}rc.yml`,
  `.${MODULE}rc.js`,
  `.${MODULE}rc.ts`,
  `.${MODULE}rc.cjs`,
  `.${MODULE}rc.mjs`,
  `.config/${MODULE}rc`,
  `.config/${MODULE}rc.json`,
  `.config/${MODULE}rc.yaml`,
  `.config/${MODULE}rc.yml`,
  `.config/${MODULE}rc.js`,
  `.config/${MODULE}rc.ts`,
  `.config/${MODULE}rc.cjs`,
  `.config/${MODULE}rc.mjs`,
  `${MODULE}.config.js`,
  `${MODULE}.config.ts`,
  `${MODULE}.config.cjs`,
  `${MODULE}.config.mjs`,
];
/** In the user config directory. */
export const USER_SEARCH_PLACES: readonly string[] = [
  'config',
  'config.json',
  'config.yaml',
  'config.yml',
  'config.js',
  'config.ts',
  'config.cjs',
  'config.mjs',
];

/**
 * Finds and validates the config file (README "Trust and configuration"). Files are read here and
 * parsed with hookctl's own YAML and JSON loaders; cosmiconfig is used only for its JavaScript and
 * TypeScript loaders, on a script the user owns, never for its search: that would also read a
 * "meta config" from the working directory (which may name more files, and run `.config/config.js`)
 * and follow `$import` from a data file into a script. Only the selected profile is interpolated
 * and validated in depth: an unset variable in a profile you are not using is not your problem today.
 */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig> {
  const warned = new Set<string>();
  const warn = (line: string) => {
    if (warned.has(line)) return;
    warned.add(line);
    options.warn?.(line.replace(/[\u0000-\u001f\u007f]/g, '?'));
  };
  let found: Found | null;
  try {
    found = await find(options, warn);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const where = (error as { filepath?: string }).filepath ?? options.configFile ?? 'config file';
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new ConfigError(`${where}: file not found`);
    if (code === 'EISDIR') throw new ConfigError(`${where}: is a directory, not a config file`);
    throw new ConfigError(`${where}: cannot be read: ${firstLine(error)}`);
  }
  if (!found) return validate(undefined, {}, options);
  const raw = found.config ?? {};
  // Keys the schema does not know are left for validation to refuse, not dropped as policy.
  const known = new Set(Object.keys(configFileSchema(options.sections).shape));
  const usable = found.origin === 'project' ? await checkTrust(found, raw, options, warn, known) : raw;
  await warnIfExposed(found.filepath, raw, options);
  return { ...validate(found.filepath, usable, options), origin: found.origin };
}

/**
 * The file a run would use and where it came from, without the trust check (for `config trust`);
 * null when there is none. Warnings (scripts not run, files ignored) go to options.warn.
 */
export async function findConfig(options: Omit<LoadOptions, 'sections'>): Promise<Found | null> {
  return find(options, (line) => options.warn?.(line.replace(/[\u0000-\u001f\u007f]/g, '?')));
}

/** A data config's settings from its text, by file name (YAML, JSON, package.json#hookctl); exit 2 if it does not parse. */
export async function parseDataFile(filepath: string, content: string): Promise<unknown> {
  if (SCRIPT.test(filepath))
    throw new ConfigError(
      `${filepath}: a script config is never trusted from a project; load it with --config ${shellQuote(filepath)} or move it to the user config directory`,
    );
  return parseFile(filepath, content, true);
}

/** Why a config file must not be read (owner, mode), or undefined. */
export function ownershipOf(filepath: string, options: Pick<LoadOptions, 'statMode' | 'fileOwner' | 'uid'>): Promise<string | undefined> {
  return ownershipProblem(filepath, options);
}

export interface Found {
  filepath: string;
  config: unknown;
  origin: ConfigOrigin;
  content: string;
}

type Warn = (line: string) => void;

const SCRIPT = /\.[cm]?[jt]s$/;

async function defaultExists(path: string): Promise<boolean> {
  const { stat } = await import('node:fs/promises');
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * `--config FILE` (relative to cwd), else the first directory from cwd up to the repository root
 * or the home directory (whichever comes first) that has a usable config file, else the user
 * config directory. When cwd is below neither, only cwd itself is searched: the walk never climbs
 * to `/`. A file in the home directory itself is yours (like ~/.gitconfig) unless the home
 * directory is a repository; every other file found on the walk is a project config.
 */
async function find(options: Omit<LoadOptions, 'sections'>, warn: Warn): Promise<Found | null> {
  if (options.configFile) {
    const filepath = resolve(options.cwd, options.configFile);
    const content = await readText(filepath, true);
    return { filepath, content: content ?? '', origin: 'explicit', config: await parseFile(filepath, content ?? '', true) };
  }
  const exists = options.exists ?? defaultExists;
  const home = resolve(options.homeDir);
  const userDir = userConfigDir(options.env, options.homeDir);
  const { dirs, homeIsRepo } = await searchDirs(resolve(options.cwd), home, exists);
  for (const dir of dirs) {
    const origin: ConfigOrigin = dir === home && !homeIsRepo ? 'user' : 'project';
    for (const place of SEARCH_PLACES) {
      const found = await tryFile(join(dir, place), origin, options, warn, userDir);
      if (found) return found;
    }
  }
  for (const place of USER_SEARCH_PLACES) {
    const found = await tryFile(join(userDir, place), 'user', options, warn, userDir);
    if (found) return found;
  }
  return null;
}

/** The directories the search looks in, nearest first (see find). */
export async function searchDirs(cwd: string, home: string, exists: (path: string) => Promise<boolean>): Promise<{ dirs: string[]; homeIsRepo: boolean }> {
  const dirs: string[] = [];
  for (let dir = cwd; ; ) {
    dirs.push(dir);
    const isRepo = await exists(join(dir, '.git'));
    if (dir === home) return { dirs, homeIsRepo: isRepo };
    if (isRepo) return { dirs, homeIsRepo: false };
    const parent = dirname(dir);
    if (parent === dir) return { dirs: [cwd], homeIsRepo: false };
    dir = parent;
  }
}

/** One search place: the file's settings, or null (not there, empty, or passed over with a warning). */
async function tryFile(filepath: string, origin: ConfigOrigin, options: Omit<LoadOptions, 'sections'>, warn: Warn, userDir: string): Promise<Found | null> {
  const content = await readText(filepath, false);
  if (content === undefined) return null;
  if (SCRIPT.test(filepath) && origin === 'project') {
    warn(
      `${filepath}: not run: hookctl never executes a script config found in the project; only data files (.hookctlrc.yaml, .json, package.json) are read from there, scripts only from ${userDir} or --config`,
    );
    return null;
  }
  const unsafe = await ownershipProblem(filepath, options);
  if (unsafe) {
    warn(`${filepath}: ignored: ${unsafe}; hookctl reads a config file only when you (or root) own it and nobody else can write it`);
    return null;
  }
  if (content.trim() === '') return null;
  if (basename(filepath) === 'package.json') {
    let pkg: unknown;
    try {
      pkg = JSON.parse(content);
    } catch (error) {
      warn(`${filepath}: ignored: not valid JSON: ${describeJsonError(error, content)}`);
      return null;
    }
    const config = field(pkg, MODULE);
    return config === undefined || config === null ? null : { filepath, content, origin, config };
  }
  return { filepath, content, origin, config: await parseFile(filepath, content, false) };
}

async function ownershipProblem(filepath: string, options: Pick<LoadOptions, 'statMode' | 'fileOwner' | 'uid'>): Promise<string | undefined> {
  try {
    const [owner, mode] = await Promise.all([options.fileOwner?.(filepath), options.statMode?.(filepath)]);
    return unsafeOwnership({ owner, uid: options.uid, mode });
  } catch {
    return undefined; // gone since it was read: reading it is what matters
  }
}

/** A file's text; undefined when it is not there (or, while searching, not a file). */
async function readText(filepath: string, explicit: boolean): Promise<string | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(filepath, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!explicit && (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR')) return undefined;
    throw explicit ? error : Object.assign(error as object, { filepath });
  }
}

/** Parses a file by its name: YAML (also no extension), JSON, package.json#hookctl, or a script. */
async function parseFile(filepath: string, content: string, explicit: boolean): Promise<unknown> {
  const name = basename(filepath);
  if (content.trim() === '') return {};
  if (name === 'package.json') {
    const pkg = jsonLoader(filepath, content);
    const config = field(pkg, MODULE);
    if (config === undefined && explicit) throw new ConfigError(`${filepath}: has no "${MODULE}" key`);
    return config ?? {};
  }
  const ext = extname(name);
  if (ext === '.json') return jsonLoader(filepath, content);
  if (SCRIPT.test(name)) {
    const { defaultLoaders } = await import('cosmiconfig');
    const loader = defaultLoaders[ext as '.js'];
    try {
      return await loader(filepath, content);
    } catch (error) {
      throw new ConfigError(`${filepath}: the script failed: ${firstLine(error)}`);
    }
  }
  return yamlLoader(filepath, content);
}

// yaml is loaded only when a YAML file was actually found (about 25 ms of start-up otherwise).
async function yamlLoader(filepath: string, content: string): Promise<unknown> {
  const YAML = await import('yaml');
  try {
    // Warnings (an unknown %directive, …) would go to process.emitWarning: a multi-line dump on stderr.
    return YAML.parse(content, { logLevel: 'error' }) as unknown;
  } catch (error) {
    throw new ConfigError(`${filepath}: not valid YAML: ${firstLine(error)}`);
  }
}

// A JSON parser's own message may quote the file around the mistake, which may hold a secret.
function jsonLoader(filepath: string, content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    throw new ConfigError(`${filepath}: not valid JSON: ${describeJsonError(error, content)}`);
  }
}

/**
 * A project config that sets anything inside the profile in use must be trusted in exactly its
 * current content (trust.ts), or the run stops; one that sets a policy key (rules, limits) runs
 * without them, with one warning. The trust store itself is read only if it is safely yours.
 * Returns the settings the run may use.
 */
async function checkTrust(found: Found, raw: unknown, options: Omit<LoadOptions, 'sections'>, warn: Warn, known: ReadonlySet<string>): Promise<unknown> {
  const keyPath = steeringKeyPath(raw, selectProfileName(raw, options));
  const policy = policyKeys(raw).filter((key) => known.has(key));
  if (keyPath === undefined && policy.length === 0) return raw;
  const store = await readTrustStore(options, warn);
  const state = trustState(store, await canonicalPath(found.filepath), found.content);
  if (state === 'trusted') return raw;
  if (keyPath !== undefined) throw untrustedError(found.filepath, keyPath, state);
  warn(ignoredKeysWarning(found.filepath, policy, state));
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([key]) => !policy.includes(key)));
}

/** The user's trust store (`trusted.json` in the user config directory); empty when absent or not safely theirs. */
export async function readTrustStore(options: Pick<LoadOptions, 'env' | 'homeDir' | 'statMode' | 'fileOwner' | 'uid'>, warn: Warn): Promise<TrustStore> {
  const path = trustFilePath(userConfigDir(options.env, options.homeDir));
  const text = await readText(path, false).catch(() => undefined);
  if (text === undefined) return parseStore(undefined);
  const unsafe = await ownershipProblem(path, options);
  if (unsafe) {
    warn(`${path}: ignored: ${unsafe}; no project config is trusted until it is fixed (chmod 600)`);
    return parseStore(undefined);
  }
  return parseStore(text);
}

/** The path a trust entry is recorded under: absolute, symbolic links resolved. */
export async function canonicalPath(path: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/** Where cosmiconfig (through env-paths) puts a tool's user config: the same rules, from injected values. */
export function userConfigDir(env: Record<string, string | undefined>, home: string, platform: string = process.platform): string {
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', MODULE);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), MODULE, 'Config');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), MODULE);
}

/**
 * The key path of the first credential written into the file itself (any profile), or undefined
 * when every credential is a `${env:NAME}` reference or there is none.
 */
export function literalSecretPath(raw: unknown, sections: readonly SettingsSection[]): string | undefined {
  const profiles = field(raw, 'profiles');
  if (!isMapping(profiles)) return undefined;
  for (const [name, profile] of Object.entries(profiles)) {
    for (const section of sections) {
      for (const path of section.secretKeys) {
        const value = path.reduce<unknown>((node, key) => field(node, key), field(profile, section.profileKey));
        if (typeof value === 'string' && hasLiteralText(value)) return ['profiles', name, section.profileKey, ...path].join('.');
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
  const path = literalSecretPath(raw, options.sections);
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

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const field = (node: unknown, key: string): unknown => (isMapping(node) ? node[key] : undefined);

/** --profile, else HOOKCTL_PROFILE, else the file's defaultProfile. */
function requestedProfile(raw: unknown, options: Pick<LoadOptions, 'env' | 'profile'>): string | undefined {
  const named = field(raw, 'defaultProfile');
  return options.profile ?? options.env.HOOKCTL_PROFILE ?? (typeof named === 'string' ? named : undefined);
}

/** The profile a run uses: the one requested, else one named `default`, else none. */
export function selectProfileName(raw: unknown, options: Pick<LoadOptions, 'env' | 'profile'>): string | undefined {
  const profiles = field(raw, 'profiles');
  return requestedProfile(raw, options) ?? (isMapping(profiles) && 'default' in profiles ? 'default' : undefined);
}

export function validate(file: string | undefined, raw: unknown, options: Pick<LoadOptions, 'env' | 'profile' | 'sections'>): LoadedConfig {
  const where = file ?? 'config';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${where}: must be a mapping of settings`);
  const { profiles: rawProfiles, ...rest } = raw as Record<string, unknown>;
  const profileNames = rawProfiles && typeof rawProfiles === 'object' ? Object.keys(rawProfiles) : [];
  const requested = requestedProfile(raw, options);
  const profileName = selectProfileName(raw, options);
  if (requested !== undefined && !profileNames.includes(requested)) {
    throw new ConfigError(`${where}: profile "${requested}" not found`, {
      hint: profileNames.length > 0 ? `profiles in this file: ${profileNames.join(', ')}` : 'this file defines no profiles',
    });
  }
  const selected = profileName === undefined ? {} : { [profileName]: (rawProfiles as Record<string, unknown>)[profileName] };
  const interpolated = interpolateEnv({ ...rest, profiles: selected }, options.env, where);
  const parsed = configFileSchema(options.sections).safeParse(interpolated);
  if (!parsed.success) throw new ConfigError(`${where}: ${formatIssue(parsed.error)}`);
  const { profiles, ...config } = parsed.data;
  return { file, config, profileName, profile: ((profileName && profiles?.[profileName]) || {}) as Profile };
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
