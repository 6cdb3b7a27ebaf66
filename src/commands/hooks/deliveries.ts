import type { DeliveryQuery } from '../../deliveries/history.js';
import { ExitCode, UnsupportedError, UsageError } from '../../errors.js';
import type { Target } from '../../model/target.js';
import { parseTarget } from '../../runtime/catalog.js';
import type { RunContext } from '../../runtime/context.js';
import { bool, text, type VerbInput } from '../../runtime/flags.js';
import { parseHookId } from './get.js';

export interface DeliveriesOptions {
  target: Target;
  id: string;
  /** --since, in milliseconds back from now. */
  sinceMs: number | undefined;
  failed: boolean;
  show: string | undefined;
}

export const flags = {
  since: text('--since <duration>', 'only deliveries in this last period, e.g. 30m, 24h, 7d'),
  failed: bool('--failed', 'only deliveries that did not get a 2xx answer'),
  show: text('--show <log-id>', 'one delivery in full: request and response headers and bodies (CodeArts; token masked)'),
} as const;

export async function parse(input: VerbInput<typeof flags>): Promise<DeliveriesOptions> {
  const target = parseTarget(input.args[0] ?? '');
  const id = parseHookId(input.args[1]);
  let sinceMs: number | undefined;
  if (input.flags.since !== undefined) {
    const { parseDuration } = await import('../../deliveries/history.js');
    sinceMs = parseDuration(input.flags.since);
    if (sinceMs === undefined) throw new UsageError(`--since: must be a duration such as 90s, 30m, 24h or 7d (got "${input.flags.since}")`);
  }
  const show = input.flags.show;
  if (show !== undefined && !/^\d{1,19}$/.test(show)) throw new UsageError(`--show: "${show}" is not a delivery log id (a number)`);
  return { target, id, sinceMs, failed: input.flags.failed === true, show };
}

/** The terminal table of `hooks deliveries`: the log id (what --show takes) is never cut. */
export const DELIVERY_COLUMNS = [
  { header: 'LOG', kind: 'id', priority: 0 },
  { header: 'TIME', priority: 1, min: 14 },
  { header: 'STATUS', priority: 1, min: 6 },
  { header: 'DURATION', priority: 3 },
  { header: 'TRIGGER', priority: 4 },
  { header: 'UUID', priority: 5 },
] as const;

export async function run(options: DeliveriesOptions, ctx: RunContext): Promise<number> {
  const { io, deps } = ctx;
  const hooks = await ctx.hooks(options.target.provider);
  const format = await ctx.outputFormat();
  if (options.show !== undefined) {
    if (!hooks.delivery) throw new UnsupportedError(`--show: ${hooks.label} keeps no delivery log to show (only CodeArts Repo does)`);
    const detail = await hooks.delivery(options.target, options.id, options.show);
    if (format === 'json') io.out(JSON.stringify(detail, null, 2));
    else {
      const { stringify } = await import('yaml');
      io.out(stringify(detail).trimEnd());
    }
    return ExitCode.ok;
  }
  if (!hooks.deliveries)
    throw new UnsupportedError(`deliveries: ${hooks.label} reports no delivery history (CodeArts Repo delivery logs and Codeup v3 LastTestResult only)`);
  const query: DeliveryQuery = {
    since: options.sinceMs === undefined ? undefined : new Date(deps.now().getTime() - options.sinceMs),
    failed: options.failed,
  };
  const records = await hooks.deliveries(options.target, options.id, query);
  if (format === 'json') {
    io.out(JSON.stringify(records, null, 2));
    return ExitCode.ok;
  }
  if (records.length === 0) {
    io.err(`no deliveries recorded for hook ${options.id}${options.failed ? ' (failed ones)' : ''}`);
    return ExitCode.ok;
  }
  if (records.every((r) => r.id === undefined && r.time === undefined)) {
    // Codeup: one result per hook, no log.
    for (const r of records) io.out(`last result: ${r.ok === false ? io.color.red(r.status) : r.status} (${hooks.label} keeps only the hook's LastTestResult)`);
    return ExitCode.ok;
  }
  const rows = records.map((r) => [
    r.id ?? '-',
    r.time === undefined ? '-' : io.time(r.time),
    r.ok === false ? { text: r.status, paint: io.color.red } : r.status,
    r.durationMs === undefined ? '-' : `${r.durationMs} ms`,
    r.trigger ?? '-',
    r.uuid ?? '-',
  ]);
  const { printTable } = await import('../../output/render.js');
  // Piped: tab-separated without a header, like every table (times as ISO with the user's offset).
  if (!io.stdoutIsTTY) {
    const { formatTsv } = await import('../../output/tsv.js');
    io.out(
      formatTsv(
        rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : cell.text))),
        io.scrub,
      ),
    );
    return ExitCode.ok;
  }
  await printTable(io, DELIVERY_COLUMNS, [{ rows }]);
  return ExitCode.ok;
}
