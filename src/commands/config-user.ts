/**
 * What `config get` and `config list` print of the user config file: a credential's value is
 * masked as `config show` masks it; a `${env:NAME}` reference is shown, it names a variable only.
 */
import { ENV_REFERENCE, isSecretPath } from '../config/keys.js';
import { MASK } from '../model/secret.js';
import type { RunContext } from '../runtime/context.js';
import { jsonRequested } from '../runtime/global-flags.js';
import type { SettingsSection } from '../runtime/providers.js';

/** The value at `path` as printed; a mapping (`config get profiles.ci`) has its credentials masked too. */
export function shownValue(path: readonly string[], value: unknown, sections: readonly SettingsSection[]): unknown {
  if (isSecretPath(path, sections)) return typeof value === 'string' && ENV_REFERENCE.test(value) ? value : MASK;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, shownValue([...path, name], inner, sections)]));
}

/** A value on one line: text as it is, anything else as JSON. */
export const valueText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** json or yaml when asked for (these commands never load settings, so the config's own `output` does not apply). */
export function dataFormat(ctx: RunContext): 'json' | 'yaml' | undefined {
  if (jsonRequested(ctx.flags)) return 'json';
  return ctx.flags.output === 'json' || ctx.flags.output === 'yaml' ? ctx.flags.output : undefined;
}
