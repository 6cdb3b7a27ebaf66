import { fromEventFlags, toEventFlags } from '../../model/events.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import { CODEARTS } from './facts.js';
import type { CodeArtsWireHook, CodeArtsWireParams } from './wire.js';

/**
 * Normalized spec → WebhookParamsRequestDto. Pure. `name` is required and checked before this.
 * `dropSecret` sends an empty token, which clears it; no token at all keeps it (facts.ts).
 */
export function toWire(spec: HookSpec, dropSecret = false): CodeArtsWireParams {
  const events = toEventFlags(spec.events);
  const body: CodeArtsWireParams = {
    url: spec.url,
    name: spec.name ?? '',
    push_events: events.push,
    tag_push_events: events.tag_push,
    merge_requests_events: events.merge_request,
    note_events: events.note,
  };
  if (spec.description !== undefined) body.description = spec.description;
  if (body.push_events) body.push_events_branch_regex_filter = spec.branchFilter ?? CODEARTS.defaultBranchFilter;
  if (body.note_events) body.note_plain_text_filter = spec.noteFilters ?? [...CODEARTS.defaultNoteFilters];
  else if (spec.noteFilters !== undefined) body.note_plain_text_filter = spec.noteFilters;
  if (spec.secret !== undefined) {
    body.token = spec.secret.reveal();
    body.token_type = CODEARTS.defaultTokenType;
  } else if (dropSecret) {
    body.token = '';
  }
  return body;
}

/** WebhookDto → normalized hook. The token always comes back masked: an empty Secret says "set". */
export function fromWire(wire: CodeArtsWireHook): Hook {
  const events = fromEventFlags({ push: wire.push_events, tag_push: wire.tag_push_events, merge_request: wire.merge_requests_events, note: wire.note_events });
  const hook: Hook = { id: wire.id, url: wire.url, events };
  if (wire.name) hook.name = wire.name;
  if (wire.description) hook.description = wire.description;
  if (wire.push_events && wire.push_events_branch_regex_filter) hook.branchFilter = wire.push_events_branch_regex_filter;
  if (wire.note_plain_text_filter && wire.note_plain_text_filter.length > 0) hook.noteFilters = wire.note_plain_text_filter;
  if (wire.token) hook.secret = new Secret('');
  if (wire.created_at) hook.createdAt = wire.created_at;
  return hook;
}
