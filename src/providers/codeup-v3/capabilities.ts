import { CODEUP_EVENTS, CODEUP_FIELDS } from '../codeup/fields.js';
import type { Capabilities } from '../types.js';
import { CODEUP_V3 } from './facts.js';

export const codeupV3Capabilities: Capabilities = {
  fields: CODEUP_FIELDS,
  events: CODEUP_EVENTS,
  limits: {},
  update: 'replace',
  replaceOrder: CODEUP_V3.replaceOrder,
  secretOnUpdate: 'resend',
  /** In clear where the list returns it (CODEUP_V3.secretReadBack). */
  secretReadback: 'clear',
  get: 'list',
};
