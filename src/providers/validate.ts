import { UnsupportedError, UsageError } from '../errors.js';
import { type HookSpec, SPEC_FIELDS } from '../model/hook.js';
import type { Capabilities } from './types.js';

/** How each spec field is spelled on the command line, so errors name what the user typed. */
export const FIELD_FLAGS: Record<(typeof SPEC_FIELDS)[number], string> = {
  url: '--url',
  name: '--name',
  description: '--description',
  events: '--events',
  branchFilter: '--branch-filter',
  noteFilters: '--note-filter',
  secret: '--secret-env/--secret-stdin',
  sslVerify: '--no-ssl-verify',
};

/** A value made only of asterisks is what a provider shows instead of a secret: never a secret itself. */
export const MASKED_VALUE = /^\*+$/;

const describeField = (field: (typeof SPEC_FIELDS)[number]) => `${field} (${FIELD_FLAGS[field]})`;

/**
 * Refuses, before any request, a spec the provider cannot honour: an unsupported field, a missing
 * required one, an event it cannot subscribe to, or a value over its length limit.
 */
export function checkSpec(label: string, capabilities: Capabilities, spec: HookSpec): void {
  for (const field of SPEC_FIELDS) {
    const support = capabilities.fields[field];
    const present = spec[field] !== undefined;
    if (present && support === 'unsupported') {
      throw new UnsupportedError(`${describeField(field)} is not supported by ${label}`, {
        hint: `remove ${FIELD_FLAGS[field]} for this target`,
      });
    }
    if (!present && support === 'required') {
      throw new UsageError(`${describeField(field)} is required by ${label}`);
    }
  }
  for (const event of spec.events ?? []) {
    if (!capabilities.events.includes(event)) {
      throw new UnsupportedError(`events: "${event}" is not supported by ${label}`, {
        hint: `supported events: ${capabilities.events.join(', ')}`,
      });
    }
  }
  if (spec.secret !== undefined && MASKED_VALUE.test(spec.secret.reveal())) {
    throw new UsageError(`${describeField('secret')}: a value made only of asterisks is a mask, not a secret, and is never sent to ${label}`);
  }
  const limits = capabilities.limits;
  checkLength('url', spec.url, limits.url, label);
  checkLength('name', spec.name, limits.name, label);
  checkLength('description', spec.description, limits.description, label);
  checkLength('secret', spec.secret?.reveal(), limits.secret, label);
  checkNoteFilters(spec.noteFilters ?? [], capabilities.noteFilterLimits, label);
}

function checkNoteFilters(filters: readonly string[], limits: Capabilities['noteFilterLimits'], label: string): void {
  if (!limits) return;
  if (filters.length > limits.maxItems) throw new UsageError(`noteFilters (--note-filter) allows at most ${limits.maxItems} filters for ${label}`);
  if (filters.some((f) => f.length > limits.maxLength)) {
    throw new UsageError(`noteFilters (--note-filter) must each be at most ${limits.maxLength} characters for ${label}`);
  }
}

function checkLength(field: 'url' | 'name' | 'description' | 'secret', value: string | undefined, max: number | undefined, label: string): void {
  if (value !== undefined && max !== undefined && value.length > max) {
    throw new UsageError(`${describeField(field)} must be at most ${max} characters for ${label} (got ${value.length})`);
  }
}
