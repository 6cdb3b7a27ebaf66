import type { Capabilities } from '../types.js';
import { SERVICESTAGE } from './facts.js';

export const servicestageCapabilities: Capabilities = {
  fields: {
    url: 'required',
    name: 'unsupported',
    description: 'unsupported',
    events: 'optional',
    branchFilter: 'unsupported',
    noteFilters: 'unsupported',
    secret: 'required',
    sslVerify: 'unsupported',
  },
  events: SERVICESTAGE.fixedEvents,
  limits: {},
  update: 'replace',
  replaceOrder: SERVICESTAGE.replaceOrder,
  secretOnUpdate: 'resend',
  /** ServiceStage never returns a hook's secret (servicestage.md). */
  secretReadback: 'never',
  get: 'list',
};
