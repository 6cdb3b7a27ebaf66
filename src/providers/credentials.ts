import type { Sourced } from '../config/resolve.js';
import { MASK, type Secret } from '../model/secret.js';

/** One credential as `auth status` prints it. */
export interface CredentialRow {
  name: string;
  /** Masked: secrets as ******, key ids down to their last four characters. */
  value: string;
  source: string;
}

/** What a provider would send with the resolved settings, offline (a definition's describeAuth). */
export interface AuthDescription {
  /** How requests would be authenticated, or NOT_CONFIGURED. */
  mode: string;
  configured: boolean;
  endpoint: Sourced<string>;
  credentials: CredentialRow[];
  /** What keeps a provider with credentials from working (not printed in JSON; the rows show it). */
  missing?: string;
}

export const NOT_CONFIGURED = 'not configured';

/** Key ids are not secret, but a screen share does not need all of one: the last four identify it. */
export function maskId(id: string): string {
  return id.length > 8 ? `****${id.slice(-4)}` : '****';
}

export const plainRow = (name: string, item: Sourced<string> | undefined): CredentialRow[] => (item ? [{ name, value: item.value, source: item.source }] : []);
export const keyIdRow = (name: string, item: Sourced<string> | undefined): CredentialRow[] =>
  item ? [{ name, value: maskId(item.value), source: item.source }] : [];
export const hiddenRow = (name: string, item: Sourced<Secret> | undefined): CredentialRow[] => (item ? [{ name, value: MASK, source: item.source }] : []);
