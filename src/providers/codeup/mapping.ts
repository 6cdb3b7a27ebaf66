import { type HookEvent, sortEvents } from '../../model/events.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import { eventsOf } from '../validate.js';
import type { CodeupWireCreate, CodeupWireHook } from './wire.js';

/** Normalized spec → AddWebhook body. Pure. */
export function toWire(spec: HookSpec): CodeupWireCreate {
  const events = eventsOf(spec);
  const body: CodeupWireCreate = {
    url: spec.url,
    push_events: events.has('push'),
    tag_push_events: events.has('tag_push'),
    merge_requests_events: events.has('merge_request'),
    note_events: events.has('note'),
    enable_ssl_verification: spec.sslVerify ?? true,
  };
  if (spec.description !== undefined) body.description = spec.description;
  if (spec.secret !== undefined) body.secret_token = spec.secret.reveal();
  return body;
}

/** Codeup hook object → normalized hook. Pure. v3 returns the secret in clear: it stays wrapped. */
export function fromWire(wire: CodeupWireHook): Hook {
  const events: HookEvent[] = [];
  if (wire.PushEvents) events.push('push');
  if (wire.TagPushEvents) events.push('tag_push');
  if (wire.MergeRequestsEvents) events.push('merge_request');
  if (wire.NoteEvents) events.push('note');
  const hook: Hook = { id: wire.Id, url: wire.Url, events: sortEvents(events) };
  if (wire.Description) hook.description = wire.Description;
  if (wire.SecretToken) hook.secret = new Secret(wire.SecretToken);
  if (wire.EnableSslVerification !== undefined) hook.sslVerify = wire.EnableSslVerification;
  if (wire.CreatedAt) hook.createdAt = wire.CreatedAt;
  return hook;
}
