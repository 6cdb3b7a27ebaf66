import { ExitCode, UsageError } from '../errors.js';
import type { RunContext } from '../runtime/context.js';
import type { VerbInput } from '../runtime/flags.js';

/**
 * `hookctl config get KEY`: the value KEY has in the user config file (a credential masked). An
 * unset key prints nothing (exit 0); a key the config schema has no place for is exit 2.
 */
export const flags = {} as const;

export interface GetOptions {
  key: string;
}

export function parse(input: VerbInput<typeof flags>): GetOptions {
  const key = input.args[0];
  if (key === undefined) throw new UsageError('config get: name a key, e.g. hookctl config get timeout');
  return { key };
}

export async function run(options: GetOptions, ctx: RunContext): Promise<number> {
  // The schema (zod) and the file readers load when the verb runs, not with the command tree.
  const [{ schemaAt, splitKey }, { readUserFile, valueAt }, { SETTINGS_SECTIONS }, { dataFormat, shownValue, valueText }] = await Promise.all([
    import('../config/keys.js'),
    import('../config/user-file.js'),
    import('../runtime/providers.js'),
    import('./config-user.js'),
  ]);
  const path = splitKey(options.key, 'get');
  schemaAt(path, SETTINGS_SECTIONS, 'get');
  const file = await readUserFile(ctx.deps);
  const value = valueAt(file.data, path);
  const format = dataFormat(ctx);
  if (value === undefined) {
    if (format !== undefined) await (await import('../output/render.js')).printData(ctx.io, format, null);
    return ExitCode.ok;
  }
  const shown = shownValue(path, value, SETTINGS_SECTIONS);
  if (format !== undefined) await (await import('../output/render.js')).printData(ctx.io, format, shown);
  else ctx.io.out(valueText(shown));
  return ExitCode.ok;
}
