import { type GlobalFlags, type RunContext, createContext } from '../../cli/context.js';
import type { Deps } from '../../cli/deps.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { errorLine } from '../../cli/report.js';
import { HookctlError, InterruptedError, PartialError, UsageError } from '../../errors.js';
import type { Redactor } from '../../http/redact.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../providers/registry.js';
import { type HookRow, printHooks } from '../../output/render.js';
import { mapSettled } from '../bulk.js';

export interface ListOptions {
  targets: Target[];
  concurrency: number;
}

export const DEFAULT_CONCURRENCY = 8;

export function parseListOptions(args: string[], flags: { concurrency?: string }): ListOptions {
  if (args.length === 0) throw new UsageError('list: name at least one target');
  const concurrency = flags.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency: must be a whole number from 1 to 64 (got "${flags.concurrency}")`);
  }
  return { targets: args.map(parseTarget), concurrency };
}

/**
 * Lists every target, several at once. Hooks found are printed even when some targets fail; the
 * failures go to stderr, one line each, and the exit code is 5 (partial). A single target that
 * fails keeps its own exit code (not found, auth, ...).
 */
export async function runList(options: ListOptions, ctx: RunContext): Promise<number> {
  const results = await mapSettled(options.targets, options.concurrency, async (target) => {
    const provider = await ctx.provider(target.provider);
    const rows: HookRow[] = [];
    for await (const hook of provider.list(target)) rows.push({ target: formatTarget(target), hook });
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

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  const ctx = createContext(input.globals, deps, redactor);
  return runList(parseListOptions(input.args, input.opts), ctx);
}
