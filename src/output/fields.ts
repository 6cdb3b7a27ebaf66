import { UsageError } from '../errors.js';
import { HookSchema } from '../model/hook.js';

/**
 * What `--json FIELDS` may name, per kind of output. A hook's fields come from the normalized model
 * (HookSchema) plus the target it lives on; `delivery` is not printed (toPlainHook leaves it out).
 */
const HOOK_FIELDS: readonly string[] = ['target', ...Object.keys(HookSchema.shape).filter((key) => key !== 'delivery')];

export const OUTPUT_FIELDS = {
  hook: HOOK_FIELDS,
  /** `hooks create --if-not-exists`: the hook and whether it was created. */
  created: [...HOOK_FIELDS, 'created'],
  /** `hooks update`: the hook and, after a replace, the id it had. */
  updated: [...HOOK_FIELDS, 'replacedId'],
  deleted: ['target', 'id', 'deleted'],
} as const satisfies Record<string, readonly string[]>;

export type OutputKind = keyof typeof OUTPUT_FIELDS;

/** The fields asked for, checked against what this output has; an unknown one lists the available ones. */
export function checkFields(kind: OutputKind | undefined, fields: readonly string[], command: string): void {
  if (kind === undefined) {
    throw new UsageError(`--json ${fields.join(',')}: ${command} has no field list to select from`, { hint: 'use --json alone, or --jq to filter' });
  }
  const available = OUTPUT_FIELDS[kind] as readonly string[];
  const unknown = fields.filter((field) => !available.includes(field));
  if (unknown.length > 0) {
    throw new UsageError(`--json: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; available: ${available.join(', ')}`);
  }
}

/** An object keeps exactly the fields asked for, in that order (absent ones as null); an array, each element. */
export function selectFields(data: unknown, fields: readonly string[]): unknown {
  if (Array.isArray(data)) return data.map((item) => selectFields(item, fields));
  if (data === null || typeof data !== 'object') return data;
  const source = data as Record<string, unknown>;
  return Object.fromEntries(fields.map((field) => [field, Object.hasOwn(source, field) ? source[field] : null]));
}
