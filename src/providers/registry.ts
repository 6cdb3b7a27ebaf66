/**
 * The one list of providers. Adding one is a folder with a definition.ts and a line here (and an
 * emulator module). Definitions are cheap to import: each loads its adapter on first use, so a
 * run that touches only CodeArts never loads the Alibaba signer, and `--help` stays fast.
 */
import type { ResolvedSettings } from '../config/resolve.js';
import type { SettingsSection } from '../config/section.js';
import { UsageError } from '../errors.js';
import {
  formatTargetWith,
  isPatternWith,
  type ParsedPattern,
  parsePatternWith,
  parseTargetWith,
  patternFormsOf,
  type Target,
  type TargetGrammar,
} from '../model/target.js';
import { codearts } from './codearts/definition.js';
import { codeup } from './codeup/definition.js';
import type { ProviderDeps } from './deps.js';
import { servicestage } from './servicestage/definition.js';
import type { Provider, ProviderDefinition } from './types.js';

export const PROVIDERS: readonly ProviderDefinition[] = [codeup, codearts, servicestage];

/** Every provider's settings sections, each once (shared ones, like Huawei's, by the first that lists them). */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [...new Set(PROVIDERS.flatMap((p) => p.settings))];

export const PROVIDER_IDS: readonly string[] = PROVIDERS.map((p) => p.id);

const GRAMMARS: readonly TargetGrammar[] = PROVIDERS.map((p) => p.target);

/** Each provider's target form, e.g. `codearts:<groupId>`, for usage errors and hints. */
export const TARGET_FORMS: Readonly<Record<string, string>> = Object.fromEntries(PROVIDERS.map((p) => [p.id, p.target.form]));

export function isProviderId(value: string): boolean {
  return PROVIDER_IDS.includes(value);
}

export function definitionOf(id: string): ProviderDefinition {
  const found = PROVIDERS.find((p) => p.id === id);
  if (!found) throw new UsageError(`unknown provider "${id}"`, { hint: `expected one of ${PROVIDER_IDS.join(', ')}` });
  return found;
}

/** A target string → Target, with the grammar its prefix names (a usage error shows the expected form). */
export function parseTarget(input: string): Target {
  return parseTargetWith(input, GRAMMARS);
}

/** Whether a target argument is written as a pattern (`codeup:<org>/*`, …) rather than one target. */
export function isPattern(input: string): boolean {
  return isPatternWith(input, GRAMMARS);
}

/** A pattern → its provider and text (for Provider.expand); a malformed one is a usage error listing the forms. */
export function parsePattern(input: string): ParsedPattern {
  return parsePatternWith(input, GRAMMARS);
}

/** Every provider's pattern forms with what each expands to, one line each (help, errors). */
export const PATTERN_FORMS: readonly string[] = patternFormsOf(GRAMMARS);

export function formatTarget(target: Target): string {
  return formatTargetWith(target, GRAMMARS);
}

/**
 * Builds the adapter for `id` from the settings (its code loads on first use). The plain adapter:
 * the caller adds the safe writes (safe-create.ts) on top.
 */
export async function loadProvider(id: string, settings: ResolvedSettings, deps: ProviderDeps): Promise<Provider> {
  return definitionOf(id).load(settings, deps) as Promise<Provider>;
}
