import { UsageError } from '../errors.js';
import type { OutputKind } from '../output/fields.js';
import { fieldList, type GlobalFlags } from '../runtime/global-flags.js';

/**
 * `--json FIELDS` and `--jq EXPR` checked against what the command prints, before it runs: a
 * command whose JSON is not printed data (a stream, a schema) refuses them rather than ignoring them.
 */
export async function checkJsonFlags(globals: GlobalFlags, json: OutputKind | 'any' | undefined, command: string): Promise<void> {
  if (json === undefined) {
    const flag = globals.jq !== undefined ? '--jq' : '--json FIELDS';
    throw new UsageError(`${flag}: hookctl ${command} does not support it`, {
      hint: 'it works with the commands that print hooks, plans, findings or settings',
    });
  }
  if (globals.jsonFields !== undefined) {
    const fields = fieldList(globals.jsonFields);
    if (fields.length === 0) throw new UsageError('--json=: name at least one field, or use --json alone');
    const { checkFields } = await import('../output/fields.js');
    checkFields(json === 'any' ? undefined : json, fields, `hookctl ${command}`);
  }
  if (globals.jq !== undefined) await (await import('../output/jq.js')).checkJq(globals.jq);
}
