/**
 * What commands may know of the providers: target grammar, and each provider's definition (auth
 * description, login check, demo hook). The registry lists them; commands reach it through the
 * runtime only (commands never import a provider folder).
 */

export type { SettingsSection } from '../config/section.js';
export { type CredentialRow, maskId } from '../providers/credentials.js';
export { DELIVERY_STYLES, DELIVERY_TOKEN_TYPES, sampleDelivery } from '../providers/deliveries.js';
export { listOf, providerHelp } from '../providers/help.js';
export {
  definitionOf,
  formatTarget,
  isPattern,
  isProviderId,
  PATTERN_FORMS,
  PROVIDER_IDS,
  PROVIDERS,
  parsePattern,
  parseTarget,
  SETTINGS_SECTIONS,
  TARGET_FORMS,
} from '../providers/registry.js';
export type { Capabilities, ProviderLogin } from '../providers/types.js';
