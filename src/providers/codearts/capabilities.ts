import type { Capabilities } from '../types.js';
import { CODEARTS } from './facts.js';

export const codeartsCapabilities: Capabilities = {
  fields: {
    url: 'required',
    name: 'required',
    description: 'optional',
    events: 'optional',
    branchFilter: 'optional',
    noteFilters: 'optional',
    secret: 'optional',
    sslVerify: 'unsupported',
  },
  events: ['push', 'tag_push', 'merge_request', 'note'],
  limits: CODEARTS.limits,
  noteFilterLimits: CODEARTS.noteFilters,
  update: 'native',
  secretOnUpdate: CODEARTS.secretOnUpdate,
  secretReadback: CODEARTS.secretReadback,
  get: 'native',
  deliveryLog: CODEARTS.deliveryLogs.groupAndRepositoryHooks,
};
