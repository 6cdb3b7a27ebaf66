/**
 * The one list of provider definitions. Adding one is a folder with an about.ts (listed in
 * catalog.ts) and a definition.ts (listed here), and an emulator module. Definitions are cheap to import: each loads its adapter on first use, so a
 * run that touches only CodeArts never loads the Alibaba signer, and `--help` stays fast.
 */
import type { ResolvedSettings } from '../config/resolve.js';
import type { SettingsSection } from '../config/section.js';
import { UsageError } from '../errors.js';
import { PROVIDER_IDS } from './catalog.js';
import { codearts } from './codearts/definition.js';
import { codeup } from './codeup/definition.js';
import type { ProviderDeps } from './deps.js';
import { servicestage } from './servicestage/definition.js';
import type { Provider, ProviderDefinition } from './types.js';

// Targets, their grammar and the provider ids: from the catalog, which help can load without the definitions.
export { formatTarget, isPattern, isProviderId, PATTERN_FORMS, PROVIDER_IDS, parsePattern, parseTarget, TARGET_FORMS } from './catalog.js';

/** In the catalog's order (a unit test checks both lists agree). */
export const PROVIDERS: readonly ProviderDefinition[] = [codeup, codearts, servicestage];

/** Every provider's settings sections, each once (shared ones, like Huawei's, by the first that lists them). */
export const SETTINGS_SECTIONS: readonly SettingsSection[] = [...new Set(PROVIDERS.flatMap((p) => p.settings))];

export function definitionOf(id: string): ProviderDefinition {
  const found = PROVIDERS.find((p) => p.id === id);
  if (!found) throw new UsageError(`unknown provider "${id}"`, { hint: `expected one of ${PROVIDER_IDS.join(', ')}` });
  return found;
}

/**
 * Builds the adapter for `id` from the settings (its code loads on first use). The plain adapter:
 * the caller adds the safe writes (safe-create.ts) on top.
 */
export async function loadProvider(id: string, settings: ResolvedSettings, deps: ProviderDeps): Promise<Provider> {
  return definitionOf(id).load(settings, deps) as Promise<Provider>;
}
