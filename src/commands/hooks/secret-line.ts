import { InterruptedError, ProviderError } from '../../errors.js';
import type { SecretCheck, SecretOutcome } from '../../hooks/fields.js';
import type { Hook } from '../../model/hook.js';

/** What `hooks update` says about the hook's secret, on stderr: a fact only where it is one. */

const SENT: Record<SecretOutcome, string> = {
  set: 'secret: set to the new value',
  kept: 'secret: kept',
  cleared: 'secret: cleared',
};

export interface SecretContext {
  label: string;
  outcome: SecretOutcome;
  /** The outcome rests on what the provider is believed to do (secretOutcomeInferred). */
  inferred: boolean;
  /** The provider's reads say whether a secret is set (reportsSecret). */
  reported: boolean;
  dropSecret: boolean;
}

/** --dry-run: an inferred outcome is an expectation, and says why (or that it cannot be checked). */
export function forecastLine(s: SecretContext): string {
  if (!s.inferred) return SENT[s.outcome];
  let why = s.reported ? ' (read back and checked after the update)' : ` (not checked: ${s.label} does not report it)`;
  if (s.outcome === 'cleared' && !s.dropSecret) why = ` (${s.label} drops it when the URL changes; pass --secret-env or --secret-stdin to set one)`;
  return `secret: expected to be ${s.outcome}${why}`;
}

/** After the update; `check` is undefined when the outcome was not inferred (a value was sent). */
export function outcomeLine(s: SecretContext, check: SecretCheck | undefined, unreadable?: string): string {
  if (check === undefined) return SENT[s.outcome];
  switch (check.kind) {
    case 'checked':
      return `secret: ${check.outcome} (checked)`;
    case 'lost':
      return 'secret: cleared by the provider';
    case 'not-cleared':
      return 'secret: still set (checked): the provider did not clear it';
    case 'unchecked':
      return `secret: ${s.outcome} (not checked: ${unreadable ?? `${s.label} does not report it`})`;
  }
}

/** Exit 1 when the hook read back has not got the secret the update was to leave it with. */
export function secretCheckError(label: string, check: SecretCheck | undefined, target: string, id: string): ProviderError | undefined {
  if (check?.kind === 'lost') {
    return new ProviderError(
      { provider: label, status: 200 },
      {
        message: `${label}: hook ${id} has no secret after this update (read back)`,
        hint: `set it again: hookctl hooks update ${target} ${id} --secret-env NAME (or --secret-stdin)`,
      },
    );
  }
  if (check?.kind === 'not-cleared') {
    return new ProviderError(
      { provider: label, status: 200 },
      {
        message: `${label}: hook ${id} still has a secret after --no-secret (read back)`,
        hint: `remove it in the ${label} console, or replace it: hookctl hooks update ${target} ${id} --secret-env NAME`,
      },
    );
  }
  return undefined;
}

/**
 * The hook read back after the update. A read that fails leaves the outcome unchecked (the update
 * itself went through): `unreadable` says why. Ctrl-C still stops the run.
 */
export async function readBack(get: () => Promise<Hook>): Promise<{ hook?: Hook; unreadable?: string }> {
  try {
    return { hook: await get() };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return { unreadable: `reading the hook back failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
