import { type HookEvent, sortEvents } from '../model/events.js';
import type { SpecField } from '../model/hook.js';
import type { Capabilities } from '../providers/types.js';

/**
 * What plan and export need to know about the provider behind a target: which fields it honours,
 * whether update is a replace, and whether it reads secrets back in clear (some providers do, others
 * mask them or never return them).
 */
export interface TargetTraits {
  fields: Capabilities['fields'];
  update: Capabilities['update'];
  secretReadable: boolean;
}

export function traitsOf(capabilities: Pick<Capabilities, 'fields' | 'update'>, secretReadable: boolean): TargetTraits {
  return { fields: capabilities.fields, update: capabilities.update, secretReadable };
}

/** The fields plan compares and export writes, besides url (the identity) and secret (write-only). */
export const COMPARED_FIELDS = ['name', 'description', 'events', 'branchFilter', 'noteFilters', 'sslVerify'] as const satisfies readonly SpecField[];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** A field's value as compared and printed: JSON-safe, defaults filled in. */
export type FieldValue = string | boolean | string[] | null;

/**
 * A field omitted from the file means the provider's default, and a value read back that equals the
 * default is the same as none. Defaults: no name, no description, events [push], every branch
 * (`.*`, what CodeArts fills in), every comment (`.*` or no filter), TLS verified.
 */
export function effectiveValue(field: ComparedField, value: unknown): FieldValue {
  switch (field) {
    case 'name':
    case 'description':
      return typeof value === 'string' && value !== '' ? value : null;
    case 'events': {
      const events = Array.isArray(value) && value.length > 0 ? (value as HookEvent[]) : ['push' as const];
      return sortEvents(events);
    }
    case 'branchFilter':
      return typeof value === 'string' && value !== '' ? value : '.*';
    case 'noteFilters': {
      const filters = Array.isArray(value) ? (value as string[]) : [];
      return filters.length === 0 || (filters.length === 1 && filters[0] === '.*') ? ['.*'] : filters;
    }
    case 'sslVerify':
      return value !== false;
  }
}

export function isDefaultValue(field: ComparedField, value: unknown): boolean {
  return sameValue(effectiveValue(field, value), effectiveValue(field, undefined));
}

export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => item === b[i]);
  return a === b;
}

/**
 * Whether a field is compared on this target: the provider must honour it, and the filters only
 * matter (and are only read back) while their event is on.
 */
export function isCompared(field: ComparedField, traits: TargetTraits, desiredEvents: readonly HookEvent[]): boolean {
  if (traits.fields[field] === 'unsupported') return false;
  if (field === 'branchFilter') return desiredEvents.includes('push');
  if (field === 'noteFilters') return desiredEvents.includes('note');
  return true;
}
