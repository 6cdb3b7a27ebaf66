import { ConfigError, ExitCode, HookctlError, UsageError } from '../errors.js';
import type { RunContext } from '../runtime/context.js';
import type { VerbInput } from '../runtime/flags.js';

/**
 * `hookctl config set KEY VALUE`: writes one setting into the user config file, after the config
 * schema accepted both the key and the value there. Written atomically, 0600, under the file's
 * lock. A credential is never taken as a command-line value (shell history, ps): only as a
 * `${env:NAME}` reference, resolved when the config is loaded.
 */
export const flags = {} as const;

export interface SetOptions {
  key: string;
  value: string;
}

export function parse(input: VerbInput<typeof flags>): SetOptions {
  const [key, value] = input.args;
  if (key === undefined || value === undefined) throw new UsageError('config set: give a key and a value, e.g. hookctl config set timeout 20000');
  return { key, value };
}

export async function run(options: SetOptions, ctx: RunContext): Promise<number> {
  const { deps, io } = ctx;
  const [{ ENV_REFERENCE, isSecretPath, schemaAt, splitKey, valueFor }, { readUserFile, withValue }, { SETTINGS_SECTIONS }, { fileErrorReason }] =
    await Promise.all([import('../config/keys.js'), import('../config/user-file.js'), import('../runtime/providers.js'), import('../runtime/deps.js')]);
  const path = splitKey(options.key, 'set');
  const value = valueFor(schemaAt(path, SETTINGS_SECTIONS, 'set'), path, options.value);
  if (isSecretPath(path, SETTINGS_SECTIONS) && !(typeof value === 'string' && ENV_REFERENCE.test(value))) {
    throw new UsageError(`config set ${options.key}: a credential is not taken on the command line (shell history, ps)`, {
      hint: `give a variable to read it from: hookctl config set ${options.key} '\${env:NAME}'`,
    });
  }
  const { path: filePath } = await readUserFile(deps);
  // Read, change, write under the file's lock: concurrent `config set` runs each keep their key.
  await deps
    .withFileLock(filePath, async () => {
      const file = await readUserFile(deps);
      await deps.writeFile(file.path, await withValue(file, path, value));
    })
    .catch((error: Error & { code?: string }) => {
      if (error instanceof HookctlError) throw error;
      throw new ConfigError(`${filePath}: cannot be written (${fileErrorReason(error)})`);
    });
  io.err(`set ${options.key} in ${filePath}`);
  // The search takes the first file it finds: one in the project or the home directory hides this one.
  const { findConfig } = await import('../config/load.js');
  const found = await findConfig({ ...deps, warn: () => {} }).catch(() => null);
  if (found && found.filepath !== filePath) io.err(`note: ${found.filepath} is found first from here and is used instead of ${filePath}`);
  return ExitCode.ok;
}
