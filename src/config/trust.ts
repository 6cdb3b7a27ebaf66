/**
 * The trust model for config files (README "Trust and configuration"), after git's
 * `safe.directory`, direnv's `allow` and mise's `trust`:
 * - a file found by searching up from the working directory is a *project* config: data only, and
 *   it may not say where requests go or what authenticates them until the user trusts that exact
 *   content with `hookctl config trust FILE`;
 * - `--config FILE` and the files in the user's own directories are trusted as they are;
 * - a file that someone else owns, or that group or others can write, is not read at all.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';

/** Where a config file came from, which decides what it may do. */
export type ConfigOrigin = 'explicit' | 'user' | 'project';

/** `${userConfigDir}/trusted.json`: `{"version":1,"files":{"/abs/path":{"sha256":"…","trustedAt":"…"}}}`. */
export const TRUST_FILE = 'trusted.json';

export interface TrustEntry {
  sha256: string;
  trustedAt: string;
}

export interface TrustStore {
  version: 1;
  files: Record<string, TrustEntry>;
}

export const emptyStore = (): TrustStore => ({ version: 1, files: {} });

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export function trustFilePath(userDir: string): string {
  return join(userDir, TRUST_FILE);
}

/** A store from its text; anything unreadable counts as "nothing trusted" (never as "everything"). */
export function parseStore(text: string | undefined): TrustStore {
  if (text === undefined || text.trim() === '') return emptyStore();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyStore();
  }
  const files = (raw as { files?: unknown } | null)?.files;
  if (files === null || typeof files !== 'object' || Array.isArray(files)) return emptyStore();
  const out: Record<string, TrustEntry> = {};
  for (const [path, entry] of Object.entries(files as Record<string, unknown>)) {
    const hash = (entry as { sha256?: unknown } | null)?.sha256;
    const at = (entry as { trustedAt?: unknown } | null)?.trustedAt;
    if (typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)) out[path] = { sha256: hash, trustedAt: typeof at === 'string' ? at : '' };
  }
  return { version: 1, files: out };
}

export type TrustState = 'trusted' | 'changed' | 'unknown';

/** Whether this exact content of this file was trusted; `changed` when the path was but the content differs. */
export function trustState(store: TrustStore, path: string, content: string): TrustState {
  const entry = store.files[path];
  if (!entry) return 'unknown';
  return entry.sha256 === sha256(content) ? 'trusted' : 'changed';
}

/** The store with this file's current content trusted (a new object; the input is not changed). */
export function withTrusted(store: TrustStore, path: string, content: string, now: Date): TrustStore {
  return { version: 1, files: { ...store.files, [path]: { sha256: sha256(content), trustedAt: now.toISOString() } } };
}

export function serializeStore(store: TrustStore): string {
  return `${JSON.stringify(store, null, 2)}\n`;
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The first key path (e.g. `profiles.ci.<section>.endpoint`) of the selected profile, or undefined.
 * An untrusted project config may set the top-level keys (output, timeout, retries, defaultProfile:
 * how hookctl presents and paces its work and which profile it picks), but nothing inside a
 * profile: every profile key says where requests go (an endpoint, the IAM endpoint, the region that
 * builds host names, an API mode), what authenticates them (keys, tokens, passwords) or what
 * those credentials act on (a project id, a repository authorization). Only the
 * profile in use matters: the others are never read. A key set to null counts as not set.
 */
export function steeringKeyPath(raw: unknown, profileName: string | undefined): string | undefined {
  if (profileName === undefined || !isMapping(raw)) return undefined;
  const profiles = raw.profiles;
  if (!isMapping(profiles)) return undefined;
  const found = firstSetPath(profiles[profileName]);
  return found === undefined ? undefined : ['profiles', profileName, ...found].join('.');
}

function firstSetPath(node: unknown, path: string[] = []): string[] | undefined {
  if (node === undefined || node === null) return undefined;
  if (!isMapping(node)) return path;
  for (const [key, value] of Object.entries(node)) {
    const found = firstSetPath(value, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The top-level keys an untrusted project config may set: how hookctl presents and paces its work
 * and which profile it picks. Everything else (audit rules, response and rate limits, profiles)
 * changes what a run decides or how much it may read and send, and needs `config trust`.
 */
export const PRESENTATION_KEYS: readonly string[] = ['output', 'timeout', 'retries', 'defaultProfile'];

/** Top-level keys set (not null) other than `profiles` and PRESENTATION_KEYS, in file order. */
export function policyKeys(raw: unknown): string[] {
  if (!isMapping(raw)) return [];
  return Object.entries(raw)
    .filter(([key, value]) => key !== 'profiles' && !PRESENTATION_KEYS.includes(key) && value !== undefined && value !== null)
    .map(([key]) => key);
}

/** The one warning an untrusted project config with policy keys gets: they are dropped, the run goes on. */
export function ignoredKeysWarning(file: string, keys: readonly string[], state: TrustState): string {
  const why = state === 'changed' ? 'has changed since it was trusted' : 'is a project config that is not trusted';
  const list = keys.map((key) => key.slice(0, 40)).join(', ');
  return `${file}: ${list} ignored: the file ${why}, and only a trusted file may set more than ${PRESENTATION_KEYS.join(', ')}; review it, then run hookctl config trust ${shellQuote(file)}`;
}

/** The one line an untrusted project config that tries to steer requests gets (exit 2). */
export function untrustedError(file: string, keyPath: string, state: TrustState): ConfigError {
  const why = state === 'changed' ? 'has changed since it was trusted' : 'is a project config that is not trusted';
  return new ConfigError(
    `${file}: ${keyPath} is not used: the file ${why}, and only a trusted file may set endpoints, region or credentials; review it, then run hookctl config trust ${shellQuote(file)} (or name it with --config)`,
  );
}

/** Mode bits that let someone other than the owner change a file. */
export const WRITABLE_BY_OTHERS = 0o022;

/**
 * Why a file must not be read (someone else owns it, or others can write it), or undefined when
 * it is fine. `owner`/`uid`/`mode` undefined: the platform does not say (Windows), no check.
 */
export function unsafeOwnership(info: { owner: number | undefined; uid: number | undefined; mode: number | undefined }): string | undefined {
  if (info.owner !== undefined && info.uid !== undefined && info.owner !== info.uid && info.owner !== 0) {
    return `owned by another user (uid ${info.owner})`;
  }
  if (info.mode !== undefined && (info.mode & WRITABLE_BY_OTHERS) !== 0) {
    const octal = (info.mode & 0o777).toString(8).padStart(3, '0');
    const who = [(info.mode & 0o020) !== 0 ? 'group' : '', (info.mode & 0o002) !== 0 ? 'others' : ''].filter(Boolean).join(' and ');
    return `writable by ${who} (mode ${octal})`;
  }
  return undefined;
}

export function shellQuote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
