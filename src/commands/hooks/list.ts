import { ExitCode, HookctlError, InterruptedError, PartialError, UsageError } from '../../errors.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../runtime/providers.js';
import { errorLine } from '../../output/error-line.js';
import type { HookRow } from '../../output/render.js';
import type { RunContext } from '../../runtime/context.js';
import { int, type VerbInput } from '../../runtime/flags.js';
import { mapSettled } from '../bulk.js';

export interface ListOptions {
  targets: Target[];
  concurrency: number;
}

export const DEFAULT_CONCURRENCY = 8;

export const flags = {
  concurrency: int('--concurrency <n>', 'targets listed at once (default 8)', 1, 64),
} as const;

export function parse(input: VerbInput<typeof flags>): ListOptions {
  if (input.args.length === 0) throw new UsageError('list: name at least one target');
  return { targets: input.args.map(parseTarget), concurrency: input.flags.concurrency ?? DEFAULT_CONCURRENCY };
}

/**
 * Lists every target, several at once. Hooks found are printed even when some targets fail; the
 * failures go to stderr, one line each, and the exit code is 5 (partial). A single target that
 * fails keeps its own exit code (not found, auth, ...).
 */
export async function run(options: ListOptions, ctx: RunContext): Promise<number> {
  const { printHooks } = await import('../../output/render.js');
  const results = await mapSettled(options.targets, options.concurrency, async (target) => {
    const hooks = await ctx.hooks(target.provider);
    const rows: HookRow[] = [];
    for await (const hook of hooks.list(target)) rows.push({ target: formatTarget(target), hook });
    return rows;
  }, ctx.deps.signal);
  const rows = results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  if (ctx.deps.signal.aborted && options.targets.length > 1) {
    // Ctrl-C / SIGTERM: the hooks of the targets that finished are printed, then one line; the
    // targets cut short are not failures, so no `failed:` line each (main sets 130 or 143).
    const listed = results.filter((r) => r.status === 'fulfilled').length;
    if (listed > 0) await printHooks(ctx.io, await ctx.outputFormat(), rows);
    throw new InterruptedError(`interrupted: ${listed} of ${options.targets.length} targets listed`);
  }
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ target: options.targets[i] as Target, error: r.reason as unknown }] : []));
  if (failures.length === 1 && options.targets.length === 1) throw failures[0]?.error;
  const allFailed = failures.length === options.targets.length;
  const format = await ctx.outputFormat();
  // When every target failed, "no hooks" on a terminal would be wrong (json and yaml still print []).
  if (!allFailed || format !== 'table') await printHooks(ctx.io, format, rows);
  if (failures.length === 0) return ExitCode.ok;
  for (const { target, error } of failures) {
    const message = error instanceof HookctlError ? error.message : String(error);
    ctx.io.err(`${ctx.io.color.red('failed:')} ${formatTarget(target)}: ${errorLine(message, ctx.redactor)}`);
  }
  throw new PartialError(
    allFailed ? `all ${failures.length} targets failed` : `${failures.length} of ${options.targets.length} targets failed; the hooks of the others were listed`,
  );
}
