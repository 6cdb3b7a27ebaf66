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
