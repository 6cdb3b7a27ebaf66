/**
 * What every fleet command shares (hooks list, audit, export): the target flags (`--targets-file`,
 * `--shard`, `--concurrency`), and the run itself: targets and patterns expanded lazily, each
 * target listed through the hook service with bounded concurrency, results handed to the command
 * as they arrive (completion order), a progress line on a TTY stderr, failures named on stderr.
 */
import { HookctlError, InterruptedError, PartialError, UsageError } from '../errors.js';
import type { Shard } from '../fleet/shard.js';
import type { TargetInput } from '../hooks/targets.js';
import type { Hook } from '../model/hook.js';
import type { Target } from '../model/target.js';
import { formatTarget } from '../runtime/catalog.js';
import type { RunContext } from '../runtime/context.js';
import { type FlagDef, int, text, type VerbInput } from '../runtime/flags.js';

export const DEFAULT_CONCURRENCY = 16;

const shardFlag: FlagDef<string> = {
  flags: '--shard <i/n>',
  description: 'keep share i of n of the targets (stable hash), to split a fleet across CI jobs',
  parse: (value) => value,
};

export const fleetFlags = {
  targetsFile: text('--targets-file <file>', 'read targets and patterns from FILE, one a line (- for stdin)'),
  shard: shardFlag,
  concurrency: int('--concurrency <n>', `targets worked on at once, 1-64 (default ${DEFAULT_CONCURRENCY})`, 1, 64),
} as const;

export interface FleetOptions {
  inputs: string[];
  targetsFile?: string | undefined;
  shard?: Shard | undefined;
  concurrency: number;
}

export async function parseFleet(input: VerbInput<typeof fleetFlags>, verb: string): Promise<FleetOptions> {
  if (input.args.length === 0 && input.flags.targetsFile === undefined) {
    throw new UsageError(`${verb}: name at least one target or pattern, or --targets-file FILE`);
  }
  const shard = input.flags.shard === undefined ? undefined : (await import('../fleet/shard.js')).parseShard(input.flags.shard);
  return { inputs: input.args, targetsFile: input.flags.targetsFile, shard, concurrency: input.flags.concurrency ?? DEFAULT_CONCURRENCY };
}

/** One target read: its hooks, in the provider's order. */
export interface TargetHooks {
  target: Target;
  name: string;
  hooks: Hook[];
  /** The target's position among the expanded inputs: results arrive in completion order. */
  index: number;
}

export interface FleetRunResult {
  /** Targets read, failed included. */
  targets: number;
  /**
   * Targets that could not be read, and patterns whose discovery failed or stopped at a bound
   * (`discovery: true`: never counted as a target), with why; already named on stderr.
   */
  failed: { name: string; error: unknown; discovery?: boolean }[];
  summary: string;
}

export interface FleetRunOptions {
  /** Show the findings counter (audit). */
  findings?: boolean;
  /** Print the summary line even when stderr is not a terminal. Default true. */
  summary?: boolean | ((result: { single: boolean; fleet: boolean }) => boolean);
  /** Called once every target is handed over, before the summary line (flush streamed output). */
  beforeSummary?: () => void;
  /**
   * Also read each hook's delivery status into `hook.delivery` (audit): free where the listing
   * carries it; where the provider keeps a delivery log, one more request per hook, made by the
   * same worker right after the listing (so within --concurrency and the provider's budget). A log
   * that cannot be read leaves that hook and the target's later ones without a status, and names
   * the target on stderr as failed (it counts for exit 5); all its hooks are still handed over.
   */
  deliveryStatus?: boolean;
}

/**
 * A target whose hooks were read but not their delivery logs: the first log that failed stops the
 * reads for that target (the others would most likely fail the same way, each after its retries).
 * Exit 5 like an unreadable target; the audit's closing line tells the two apart.
 */
export class UnreadLogsError extends PartialError {}

function unreadLogs(unread: { hookId: string; error: unknown; notRead: number }): UnreadLogsError {
  const reason = unread.error instanceof HookctlError ? unread.error.message : String(unread.error);
  const rest = unread.notRead > 0 ? `; the logs of its ${unread.notRead} other hook${unread.notRead === 1 ? ' was' : 's were'} not read` : '';
  return new UnreadLogsError(
    `the delivery log of hook ${unread.hookId} could not be read${rest}, so delivery-failing was not judged there (--no-deliveries skips the logs): ${reason}`,
  );
}

/**
 * Runs a fleet: `onTarget` gets each target's hooks as soon as they are read and returns how many
 * findings it made (for the progress line). Throws a UsageError before anything is sent when an
 * input is malformed; throws the target's own error when the run named one literal target and it
 * failed (its exit code: not found, auth…); throws InterruptedError after Ctrl-C (what finished was
 * handed over first). Otherwise returns the failures: the caller decides on exit 5.
 */
export async function runFleet(
  options: FleetOptions,
  ctx: RunContext,
  onTarget: (result: TargetHooks) => number | undefined | Promise<number | undefined>,
  runOptions: FleetRunOptions = {},
): Promise<FleetRunResult> {
  const [{ prepareTargets, targetsOf }, { runBounded }, { createProgress }, { errorLine }, { escapeUnsafe, oneLine }] = await Promise.all([
    import('../hooks/targets.js'),
    import('../fleet/stream.js'),
    import('../fleet/progress.js'),
    import('../output/error-line.js'),
    import('../output/sanitize.js'),
  ]);
  const { deps, redactor } = ctx;
  const prepared = await prepareTargets(options.inputs, { targetsFile: options.targetsFile }, ctx);
  const single = prepared.length === 1 && prepared[0]?.kind === 'target';
  const fleet = options.targetsFile !== undefined || options.shard !== undefined || prepared.some((input) => input.kind === 'pattern');
  const stderr = deps.stderr;
  const progress = createProgress({
    write: (chunk) => void stderr.write(chunk),
    // One literal target is no fleet: no progress line, no summary (a plain `hooks list codearts:1`).
    isTTY: stderr.isTTY === true && !single,
    now: () => performance.now(),
    findings: runOptions.findings,
    columns: typeof stderr.columns === 'number' ? stderr.columns : undefined,
  });
  const { maxFailures } = await ctx.bounds();
  const failed: FleetRunResult['failed'] = [];
  // A fleet where every target fails would print a line per target: the first few are named, the
  // count of the rest closes the run (--debug names every one).
  const shownFailures = ctx.debug ? Number.POSITIVE_INFINITY : FAILURE_LINES;
  let targetFailures = 0;
  let stopped = false;
  const fail = (name: string, error: unknown, discovery = false) => {
    failed.push(discovery ? { name, error, discovery } : { name, error });
    if (!discovery && ++targetFailures >= maxFailures) stopped = true;
    if (failed.length > shownFailures) return;
    const message = error instanceof HookctlError ? error.message : String(error);
    const label = ctx.io.color.red('failed:');
    // Written past io (it keeps the progress line): made safe here as io.err would.
    progress.log(`${label} ${escapeUnsafe(oneLine(redactor.scrub(name)))}: ${escapeUnsafe(errorLine(message, redactor))}`);
  };

  async function* counted(): AsyncGenerator<Target, void, undefined> {
    for await (const target of targetsOf(prepared, {
      shard: options.shard,
      signal: deps.signal,
      onPatternError: (pattern, error) => fail(pattern, error, true),
    })) {
      // At --max-failures no new target starts (nor any further discovery); those in flight finish.
      if (stopped) return;
      progress.discovered(1);
      yield target;
    }
    progress.discoveryDone();
  }

  let targets = 0;
  /** Targets whose hooks were handed over. */
  let read = 0;
  let singleError: unknown;
  let interrupted = false;
  const results = runBounded(
    counted(),
    options.concurrency,
    async (target) => {
      const service = await ctx.hooks(target.provider);
      const hooks: Hook[] = [];
      for await (const hook of service.list(target)) hooks.push(hook);
      let unread: { hookId: string; error: unknown; notRead: number } | undefined;
      if (runOptions.deliveryStatus === true && service.readsDeliveryLog) {
        // One hook at a time: a target holds one slot, so --concurrency bounds the requests in flight.
        for (const [index, hook] of hooks.entries()) {
          try {
            const status = await service.deliveryStatus(target, hook);
            if (status !== undefined) hook.delivery = status;
          } catch (error) {
            if (deps.signal.aborted) throw error;
            unread = { hookId: hook.id, error, notRead: hooks.length - index - 1 };
            break;
          }
        }
      }
      return { hooks, unread };
    },
    { signal: deps.signal },
  );
  for await (const result of results) {
    if (result.status === 'interrupted') {
      interrupted = true;
      break;
    }
    if (result.status === 'source-error') {
      if (result.reason instanceof UsageError) throw result.reason;
      fail('discovery', result.reason, true);
      continue;
    }
    targets++;
    const name = formatTarget(result.item);
    if (result.status === 'rejected') {
      // One literal target keeps its own error (interrupted included, as a single request would).
      if (single) {
        singleError = result.reason;
        continue;
      }
      if (deps.signal.aborted) {
        // Cut short, not done: the summary counts the targets the closing line says were listed.
        interrupted = true;
        continue;
      }
      fail(name, result.reason);
      progress.targetDone({ failed: true });
      continue;
    }
    read++;
    const { hooks, unread } = result.value;
    if (unread) fail(name, unreadLogs(unread));
    const findings = await onTarget({ target: result.item, name, hooks, index: result.index });
    progress.targetDone({ hooks: hooks.length, findings: findings ?? 0, failed: unread !== undefined });
  }
  runOptions.beforeSummary?.();
  const unnamed = failed.length > shownFailures ? `… and ${failed.length - shownFailures} more failed targets (--debug names every one)` : undefined;
  // One line for both: the stop, and the failures not named.
  if (stopped) progress.log(`${unnamed ? `${unnamed}; ` : ''}${await stoppedLine(maxFailures, targets, prepared, options.shard)}`);
  else if (unnamed) progress.log(unnamed);
  if (singleError !== undefined) throw singleError;
  if (single && interrupted) throw new InterruptedError('interrupted');
  const wanted = runOptions.summary ?? true;
  const showSummary = !single && (stderr.isTTY === true || (typeof wanted === 'function' ? wanted({ single, fleet }) : wanted));
  const summary = showSummary ? progress.finish({ interrupted }) : '';
  if (interrupted) {
    // With literal targets only, the total is known; discovery cut short leaves it open.
    const literal = prepared.every((input) => input.kind === 'target');
    const total = await literalTargetCount(prepared, options.shard);
    throw new InterruptedError(literal ? `interrupted: ${read} of ${total} targets listed` : `interrupted: ${read} targets listed, discovery cut short`);
  }
  return { targets, failed, summary };
}

/** Failed targets named on stderr, one line each; the rest are counted in one line. */
export const FAILURE_LINES = 10;

type Prepared = readonly TargetInput[];

/** The distinct literal targets among the inputs (in the shard). */
async function literalTargetCount(prepared: Prepared, shard: Shard | undefined): Promise<number> {
  const { targetInShard } = await import('../fleet/shard.js');
  return new Set(prepared.flatMap((input) => (input.kind === 'target' && (!shard || targetInShard(input.target, shard)) ? [formatTarget(input.target)] : [])))
    .size;
}

/** The line of a run stopped at --max-failures: what was not tried, counted when the inputs were all literal. */
async function stoppedLine(maxFailures: number, tried: number, prepared: Prepared, shard: Shard | undefined): Promise<string> {
  const head = `stopped after ${maxFailures} failed targets (--max-failures ${maxFailures})`;
  if (prepared.every((input) => input.kind === 'target')) {
    const untried = Math.max(0, (await literalTargetCount(prepared, shard)) - tried);
    return `${head}: ${untried} target${untried === 1 ? '' : 's'} not tried`;
  }
  return `${head}: the targets not yet discovered were not tried, so the run is incomplete`;
}

/** How many targets failed, and how many patterns' discovery stopped early (failed or at a bound). */
export function failureCounts(failed: FleetRunResult['failed']): { targets: number; discoveries: number } {
  const discoveries = failed.filter((f) => f.discovery === true).length;
  return { targets: failed.length - discoveries, discoveries };
}

/** The closing line's part for discoveries that stopped early: targets may be missing, whatever else was read. */
export function discoveryStopped(discoveries: number): string {
  return `the discovery of ${discoveries} pattern${discoveries === 1 ? '' : 's'} stopped early, so targets may be missing`;
}

/**
 * Streams output in batches: what arrives is printed at once if the last print is at least
 * `intervalMs` old, else kept until then (or until `end()`). Printing is where known secrets are
 * masked, and a fleet run registers a new one with nearly every target read (Codeup returns hook
 * secrets), which makes the masking pattern be rebuilt: batching bounds that to ten times a second.
 */
export function createBatcher<T>(print: (items: T[]) => void, intervalMs = 100, now: () => number = () => performance.now()) {
  let pending: T[] = [];
  let last = Number.NEGATIVE_INFINITY;
  const flush = () => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    last = now();
    print(items);
  };
  return {
    push(...items: T[]) {
      pending.push(...items);
      if (now() - last >= intervalMs) flush();
    },
    end: flush,
  };
}
