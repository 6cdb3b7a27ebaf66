/**
 * Stored logins (`hookctl auth login`): each settings section's credentials, kept in the OS
 * keychain, or in a 0600 file in the user config directory where no keychain works (containers,
 * CI) or where `--insecure-storage` asks for it. One index file, `logins.json`, says for every
 * stored section where it is (and, for the file storage, holds its values); a keychain entry is
 * the section's values as JSON under service `hookctl`, account = the section key. The index is
 * read only when a section lacks credentials after flags, environment and profile, and the keychain
 * is opened only for a section stored there: a run with credentials in the environment opens neither.
 */
import { join } from 'node:path';
import type { LoginValues, ResolvedSettings, SettingsSection } from './section.js';

/** The OS keychain as hookctl uses it (runtime/deps.ts builds it): one secret per account under service `hookctl`. */
export interface Keychain {
  get(account: string): Promise<string | undefined>;
  set(account: string, secret: string): Promise<void>;
  /** Whether there was one to delete. */
  delete(account: string): Promise<boolean>;
}

export type LoginStorage = 'keychain' | 'file';

export interface StoredLogin {
  storage: LoginStorage;
  savedAt: string;
  /** Only for the file storage. */
  values?: Record<string, string>;
}

/** `{"version":1,"logins":{"<section key>":{"storage","savedAt","values"?}}}`, mode 0600. */
export interface LoginIndex {
  version: 1;
  logins: Record<string, StoredLogin>;
}

export const LOGIN_FILE = 'logins.json';

export const loginFilePath = (userConfigDir: string): string => join(userConfigDir, LOGIN_FILE);

/** What the store needs from Deps. */
export interface LoginStoreDeps {
  readFile(path: string, options?: { ownedOnly?: boolean }): Promise<string | undefined>;
  writeFile(path: string, text: string, options?: { ownedOnly?: boolean }): Promise<void>;
  withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T>;
  keychain(): Promise<Keychain>;
  now(): Date;
}

const emptyIndex = (): LoginIndex => ({ version: 1, logins: {} });

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Bounds on what an index may hold: a hand-edited or planted file cannot make resolution loop long. */
const MAX_LOGINS = 64;
const MAX_VALUES = 16;

/** An index from its text; an entry that is not well formed is dropped (it then counts as no login). */
export function parseLoginIndex(text: string | undefined): LoginIndex {
  if (text === undefined || text.trim() === '') return emptyIndex();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return emptyIndex();
  }
  if (!isRecord(raw) || !isRecord(raw.logins)) return emptyIndex();
  const logins: Record<string, StoredLogin> = {};
  for (const [key, entry] of Object.entries(raw.logins).slice(0, MAX_LOGINS)) {
    if (!isRecord(entry) || (entry.storage !== 'keychain' && entry.storage !== 'file')) continue;
    const login: StoredLogin = { storage: entry.storage, savedAt: typeof entry.savedAt === 'string' ? entry.savedAt : '' };
    if (entry.storage === 'file') {
      const values = valuesOf(entry.values);
      if (!values) continue;
      login.values = values;
    }
    logins[key] = login;
  }
  return { version: 1, logins };
}

function valuesOf(raw: unknown): Record<string, string> | undefined {
  if (!isRecord(raw)) return undefined;
  const entries = Object.entries(raw).slice(0, MAX_VALUES);
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string' && v !== '')) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

export const serializeLoginIndex = (index: LoginIndex): string => `${JSON.stringify(index, null, 2)}\n`;

/** The index; a missing file is no logins. Read owner-only: a link or someone else's file is refused. */
export async function readLoginIndex(path: string, deps: Pick<LoginStoreDeps, 'readFile'>): Promise<LoginIndex> {
  return parseLoginIndex(await deps.readFile(path, { ownedOnly: true }));
}

/** How a login's storage reads in `auth status` and in every source label. */
export function storageLabel(storage: LoginStorage, path: string): string {
  return storage === 'keychain' ? 'keychain' : `file ${path}`;
}

/** A stored section's values, from the index (file) or the keychain; undefined when the keychain has none. */
export async function loginValues(key: string, login: StoredLogin, deps: Pick<LoginStoreDeps, 'keychain'>): Promise<LoginValues | undefined> {
  if (login.storage === 'file') return login.values;
  const text = await (await deps.keychain()).get(key);
  if (text === undefined) return undefined;
  try {
    return valuesOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Where a save went, and why not to the keychain when it did not. */
export interface SaveResult {
  storage: LoginStorage;
  /** Set when the keychain was wanted but did not work. */
  fallbackReason?: string | undefined;
}

/**
 * Stores each section's values (one keychain entry per section, or the file), then records them in
 * the index under its lock. The keychain is written, then read back: a store that accepts a write
 * and returns something else is no keychain. `insecure`: the file outright.
 */
export async function saveLogins(path: string, sections: Readonly<Record<string, LoginValues>>, insecure: boolean, deps: LoginStoreDeps): Promise<SaveResult> {
  let result: SaveResult = { storage: 'file' };
  if (!insecure) {
    try {
      const keychain = await deps.keychain();
      for (const [key, values] of Object.entries(sections)) {
        const text = JSON.stringify(values);
        await keychain.set(key, text);
        if ((await keychain.get(key)) !== text) throw new Error('the keychain did not return what was stored');
      }
      result = { storage: 'keychain' };
    } catch (error) {
      result = { storage: 'file', fallbackReason: error instanceof Error ? error.message : String(error) };
    }
  }
  const savedAt = deps.now().toISOString();
  await deps.withFileLock(path, async () => {
    const index = await readLoginIndex(path, deps);
    for (const [key, values] of Object.entries(sections)) {
      const previous = index.logins[key];
      index.logins[key] = result.storage === 'keychain' ? { storage: 'keychain', savedAt } : { storage: 'file', savedAt, values: { ...values } };
      // Moved from the keychain to the file: the old keychain entry must not linger.
      if (previous?.storage === 'keychain' && result.storage === 'file') await deleteFromKeychain(key, deps);
    }
    await deps.writeFile(path, serializeLoginIndex(index), { ownedOnly: true });
  });
  return result;
}

async function deleteFromKeychain(key: string, deps: Pick<LoginStoreDeps, 'keychain'>): Promise<string | undefined> {
  try {
    await (await deps.keychain()).delete(key);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export interface RemovedLogin {
  key: string;
  storage: LoginStorage;
  /** The keychain entry could not be deleted (the index entry is gone all the same). */
  keychainError?: string | undefined;
}

/** Removes the sections' logins (keychain entries and index entries); returns those that existed. */
export async function removeLogins(path: string, keys: readonly string[], deps: LoginStoreDeps): Promise<RemovedLogin[]> {
  return deps.withFileLock(path, async () => {
    const index = await readLoginIndex(path, deps);
    const removed: RemovedLogin[] = [];
    for (const key of keys) {
      const login = index.logins[key];
      if (!login) continue;
      const keychainError = login.storage === 'keychain' ? await deleteFromKeychain(key, deps) : undefined;
      removed.push({ key, storage: login.storage, keychainError });
      delete index.logins[key];
    }
    if (removed.length > 0) await deps.writeFile(path, serializeLoginIndex(index), { ownedOnly: true });
    return removed;
  });
}

/**
 * The stored-login link of the credential chain, after the profile and before the clouds' CLI
 * files: each section that still lacks credentials takes its stored login, if there is one. A
 * login that cannot be read (a locked keychain) is passed over with a note, never fatal.
 */
export async function withStoredLogins(
  settings: ResolvedSettings,
  sections: readonly SettingsSection[],
  path: string,
  deps: Pick<LoginStoreDeps, 'readFile' | 'keychain'>,
): Promise<ResolvedSettings> {
  const wanted = sections.filter((section) => section.login?.wanted(settings));
  if (wanted.length === 0) return settings;
  let index: LoginIndex;
  try {
    index = await readLoginIndex(path, deps);
  } catch (error) {
    return withNote(settings, `stored logins ${path}: cannot be read (${(error as { code?: string; message?: string }).code ?? String(error)}), ignored`);
  }
  let next = settings;
  for (const section of wanted) {
    const login = index.logins[section.key];
    if (!login || !section.login) continue;
    let values: LoginValues | undefined;
    try {
      values = await loginValues(section.key, login, deps);
    } catch (error) {
      next = withNote(next, `the stored ${section.profileKey} login (keychain) cannot be read: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (!values) continue;
    const known = Object.fromEntries(Object.entries(values).filter(([name]) => section.login?.variables.includes(name)));
    next = section.login.apply(next, known, `login (${storageLabel(login.storage, path)})`);
  }
  return next;
}

const withNote = (settings: ResolvedSettings, note: string): ResolvedSettings => ({ ...settings, notes: [...(settings.notes ?? []), note] });
