import { ExitCode } from '../errors.js';
import type { RunContext } from '../runtime/context.js';
import type { VerbInput } from '../runtime/flags.js';

/**
 * `hookctl config list`: every key set in the user config file, one `key=value` a line (as
 * `git config --list` and `gh config list`), credentials masked; with --json, one object.
 */
export const flags = {} as const;

export function parse(_input: VerbInput<typeof flags>): Record<string, never> {
  return {};
}

export async function run(_options: Record<string, never>, ctx: RunContext): Promise<number> {
  const [{ flatten, readUserFile }, { SETTINGS_SECTIONS }, { dataFormat, shownValue, valueText }] = await Promise.all([
    import('../config/user-file.js'),
    import('../runtime/providers.js'),
    import('./config-user.js'),
  ]);
  const file = await readUserFile(ctx.deps);
  const entries = flatten(file.data).map(([path, value]) => [path.join('.'), shownValue(path, value, SETTINGS_SECTIONS)] as const);
  const format = dataFormat(ctx);
  if (format !== undefined) {
    await (await import('../output/render.js')).printData(ctx.io, format, Object.fromEntries(entries));
    return ExitCode.ok;
  }
  if (entries.length === 0) ctx.io.err(`${file.path}: ${file.text === undefined ? 'not there yet' : 'no settings'} (hookctl config set KEY VALUE)`);
  for (const [key, value] of entries) ctx.io.out(`${key}=${valueText(value)}`);
  return ExitCode.ok;
}
