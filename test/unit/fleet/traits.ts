import { type TargetTraits, traitsOf } from '../../../src/fleet/fields.js';
import { codeartsCapabilities } from '../../../src/providers/codearts/capabilities.js';
import { codeupV3Capabilities } from '../../../src/providers/codeup-v3/capabilities.js';
import { servicestageCapabilities } from '../../../src/providers/servicestage/capabilities.js';

/** The providers' traits, from their own capabilities (only Codeup v3 returns the secret in clear). */
export const CODEUP_V3: TargetTraits = traitsOf(codeupV3Capabilities, true);
export const CODEARTS: TargetTraits = traitsOf(codeartsCapabilities, false);
export const SERVICESTAGE: TargetTraits = traitsOf(servicestageCapabilities, false);

export function traitsFor(target: string): TargetTraits {
  if (target.startsWith('codeup:')) return CODEUP_V3;
  if (target.startsWith('codearts:')) return CODEARTS;
  return SERVICESTAGE;
}
