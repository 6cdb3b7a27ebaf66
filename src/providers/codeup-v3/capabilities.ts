import type { Capabilities } from '../types.js';
import { CODEUP_V3 } from './facts.js';

export const codeupV3Capabilities: Capabilities = {
  fields: {
    url: 'required',
    name: 'unsupported',
    description: 'optional',
    events: 'optional',
    branchFilter: 'unsupported',
    noteFilters: 'unsupported',
    secret: 'optional',
    sslVerify: 'optional',
  },
  events: ['push', 'tag_push', 'merge_request', 'note'],
  limits: {},
  update: 'replace',
  replaceOrder: CODEUP_V3.replaceOrder,
  secretOnUpdate: 'resend',
  get: 'list',
};
