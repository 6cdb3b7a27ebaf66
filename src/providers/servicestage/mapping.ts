import type { Hook, HookSpec } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import { SERVICESTAGE } from './facts.js';
import type { ServiceStageWireCreate, ServiceStageWireHook } from './wire.js';

/** Normalized spec → CreateHook body. Pure. The secret is required and checked before this. */
export function toWire(spec: HookSpec): ServiceStageWireCreate {
  return { url: spec.url, secret: spec.secret?.reveal() ?? '' };
}

/** ServiceStage hook → normalized hook. Every hook has a secret (required), never returned. */
export function fromWire(wire: ServiceStageWireHook): Hook {
  return { id: wire.id, url: wire.callback_url ?? '', events: [...SERVICESTAGE.fixedEvents], secret: new Secret('') };
}
