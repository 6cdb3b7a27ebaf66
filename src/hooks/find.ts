import { effectiveValue, sameValue } from '../fleet/fields.js';
import type { HookEvent } from '../model/events.js';
import type { Hook, HookSpec } from '../model/hook.js';
import type { Target } from '../model/target.js';
import { normalizeUrl } from '../model/url.js';

/** A hook found by URL, and the fields in which it differs from the one asked for (empty: the same). */
export interface HookMatch {
  hook: Hook;
  differences: string[];
}

/** URLs are compared by one identity (model/url.ts): scheme and host case, default port, empty path. */
export { normalizeUrl };

export const sameUrl = (a: string, b: string): boolean => normalizeUrl(a) === normalizeUrl(b);

const DEFAULT_EVENTS: readonly HookEvent[] = ['push'];
const listed = (values: readonly string[] | undefined) => (values && values.length > 0 ? [...values].sort().join(',') : '(none)');

/**
 * How `hook` differs from `want` in what it delivers: events (absent in the spec: push), branch
 * and note filters (while their event is asked for), TLS verification (absent in the spec: on; not
 * compared when the provider does not report it). Values are compared as plan compares them
 * (fleet/fields.ts effectiveValue): a filter read back as `.*`, the default hookctl itself sends
 * to CodeArts, is the same as none. Name, description and secret are not compared: they do not
 * change deliveries, and a secret cannot be read back.
 */
export function differences(hook: Hook, want: HookSpec): string[] {
  const out: string[] = [];
  const wantedEvents = want.events ?? DEFAULT_EVENTS;
  const wantEvents = listed(wantedEvents);
  const hookEvents = listed(hook.events);
  if (wantEvents !== hookEvents) out.push(`events ${hookEvents} (asked ${wantEvents})`);
  const differs = (field: 'branchFilter' | 'noteFilters') => !sameValue(effectiveValue(field, hook[field]), effectiveValue(field, want[field]));
  if (wantedEvents.includes('push') && differs('branchFilter')) {
    out.push(`branch filter ${hook.branchFilter ? `"${hook.branchFilter}"` : '(none)'} (asked ${want.branchFilter ? `"${want.branchFilter}"` : 'none'})`);
  }
  if (wantedEvents.includes('note') && differs('noteFilters')) out.push(`note filters ${listed(hook.noteFilters)} (asked ${listed(want.noteFilters)})`);
  if (hook.sslVerify !== undefined && hook.sslVerify !== (want.sslVerify ?? true)) {
    out.push(`SSL verification ${hook.sslVerify ? 'on' : 'off'} (asked ${(want.sslVerify ?? true) ? 'on' : 'off'})`);
  }
  return out;
}

/**
 * The hook of `target` that delivers to `url` (normalized; the first listed when several do), and
 * how it differs from `want` when given.
 */
export async function findByUrl(
  source: { list(target: Target): AsyncIterable<Hook> },
  target: Target,
  url: string,
  want?: HookSpec,
): Promise<HookMatch | undefined> {
  const wanted = normalizeUrl(url);
  for await (const hook of source.list(target)) {
    if (normalizeUrl(hook.url) === wanted) return { hook, differences: want ? differences(hook, want) : [] };
  }
  return undefined;
}
