import type { Capabilities } from '../types.js';
import { CODEUP_OAPI } from './facts.js';

export const codeupOapiCapabilities: Capabilities = {
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
  limits: CODEUP_OAPI.limits,
  update: 'native',
  /** [I] UpdateWebHook is a PUT that keeps fields it is not given (oapi-mapping.ts); `token: ""` clears it. */
  secretOnUpdate: 'kept',
  get: 'native',
};
