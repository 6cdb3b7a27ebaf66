import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import type { Hook } from '../model/hook.js';
import { normalizeUrl } from '../model/url.js';
import { COMPARED_FIELDS, effectiveValue, isDefaultValue, type TargetTraits } from './fields.js';
import type { HooksFile, HooksFileEntry } from './hooks-file.js';

/** A hook as read from a provider, with the target it was read from. */
export interface LiveHook {
  target: string;
  hook: Hook;
}

export interface ExportOptions {
  format: 'yaml' | 'json';
  /** Fields the target's provider does not honour are left out of its entries. */
  traits?: ((target: string) => Pick<TargetTraits, 'fields'>) | undefined;
}

/**
 * The environment variable an exported secret placeholder names. No provider hands back a secret
 * export could write (and none would be written), so each hook that has one gets its own name,
 * derived from its identity: `HOOK_SECRET_` + the first 12 hex digits (upper case) of
 * SHA-256("<target> <normalized url>"). The same hook always gets the same name.
 */
export function secretEnvName(target: string, url: string): string {
  const digest = createHash('sha256')
    .update(`${target} ${normalizeUrl(url)}`)
    .digest('hex');
  return `HOOK_SECRET_${digest.slice(0, 12).toUpperCase()}`;
}

/** Live hooks → the hooks file (as data): one entry per hook, sorted by target then URL. */
export function hooksFileDocument(hooks: readonly LiveHook[], traits?: ExportOptions['traits']): HooksFile {
  const sorted = [...hooks].sort(
    (a, b) => compare(a.target, b.target) || compare(normalizeUrl(a.hook.url), normalizeUrl(b.hook.url)) || compare(a.hook.id, b.hook.id),
  );
  return { version: 1, hooks: sorted.map(({ target, hook }) => entryOf(target, hook, traits?.(target)?.fields)) };
}

function entryOf(target: string, hook: Hook, fields: TargetTraits['fields'] | undefined): HooksFileEntry {
  // Key order here is the order in the file.
  const entry: HooksFileEntry = { target, url: hook.url };
  const events = effectiveValue('events', hook.events) as string[];
  for (const field of COMPARED_FIELDS) {
    if (fields?.[field] === 'unsupported') continue;
    if (field === 'branchFilter' && !events.includes('push')) continue;
    if (field === 'noteFilters' && !events.includes('note')) continue;
    const value = hook[field];
    if (value === undefined || isDefaultValue(field, value)) continue;
    Object.assign(entry, { [field]: field === 'events' ? events : value });
  }
  if (hook.secret !== undefined && fields?.secret !== 'unsupported') entry.secret = `\${env:${secretEnvName(target, hook.url)}}`;
  return entry;
}

/** Live hooks → hooks file text, YAML or JSON, in a stable order; secrets as placeholders. */
export function exportHooks(hooks: readonly LiveHook[], options: ExportOptions): string {
  const document = hooksFileDocument(hooks, options.traits);
  if (options.format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  return stringify(document, { lineWidth: 0 });
}

/** The variables an exported file needs set before plan or apply can read it. */
export function exportedSecretNames(hooks: readonly LiveHook[]): string[] {
  return [...new Set(hooks.filter(({ hook }) => hook.secret !== undefined).map(({ target, hook }) => secretEnvName(target, hook.url)))].sort();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
