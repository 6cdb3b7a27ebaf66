/**
 * What the flag tables and `--help` may know of the providers: names, help examples, target
 * grammar and delivery choices, from the providers' catalog. Cheap to import (no registry, no
 * settings); everything else commands reach through runtime/providers.ts, loaded when they run.
 */

export {
  DELIVERY_STYLES,
  DELIVERY_TOKEN_TYPES,
  formatTarget,
  isPattern,
  isProviderId,
  PATTERN_FORMS,
  PROVIDER_CATALOG,
  PROVIDER_IDS,
  parsePattern,
  parseTarget,
  TARGET_FORMS,
} from '../providers/catalog.js';
export { listOf, providerHelp } from '../providers/help.js';
