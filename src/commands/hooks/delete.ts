import { DeclinedError, ExitCode, NotFoundError, UsageError } from '../../errors.js';
import type { Hook } from '../../model/hook.js';
import type { Target } from '../../model/target.js';
import { oneLine as printableLine } from '../../output/sanitize.js';
import { formatTarget, parseTarget } from '../../runtime/catalog.js';
import type { RunContext } from '../../runtime/context.js';
import { bool, type VerbInput } from '../../runtime/flags.js';
import { parseHookId } from './get.js';
import { printPreviews } from './preview.js';

export interface DeleteOptions {
  target: Target;
  id: string;
  yes: boolean;
  dryRun: boolean;
  /** --if-exists: a hook that is already gone is success (exit 0), not "not found" (exit 3). */
  ifExists: boolean;
}

export const flags = {
  yes: bool('-y, --yes', 'do not ask for confirmation (required when not on a terminal)'),
  dryRun: bool('--dry-run', 'check that the hook exists, print the exact request and send nothing'),
  ifExists: bool('--if-exists', 'do nothing (exit 0) when the hook does not exist'),
} as const;

export function parse(input: VerbInput<typeof flags>): DeleteOptions {
  const { yes, dryRun, ifExists } = input.flags;
  return { target: parseTarget(input.args[0] ?? ''), id: parseHookId(input.args[1]), yes: yes === true, dryRun: dryRun === true, ifExists: ifExists === true };
}

/**
 * Asks on a terminal, naming the hook's URL and name; a no is exit 2. Refuses without --yes
 * anywhere else (runtime/interactive.ts), so a script never deletes by accident.
 */
export async function run(options: DeleteOptions, ctx: RunContext): Promise<number> {
  const hooks = await ctx.hooks(options.target.provider);
  const target = formatTarget(options.target);
  const report = async (deleted: boolean) => {
    const format = await ctx.outputFormat();
    if (format === 'table') return;
    const { printData } = await import('../../output/render.js');
    await printData(ctx.io, format, { target, id: options.id, deleted });
  };
  const gone = async () => {
    ctx.io.err(`hook ${options.id} on ${target} does not exist: nothing to do`);
    await report(false);
    return ExitCode.ok;
  };
  if (options.dryRun) {
    // A preview of a delete that would fail is no preview: the hook must exist (one GET).
    try {
      await hooks.get(options.target, options.id);
    } catch (error) {
      if (options.ifExists && error instanceof NotFoundError) return gone();
      throw error;
    }
    await printPreviews(
      ctx,
      await hooks.preview({ kind: 'delete', target: options.target, id: options.id }),
      `dry run: hook ${options.id} was read; nothing was sent`,
    );
    return ExitCode.ok;
  }
  if (!options.yes) {
    const { asker } = await import('../../runtime/interactive.js');
    const ask = asker(ctx);
    if (!ask) {
      throw new UsageError(`delete: refusing to delete hook ${options.id} on ${target} without confirmation`, {
        hint: 'pass --yes when not on a terminal (or with --no-input, HOOKCTL_NO_INPUT or CI)',
      });
    }
    // The question names what would go: the hook is read first (one GET).
    let hook: Hook;
    try {
      hook = await hooks.get(options.target, options.id);
    } catch (error) {
      if (options.ifExists && error instanceof NotFoundError) return gone();
      throw error;
    }
    const named = hook.name === undefined || hook.name === '' ? '' : ` "${hook.name}"`;
    if (!(await ask.confirm({ message: printableLine(`Delete hook ${options.id}${named} → ${hook.url} on ${target}?`) }))) {
      throw new DeclinedError(`delete: not confirmed; hook ${options.id} on ${target} was not deleted`);
    }
  }
  try {
    await hooks.delete(options.target, options.id);
  } catch (error) {
    if (options.ifExists && error instanceof NotFoundError) return gone();
    throw error;
  }
  ctx.io.err(`deleted hook ${options.id} on ${target}`);
  await report(true);
  return ExitCode.ok;
}
