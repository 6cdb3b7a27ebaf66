import { UsageError } from '../errors.js';
import { credentialVariableError } from '../model/credential-variables.js';
import type { ParseContext } from '../runtime/context.js';

/**
 * The value of the variable a `--secret-env NAME` flag names, registered with the redactor. One of
 * hookctl's own credential variables is refused (exit 2) whatever the command: the same rule as a
 * hooks file's `${env:NAME}`, so no secret flag can carry a credential to a hook.
 */
export function secretFromEnv(name: string, ctx: ParseContext, where: string): string {
  const pattern = ctx.credentialVariable(name);
  if (pattern !== undefined) throw credentialVariableError(where, name, pattern);
  const value = ctx.deps.env[name];
  if (value === undefined || value === '') throw new UsageError(`${where}: environment variable ${name} is not set or empty`);
  ctx.redactor.add(value);
  return value;
}
