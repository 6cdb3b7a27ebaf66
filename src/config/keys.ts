/**
 * Dotted config keys (`timeout`, `profiles.ci.codearts.region`, `rules.no-secret.severity`) for
 * `config get|set|list`, checked against the config file's own schema (schema.ts): a key is valid
 * when the schema has a place for it, and a value when the schema accepts it there. No second list
 * of keys or rules to drift from what the loader enforces.
 */
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { configFileSchema } from './schema.js';
import type { SettingsSection } from './section.js';

type Schema = z.ZodType;

/** A whole value that is one `${env:NAME}` reference: resolved when the config is loaded. */
export const ENV_REFERENCE = /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/;

/** The longest key path accepted: deeper than any place in the schema. */
const MAX_DEPTH = 8;

export function splitKey(key: string, verb: string): string[] {
  const path = key.split('.');
  if (key === '' || path.some((part) => part === '') || path.length > MAX_DEPTH) {
    throw new UsageError(`config ${verb} ${JSON.stringify(key)}: a key is names joined by dots, e.g. timeout or profiles.ci.codearts.region`);
  }
  return path;
}

/** optional, default, nullable and readonly wrappers hide the schema that says what goes there. */
function unwrap(schema: Schema): Schema {
  let at = schema;
  for (let i = 0; i < 8; i++) {
    const inner = (at.def as { innerType?: Schema }).innerType;
    if (inner === undefined) return at;
    at = inner;
  }
  return at;
}

/** The schema under one key of a mapping schema; undefined when it has no place for that key. */
function child(schema: Schema, key: string): Schema | undefined {
  const at = unwrap(schema);
  if (at instanceof z.ZodObject) return Object.hasOwn(at.shape, key) ? (at.shape[key] as Schema) : undefined;
  if (at instanceof z.ZodRecord) return (at.def.keyType as Schema).safeParse(key).success ? (at.def.valueType as Schema) : undefined;
  if (at instanceof z.ZodUnion) {
    for (const option of at.options as readonly Schema[]) {
      const found = child(option, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** What may follow a key in an error: the names a mapping has, or what kind of name. */
function keysOf(schema: Schema): string {
  const at = unwrap(schema);
  if (at instanceof z.ZodObject) return Object.keys(at.shape).join(', ');
  if (at instanceof z.ZodRecord) {
    const keys = unwrap(at.def.keyType as Schema);
    return keys instanceof z.ZodEnum ? keys.options.join(', ') : 'a name of your choice';
  }
  if (at instanceof z.ZodUnion)
    return (
      (at.options as readonly Schema[])
        .map(keysOf)
        .filter((k) => k !== 'none')
        .join(', ') || 'none'
    );
  return 'none';
}

/** The schema of a key's value; a key with no place in the schema is exit 2 naming the keys there are. */
export function schemaAt(path: readonly string[], sections: readonly SettingsSection[], verb: string): Schema {
  let at: Schema = configFileSchema(sections);
  for (const [i, name] of path.entries()) {
    const next = child(at, name);
    if (next === undefined) {
      const parent = path.slice(0, i).join('.');
      throw new UsageError(`config ${verb} ${path.join('.')}: unknown key ${name}${parent ? ` under ${parent}` : ''}; keys there: ${keysOf(at)}`);
    }
    at = next;
  }
  return at;
}

/**
 * VALUE as the schema wants it at that key: a number, true/false, a JSON list or mapping, or the
 * text itself, whichever it accepts. Rejected: one line naming the key and the schema's rule.
 */
export function valueFor(schema: Schema, path: readonly string[], text: string): unknown {
  if (ENV_REFERENCE.test(text)) {
    // Checked once resolved, when the config is loaded; here only that the key takes text.
    if (schema.safeParse(text).success || unwrap(schema) instanceof z.ZodString || unwrap(schema) instanceof z.ZodNumber) return text;
  }
  const candidates: unknown[] = [];
  if (/^-?\d+(\.\d+)?$/.test(text)) candidates.push(Number(text));
  if (text === 'true' || text === 'false') candidates.push(text === 'true');
  if (/^[[{]/.test(text)) {
    try {
      candidates.push(JSON.parse(text));
    } catch {
      // not JSON: tried as text below
    }
  }
  candidates.push(text);
  let first: z.ZodError | undefined;
  for (const candidate of candidates) {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    first ??= parsed.error;
  }
  const issue = first?.issues[0];
  const where = [...path, ...(issue?.path ?? []).map(String)].join('.');
  throw new UsageError(`config set ${where}: ${issue?.message ?? 'invalid value'} (got ${JSON.stringify(text)})`);
}

/** Whether a key path holds a credential: `profiles.<name>.<section>.<secret key>` (each section's secretKeys). */
export function isSecretPath(path: readonly string[], sections: readonly SettingsSection[]): boolean {
  if (path[0] !== 'profiles' || path.length < 4) return false;
  const section = sections.find((s) => s.profileKey === path[2]);
  const rest = path.slice(3).join('.');
  return section?.secretKeys.some((key) => key.join('.') === rest) === true;
}
