import { fromEventFlags, toEventFlags } from '../../model/events.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import { codeupDeliveryStatus } from '../codeup/delivery.js';
import { MASKED_VALUE } from '../validate.js';
import type { CodeupWireCreate, CodeupWireHook } from './wire.js';

/** Normalized spec → AddWebhook body. Pure. */
export function toWire(spec: HookSpec): CodeupWireCreate {
  const events = toEventFlags(spec.events);
  const body: CodeupWireCreate = {
    url: spec.url,
    push_events: events.push,
    tag_push_events: events.tag_push,
    merge_requests_events: events.merge_request,
    note_events: events.note,
    enable_ssl_verification: spec.sslVerify ?? true,
  };
  if (spec.description !== undefined) body.description = spec.description;
  if (spec.secret !== undefined) body.secret_token = spec.secret.reveal();
  return body;
}

/**
 * Codeup hook object → normalized hook. Pure. v3 returns the secret in clear: it stays wrapped. A
 * masked one (asterisks) becomes an empty Secret, "set, value unknown", so it is never resent.
 */
export function fromWire(wire: CodeupWireHook): Hook {
  const events = fromEventFlags({
    push: wire.PushEvents ?? undefined,
    tag_push: wire.TagPushEvents ?? undefined,
    merge_request: wire.MergeRequestsEvents ?? undefined,
    note: wire.NoteEvents ?? undefined,
  });
  const hook: Hook = { id: wire.Id, url: wire.Url ?? '', events };
  if (wire.Description) hook.description = wire.Description;
  if (wire.SecretToken) hook.secret = new Secret(MASKED_VALUE.test(wire.SecretToken) ? '' : wire.SecretToken);
  if (wire.EnableSslVerification !== undefined && wire.EnableSslVerification !== null) hook.sslVerify = wire.EnableSslVerification;
  if (wire.CreatedAt) hook.createdAt = wire.CreatedAt;
  const delivery = codeupDeliveryStatus(wire.LastTestResult);
  if (delivery) hook.delivery = delivery;
  return hook;
}
