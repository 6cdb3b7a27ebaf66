import type { ResolvedSettings, Sourced } from '../config/resolve.js';
import { ExitCode } from '../errors.js';
import { isSecret, MASK } from '../model/secret.js';
import type { RunContext } from '../runtime/context.js';
import type { SettingsSection } from '../runtime/providers.js';

type Shown = { value: unknown; source: string } | undefined;

/**
 * Resolved settings as printed: every secret masked, key ids cut as `maskId` cuts them (as
 * `auth status` shows them), every value with the source that set it.
 */
export function describeSettings(settings: ResolvedSettings, sections: readonly SettingsSection[], maskId: (id: string) => string): Record<string, unknown> {
  const show = (item: Sourced<unknown> | undefined): Shown => (item === undefined ? undefined : { value: mask(item.value), source: item.source });
  const showSection = (section: SettingsSection): Record<string, Shown> => {
    const shown = mapValues(sectionOf(settings, section.key), show);
    for (const key of section.keyIdKeys ?? []) {
      const item = shown[key];
      if (item !== undefined && typeof item.value === 'string') shown[key] = { value: maskId(item.value), source: item.source };
    }
    return shown;
  };
  return {
    file: settings.file ?? null,
    profile: settings.profileName ?? null,
    output: settings.output ?? 'table',
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    // One entry per provider settings section, under its profile key (e.g. huaweicloud).
    ...Object.fromEntries(sections.map((section) => [section.profileKey, showSection(section)])),
  };
}

const sectionOf = (settings: ResolvedSettings, key: string): object => (settings as unknown as Record<string, object | undefined>)[key] ?? {};

function mask(value: unknown): unknown {
  if (isSecret(value)) return MASK;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
  return value;
}

function mapValues<T extends object>(section: T, fn: (item: Sourced<unknown> | undefined) => Shown): Record<string, Shown> {
  const out: Record<string, Shown> = {};
  for (const [key, item] of Object.entries(section)) {
    const shown = fn(item as Sourced<unknown> | undefined);
    if (shown !== undefined) out[key] = shown;
  }
  return out;
}

export const flags = {} as const;

export function parse(): Record<string, never> {
  return {};
}

export async function run(_options: Record<string, never>, ctx: RunContext): Promise<number> {
  // The provider registry, loaded when the verb runs.
  const { SETTINGS_SECTIONS, maskId } = await import('../runtime/providers.js');
  const settings = await ctx.settings();
  const described = describeSettings(settings, SETTINGS_SECTIONS, maskId);
  const format = await ctx.outputFormat();
  if (format !== 'table') {
    await (await import('../output/render.js')).printData(ctx.io, format, described);
    return ExitCode.ok;
  }
  const { io } = ctx;
  io.out(`${io.color.bold('file')}     ${settings.file ?? '(none found; defaults and environment only)'}`);
  io.out(`${io.color.bold('profile')}  ${settings.profileName ?? '(none)'}`);
  io.out(`${io.color.bold('timeout')}  ${settings.timeoutMs} ms   ${io.color.bold('retries')} ${settings.retries}`);
  for (const section of SETTINGS_SECTIONS.map((s) => s.profileKey)) {
    io.out(`\n${io.color.bold(section)}`);
    for (const [key, item] of Object.entries(described[section] as Record<string, { value: unknown; source: string }>)) {
      const value = typeof item.value === 'object' ? JSON.stringify(item.value) : String(item.value);
      io.out(`  ${key.padEnd(16)} ${value}  ${io.color.dim(`(${item.source})`)}`);
    }
  }
  return ExitCode.ok;
}
