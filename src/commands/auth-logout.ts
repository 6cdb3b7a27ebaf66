/** `hookctl auth logout <provider>`: removes its stored login (keychain entry or file entry). */
import { ExitCode, UsageError } from '../errors.js';
import { isProviderId, PROVIDER_IDS } from '../runtime/catalog.js';
import type { RunContext } from '../runtime/context.js';
import type { VerbInput } from '../runtime/flags.js';

export const flags = {} as const;

export function parse(input: VerbInput<typeof flags>): { provider: string } {
  const [name] = input.args;
  if (name === undefined || !isProviderId(name)) throw new UsageError(`auth logout: name the provider (${PROVIDER_IDS.join(', ')})`);
  return { provider: name };
}

export async function run(options: { provider: string }, ctx: RunContext): Promise<number> {
  const registry = await import('../runtime/providers.js');
  const definition = registry.definitionOf(options.provider);
  const keys = definition.settings.filter((s) => s.login).map((s) => s.key);
  const { removeLogins, loginFilePath } = await import('../config/login-store.js');
  const { userConfigDir } = await import('../config/load.js');
  const path = loginFilePath(userConfigDir(ctx.deps.env, ctx.deps.homeDir));
  const removed = await removeLogins(path, keys, ctx.deps);
  if (removed.length === 0) {
    ctx.io.err(`no stored login for ${options.provider}`);
    return ExitCode.ok;
  }
  for (const r of removed) {
    const sharers = registry.PROVIDERS.filter((p) => p.settings.some((s) => s.key === r.key)).map((p) => p.id);
    const where = r.storage === 'keychain' ? 'the OS keychain' : path;
    ctx.io.err(`logged out: removed the ${r.key} login (${sharers.join(', ')}) from ${where}`);
    if (r.keychainError) ctx.io.err(`${ctx.io.color.yellow('warning:')} the keychain entry could not be deleted: ${r.keychainError}`);
  }
  return ExitCode.ok;
}
