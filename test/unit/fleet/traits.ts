import type { TargetTraits } from '../../../src/fleet/fields.js';

/** The three providers' traits, as their capabilities declare them (src/providers/*). */
export const CODEUP_V3: TargetTraits = {
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
  update: 'replace',
  secretReadable: true,
};
export const CODEARTS: TargetTraits = {
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
  update: 'native',
  secretReadable: false,
};
export const SERVICESTAGE: TargetTraits = {
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
  update: 'replace',
  secretReadable: false,
};

export function traitsFor(target: string): TargetTraits {
  if (target.startsWith('codeup:')) return CODEUP_V3;
  if (target.startsWith('codearts:')) return CODEARTS;
  return SERVICESTAGE;
}
