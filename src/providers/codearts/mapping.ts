import { type HookEvent, sortEvents } from '../../model/events.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import { eventsOf } from '../validate.js';
import { CODEARTS } from './facts.js';
import type { CodeArtsWireHook, CodeArtsWireParams } from './wire.js';

/** Normalized spec → WebhookParamsRequestDto. Pure. `name` is required and checked before this. */
export function toWire(spec: HookSpec): CodeArtsWireParams {
  const events = eventsOf(spec);
  const body: CodeArtsWireParams = {
    url: spec.url,
    name: spec.name ?? '',
    push_events: events.has('push'),
    tag_push_events: events.has('tag_push'),
    merge_requests_events: events.has('merge_request'),
    note_events: events.has('note'),
  };
  if (spec.description !== undefined) body.description = spec.description;
  if (body.push_events) body.push_events_branch_regex_filter = spec.branchFilter ?? CODEARTS.defaultBranchFilter;
  if (spec.noteFilters !== undefined) body.note_plain_text_filter = spec.noteFilters;
  if (spec.secret !== undefined) {
    body.token = spec.secret.reveal();
    body.token_type = CODEARTS.defaultTokenType;
  }
  return body;
}

/** WebhookDto → normalized hook. The token always comes back masked: an empty Secret says "set". */
export function fromWire(wire: CodeArtsWireHook): Hook {
  const events: HookEvent[] = [];
  if (wire.push_events) events.push('push');
  if (wire.tag_push_events) events.push('tag_push');
  if (wire.merge_requests_events) events.push('merge_request');
  if (wire.note_events) events.push('note');
  const hook: Hook = { id: wire.id, url: wire.url, events: sortEvents(events) };
  if (wire.name) hook.name = wire.name;
  if (wire.description) hook.description = wire.description;
  if (wire.push_events && wire.push_events_branch_regex_filter) hook.branchFilter = wire.push_events_branch_regex_filter;
  if (wire.note_plain_text_filter && wire.note_plain_text_filter.length > 0) hook.noteFilters = wire.note_plain_text_filter;
  if (wire.token) hook.secret = new Secret('');
  if (wire.created_at) hook.createdAt = wire.created_at;
  return hook;
}
