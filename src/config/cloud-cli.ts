/**
 * The last link of the credential chain: the profile files of the clouds' own CLIs. They are read
 * only when no earlier link (environment, hookctl profile) gave that provider any credentials, and
 * only the static key modes are taken: modes that need a network exchange (RAM roles, ECS
 * metadata, SSO, agencies) are passed over with a note, never half-used. Which files, and what
 * they hold, each provider's settings.ts says; this module reads them.
 */
import { join } from 'node:path';
import { Secret } from '../model/secret.js';
import type { CloudCliDeps, ResolvedSettings, SettingsSection } from './section.js';

export type { CloudCliDeps };

/** What a CLI's facts must say for its file to be found and its profile picked. */
export interface CliFileFacts {
  label: string;
  file: readonly string[];
  profileVariables: readonly string[];
}

type Json = Record<string, unknown>;
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
export const secretText = (value: unknown): Secret | undefined => {
  const found = text(value);
  return found === undefined ? undefined : new Secret(found);
};

/** Fills credentials no earlier link supplied from the cloud CLIs' files; returns a new settings object. */
export async function withCloudCliCredentials(settings: ResolvedSettings, deps: CloudCliDeps, sections: readonly SettingsSection[]): Promise<ResolvedSettings> {
  const notes = [...(settings.notes ?? [])];
  let next = settings;
  for (const section of sections) if (section.fromCloudCli) next = await section.fromCloudCli(next, deps, notes);
  if (next !== settings) next = sections.reduce((current, section) => section.follow?.(current) ?? current, next);
  return notes.length > 0 ? { ...next, notes } : next;
}

export interface CliProfile {
  profile: Json;
  name: string;
  source: string;
}

/** Reads one CLI file and picks its profile; undefined (with a note when it matters) otherwise. */
export async function pickProfile(
  facts: CliFileFacts,
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
