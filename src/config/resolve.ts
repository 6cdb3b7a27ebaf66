import { Secret } from '../model/secret.js';
import type { LoadedConfig } from './load.js';
import type { BaseSettings, Candidate, ResolvedSettings, ResolveFlags, SectionContext, SettingsSection, Sourced } from './section.js';

export type { BaseSettings, Candidate, ProviderSettings, ResolvedSettings, ResolveFlags, Sourced } from './section.js';

export const DEFAULTS = {
  timeoutMs: 30_000,
  retries: 3,
} as const;

/** The first candidate that has a value wins; the order of the list is the precedence. */
export function first<T>(...candidates: Candidate<T>[]): Sourced<T> | undefined {
  for (const [source, value] of candidates) {
    if (value !== undefined && value !== '') return { value, source };
  }
  return undefined;
}

export const secret = (value: string | undefined) => (value === undefined || value === '' ? undefined : new Secret(value));

/** Settings from the loaded config, the flags and the environment, section by section. */
export function resolveSettings(
  loaded: LoadedConfig,
  flags: ResolveFlags,
  env: Record<string, string | undefined>,
  sections: readonly SettingsSection[],
): ResolvedSettings {
  const p = loaded.profile as Record<string, Record<string, unknown> | undefined>;
  const profileSource = `profile ${loaded.profileName ?? ''}`.trim();
  const envOf = (name: string): Candidate<string> => [`env ${name}`, env[name]];
  const ctx: SectionContext = {
    env,
    flags,
    profileSource,
    profile: (key) => p[key],
    envOf,
    envSecret: (name) => [`env ${name}`, secret(env[name])],
    endpoint: (name, fromProfile, fallback) =>
      first(['flag --endpoint', flags.endpoint], envOf(`HOOKCTL_${name.toUpperCase()}_ENDPOINT`), envOf('HOOKCTL_ENDPOINT'), [profileSource, fromProfile]) ?? {
        value: fallback,
        source: 'default',
      },
  };
  const resolved: Record<string, unknown> = {};
  for (const section of sections) resolved[section.key] = section.resolve(ctx, resolved);
  const base: BaseSettings = {
    file: loaded.file,
    profileName: loaded.profileName,
    output: loaded.config.output,
    timeoutMs: flags.timeout ?? loaded.config.timeout ?? DEFAULTS.timeoutMs,
    retries: flags.retries ?? loaded.config.retries ?? DEFAULTS.retries,
  };
  return { ...base, ...resolved } as ResolvedSettings;
}

/** Choices made after the whole credential chain, section by section (e.g. an API mode). */
export function settleSettings(settings: ResolvedSettings, sections: readonly SettingsSection[]): ResolvedSettings {
  return sections.reduce((current, section) => section.settle?.(current) ?? current, settings);
}
