import { fromEventFlags, toEventFlags } from '../../model/events.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import { codeupDeliveryStatus } from '../codeup/delivery.js';
import { MASKED_VALUE } from '../validate.js';
import type { OapiWireHook, OapiWireParams } from './wire.js';

/**
 * Normalized spec → CreateWebHook / UpdateWebHook body. Pure. Every event flag and the TLS flag
 * are always sent, so a PUT (which keeps fields it is not given) still lands on the full spec.
 */
export function toWire(spec: HookSpec): OapiWireParams {
  const events = toEventFlags(spec.events);
  const body: OapiWireParams = {
    url: spec.url,
    pushEvents: events.push,
    tagPushEvents: events.tag_push,
    mergeRequestsEvents: events.merge_request,
    noteEvents: events.note,
    enableSslVerification: spec.sslVerify ?? true,
  };
  if (spec.description !== undefined) body.description = spec.description;
  if (spec.secret !== undefined) body.token = spec.secret.reveal();
  return body;
}

/**
 * Hook (list/get/create/update answer) → normalized hook. Pure. The docs list `token` among the
 * read fields without saying whether it is masked: a clear value stays wrapped in a Secret (so an
 * update can resend it); a masked one becomes an empty Secret ("set, value unknown").
 */
export function fromWire(wire: OapiWireHook): Hook {
  const events = fromEventFlags({ push: wire.pushEvents, tag_push: wire.tagPushEvents, merge_request: wire.mergeRequestsEvents, note: wire.noteEvents });
  const hook: Hook = { id: wire.id, url: wire.url, events };
  if (wire.description) hook.description = wire.description;
  if (wire.token) hook.secret = new Secret(MASKED_VALUE.test(wire.token) ? '' : wire.token);
  const sslVerify = wire.enableSSLVerification ?? wire.enableSslVerification;
  if (sslVerify !== undefined && sslVerify !== null) hook.sslVerify = sslVerify;
  if (wire.createdAt) hook.createdAt = wire.createdAt;
  const delivery = codeupDeliveryStatus(wire.lastTestResult);
  if (delivery) hook.delivery = delivery;
  return hook;
}
