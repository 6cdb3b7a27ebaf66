import { type GlobalFlags, type RunContext, createContext } from '../../cli/context.js';
import type { Deps } from '../../cli/deps.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { UsageError } from '../../errors.js';
import type { Redactor } from '../../http/redact.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../providers/registry.js';
import { parseHookId } from './get.js';
import { printPreviews } from './preview.js';

export interface DeleteOptions {
  target: Target;
  id: string;
  yes: boolean;
  dryRun: boolean;
}

export function parseDeleteOptions(args: string[], flags: { yes?: boolean; dryRun?: boolean }): DeleteOptions {
  return { target: parseTarget(args[0] ?? ''), id: parseHookId(args[1]), yes: flags.yes === true, dryRun: flags.dryRun === true };
}

/** Asks on a terminal; refuses without --yes anywhere else, so a script never deletes by accident. */
export async function runDelete(options: DeleteOptions, ctx: RunContext): Promise<number> {
  const provider = await ctx.provider(options.target.provider);
  const target = formatTarget(options.target);
  if (options.dryRun) {
    await printPreviews(ctx, await provider.preview({ kind: 'delete', target: options.target, id: options.id }));
    return ExitCode.ok;
  }
  if (!options.yes) {
    if (!ctx.deps.stdin.isTTY || !ctx.io.stderrIsTTY) {
      throw new UsageError(`delete: refusing to delete hook ${options.id} on ${target} without confirmation`, { hint: 'pass --yes when not on a terminal' });
    }
    const answer = await ctx.deps.prompt(`Delete hook ${options.id} on ${target}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) {
      ctx.io.err('not deleted');
      return ExitCode.ok;
    }
  }
  await provider.delete(options.target, options.id);
  ctx.io.err(`deleted hook ${options.id} on ${target}`);
  return ExitCode.ok;
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  const ctx = createContext(input.globals, deps, redactor);
  return runDelete(parseDeleteOptions(input.args, input.opts), ctx);
}
