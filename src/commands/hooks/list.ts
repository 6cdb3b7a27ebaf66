import { ExitCode, InterruptedError, PartialError } from '../../errors.js';
import type { HookRow } from '../../output/render.js';
import type { RunContext } from '../../runtime/context.js';
import type { VerbInput } from '../../runtime/flags.js';
import { DEFAULT_CONCURRENCY, discoveryStopped, type FleetOptions, failureCounts, fleetFlags, parseFleet } from '../fleet.js';

export type ListOptions = FleetOptions;

export { DEFAULT_CONCURRENCY };

export const flags = fleetFlags;

export function parse(input: VerbInput<typeof flags>): Promise<ListOptions> {
  return parseFleet(input, 'list');
}

/**
 * Lists every target (targets, patterns, a targets file), several at once. Piped, the TSV lines
 * of each target are printed as soon as it is read (before discovery ends); a terminal table and
 * json/yaml need every row first and are printed at the end. Hooks found are printed even when
 * some targets fail; the failures go to stderr, one line each, and the exit code is 5 (partial).
 * A single target that fails keeps its own exit code (not found, auth, ...).
 */
export async function run(options: ListOptions, ctx: RunContext): Promise<number> {
  const [{ printHooks, printHookLines }, { runFleet, createBatcher }] = await Promise.all([import('../../output/render.js'), import('../fleet.js')]);
  const format = await ctx.outputFormat();
  const stream = format === 'table' && !ctx.io.stdoutIsTTY;
  // Buffered output (a terminal table, json, yaml) keeps the order the targets were given in, so
  // the same command prints the same document however the requests raced.
  const rows: { index: number; row: HookRow }[] = [];
  const inOrder = () => rows.sort((a, b) => a.index - b.index).map((entry) => entry.row);
  const lines = createBatcher<HookRow>((batch) => printHookLines(ctx.io, batch));
  let listed = 0;
  try {
    const result = await runFleet(
      options,
      ctx,
      ({ name, hooks, index }) => {
        listed++;
        const batch = hooks.map((hook) => ({ target: name, hook }));
        if (stream) lines.push(...batch);
        else rows.push(...batch.map((row) => ({ index, row })));
        return undefined;
      },
      { summary: ({ fleet }) => fleet, beforeSummary: () => lines.end() },
    );
    const allFailed = result.failed.length > 0 && listed === 0;
    // When every target failed, "no hooks" on a terminal would be wrong (json and yaml still print []).
    if (!stream && (!allFailed || format !== 'table')) await printHooks(ctx.io, format, inOrder());
    if (result.failed.length === 0) return ExitCode.ok;
    throw new PartialError(incompleteList(failureCounts(result.failed), listed));
  } catch (error) {
    // Ctrl-C: what was read is still printed (piped lines too), then the error (exit 130/143).
    lines.end();
    if (!stream && rows.length > 0 && error instanceof InterruptedError) await printHooks(ctx.io, format, inOrder());
    throw error;
  }
}

/** Exit 5's closing line: failed targets, and discoveries cut short (a pattern is never counted as a target). */
function incompleteList({ targets, discoveries }: { targets: number; discoveries: number }, listed: number): string {
  const plural = (n: number) => `${n} target${n === 1 ? '' : 's'}`;
  if (discoveries === 0)
    return listed === 0 ? `all ${targets} targets failed` : `${targets} of ${targets + listed} targets failed; the hooks of the others were listed`;
  const failedPart = targets > 0 ? `${targets} of ${plural(targets + listed)} failed; ` : '';
  return `${discoveryStopped(discoveries)}; ${failedPart}${listed > 0 ? `the hooks of ${plural(listed)} were listed` : 'no target was listed'}`;
}
