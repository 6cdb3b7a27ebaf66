import { CODEUP_EVENTS, CODEUP_FIELDS } from '../codeup/fields.js';
import type { Capabilities } from '../types.js';
import { CODEUP_OAPI } from './facts.js';

export const codeupOapiCapabilities: Capabilities = {
  fields: CODEUP_FIELDS,
  events: CODEUP_EVENTS,
  limits: CODEUP_OAPI.limits,
  update: 'native',
  /** [I] UpdateWebHook is a PUT that keeps fields it is not given (oapi-mapping.ts); `token: ""` clears it. */
  secretOnUpdate: 'kept',
  secretReadback: CODEUP_OAPI.secretReadback,
  get: 'native',
};
