import { z } from 'zod';

/** The normalized event names (design §2). Each provider maps them to its own flags. */
export const HOOK_EVENTS = ['push', 'tag_push', 'merge_request', 'note'] as const;

export const HookEventSchema = z.enum(HOOK_EVENTS);
export type HookEvent = z.infer<typeof HookEventSchema>;

/** Sorts events into the canonical order so output and comparisons are stable. */
export function sortEvents(events: Iterable<HookEvent>): HookEvent[] {
  const set = new Set(events);
  return HOOK_EVENTS.filter((event) => set.has(event));
}

/** One boolean per event: how every provider with event flags spells a subscription. */
export type EventFlags = Record<HookEvent, boolean>;

/** Events → flags. No events given means the default every provider shares: push. */
export function toEventFlags(events: readonly HookEvent[] | undefined): EventFlags {
  const set = new Set(events ?? ['push']);
  return { push: set.has('push'), tag_push: set.has('tag_push'), merge_request: set.has('merge_request'), note: set.has('note') };
}

/** Flags read back from a provider (absent or null means off) → events in canonical order. */
export function fromEventFlags(flags: Partial<Record<HookEvent, boolean | null | undefined>>): HookEvent[] {
  return HOOK_EVENTS.filter((event) => flags[event] === true);
}
