import { UsageError } from '../errors.js';
import type { Hook, HookSpec } from '../model/hook.js';
import type { Capabilities } from './types.js';

/** The one refusal for an update that would silently lose a secret nobody can read back. */
export const UNREADABLE_SECRET = 'the current secret cannot be read: pass --secret-env/--secret-stdin, or --no-secret to drop it';

/**
 * For providers whose update must resend the secret (a replace), and where a secret is optional:
 * an update that carries none, without --no-secret, would create the new hook without one.
 * Refused before any request that changes anything.
 */
export function refuseSecretLoss(label: string, capabilities: Capabilities, spec: HookSpec, dropSecret: boolean | undefined): void {
  if ((capabilities.secretOnUpdate ?? 'resend') !== 'resend' || capabilities.fields.secret !== 'optional') return;
  if (spec.secret !== undefined || dropSecret) return;
  throw new UsageError(`${label}: ${UNREADABLE_SECRET}`, {
    hint: `${label} replaces the hook on update, and its list did not return the current secret (empty or masked)`,
  });
}

export type SecretOutcome = 'set' | 'kept' | 'cleared';

/**
 * What an update does to the hook's secret, for --dry-run and stderr. `given` is true when the
 * user passed a new secret. Undefined when the hook has none before and after.
 */
export function secretOutcome(capabilities: Capabilities, current: Hook, spec: HookSpec, given: boolean, dropSecret: boolean): SecretOutcome | undefined {
  if (given) return 'set';
  if (dropSecret) return current.secret !== undefined ? 'cleared' : undefined;
  if (spec.secret !== undefined) return 'kept'; // read back in clear and sent again
  if (current.secret === undefined) return undefined;
  switch (capabilities.secretOnUpdate ?? 'resend') {
    case 'kept':
      return 'kept';
    case 'kept-unless-url-changes':
      return spec.url === current.url ? 'kept' : 'cleared';
    case 'resend':
      return 'cleared';
  }
}

/**
 * Whether `outcome` rests on what the provider is believed to do with an update that carries no
 * secret value (a native update that omits it, or sends an empty one for --no-secret), rather than
 * on a value sent. Only such an outcome needs checking.
 */
export function secretOutcomeInferred(capabilities: Capabilities, spec: HookSpec, outcome: SecretOutcome | undefined): boolean {
  return outcome !== undefined && outcome !== 'set' && capabilities.update === 'native' && spec.secret === undefined;
}

/**
 * An inferred outcome against the hook read back after the update. `checked`: the provider agrees
 * (`outcome` is what it reports, which may be better than inferred: a secret kept, not cleared).
 * `lost`: a secret the update was to keep is gone. `not-cleared`: --no-secret, and one is still
 * set. `unchecked`: the provider does not report secrets (`after` is undefined then).
 */
export type SecretCheck = { kind: 'checked'; outcome: 'kept' | 'cleared' } | { kind: 'lost' } | { kind: 'not-cleared' } | { kind: 'unchecked' };

export function checkSecret(dropSecret: boolean, after: Hook | undefined): SecretCheck {
  if (after === undefined) return { kind: 'unchecked' };
  const set = after.secret !== undefined;
  if (dropSecret) return set ? { kind: 'not-cleared' } : { kind: 'checked', outcome: 'cleared' };
  return set ? { kind: 'checked', outcome: 'kept' } : { kind: 'lost' };
}

/** Whether reading a hook tells if it has a secret. */
export function reportsSecret(capabilities: Capabilities): boolean {
  return (capabilities.secretReadback ?? 'never') !== 'never';
}
