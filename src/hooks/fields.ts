/** How spec fields are spelled on the command line, and what an update does to a secret: for commands. */

export type { RequestPreview } from '../http/types.js';
export {
  checkSecret,
  reportsSecret,
  type SecretCheck,
  type SecretOutcome,
  secretOutcome,
  secretOutcomeInferred,
} from '../providers/update-secret.js';
export { FIELD_FLAGS, MASKED_VALUE } from '../providers/validate.js';
export type { HookMatch } from './find.js';
export type { HookService } from './service.js';
