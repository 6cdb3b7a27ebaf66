import type { Capabilities } from '../types.js';

/**
 * The hook fields and events both Codeup APIs (v3 and Yunxiao) express: the same GitLab-style hook
 * underneath. What differs between the two adapters (limits, update style, get) stays in each one.
 */
export const CODEUP_FIELDS: Capabilities['fields'] = {
  url: 'required',
  name: 'unsupported',
  description: 'optional',
  events: 'optional',
  branchFilter: 'unsupported',
  noteFilters: 'unsupported',
  secret: 'optional',
  sslVerify: 'optional',
};

export const CODEUP_EVENTS: Capabilities['events'] = ['push', 'tag_push', 'merge_request', 'note'];
