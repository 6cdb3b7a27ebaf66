import { UsageError } from '../errors.js';

/** hookctl's own variables (endpoints, IAM login, switches), whatever the provider. */
export const HOOKCTL_VARIABLES = 'HOOKCTL_*';

/** Every pattern of hookctl's credential variables: HOOKCTL_* and what each section declares it reads. */
export function credentialVariablePatterns(sections: readonly { readonly credentialVariables: readonly string[] }[]): string[] {
  return [...new Set([HOOKCTL_VARIABLES, ...sections.flatMap((section) => section.credentialVariables)])];
}

/** The pattern (a name, or a prefix ending in `*`) that `name` matches, or undefined. */
export function matchCredentialVariable(name: string, patterns: readonly string[]): string | undefined {
  return patterns.find((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

/**
 * A hook secret names an environment variable; one of hookctl's own credential variables would be
 * delivered to whatever URL the hook names. `where` is the field or flag that named it.
 */
export function credentialVariableError(where: string, name: string, pattern: string): UsageError {
  return new UsageError(`${where}: ${credentialVariableMessage(name, pattern)}`, { hint: CREDENTIAL_VARIABLE_HINT });
}

export const CREDENTIAL_VARIABLE_HINT = "put the hook's secret in a variable of its own, e.g. HOOK_SECRET";

export function credentialVariableMessage(name: string, pattern: string): string {
  const family = pattern === name ? '' : ` (${pattern})`;
  return `${name} is one of hookctl's own credential variables${family}: a hook secret may not name it; nothing was sent`;
}
