/**
 * What commands may know of the providers: target grammar, and each provider's definition (auth
 * description, login check, demo hook). The registry lists them; commands reach it through the
 * runtime only (commands never import a provider folder).
 */
export { definitionOf, formatTarget, isProviderId, PROVIDER_IDS, PROVIDERS, parseTarget, SETTINGS_SECTIONS, TARGET_FORMS } from '../providers/registry.js';
export { type CredentialRow, maskId } from '../providers/credentials.js';
// Discovery: whether an argument is a pattern, reading one (for Provider.expand), every accepted form.
export { isPattern, PATTERN_FORMS, parsePattern } from '../providers/registry.js';
