import { ExitCode, UsageError } from '../errors.js';
import type { Hook } from '../model/hook.js';
import type { Secret } from '../model/secret.js';
import type { Target } from '../model/target.js';
import { maskUrl } from '../model/url.js';
import { oneLine } from '../output/sanitize.js';
import { formatTarget, parseTarget } from '../runtime/catalog.js';
import type { ParseContext, RunContext } from '../runtime/context.js';
import { bool, text, type VerbInput } from '../runtime/flags.js';
import { jsonRequested } from '../runtime/global-flags.js';
import { mapSettled } from './bulk.js';
import { concurrencyFlag, DEFAULT_CONCURRENCY, describeError, failureLine, traitsOf, writeFailuresError } from './hooks-as-code.js';
import { secretFromEnv } from './secret-env.js';

export interface RotateOptions {
  targets: Target[];
  secret: Secret;
  urlMatch: RegExp | undefined;
  dryRun: boolean;
  csv: boolean;
  concurrency: number;
}

export const flags = {
  secretEnv: text('--secret-env <NAME>', 'environment variable holding the new secret (required)'),
  urlMatch: text('--url-match <regex>', 'only hooks whose URL matches this regular expression'),
  dryRun: bool('--dry-run', 'read the hooks and say what would be rotated; send no change'),
  csv: bool('--csv', 'print the per-hook report as CSV'),
  concurrency: concurrencyFlag,
} as const;

export async function parse(input: VerbInput<typeof flags>, ctx: ParseContext): Promise<RotateOptions> {
  const f = input.flags;
  if (input.args.length === 0) throw new UsageError('rotate: name at least one target');
  const patterns = input.args.filter((arg) => arg.includes('*'));
  if (patterns.length > 0)
    throw new UsageError(`rotate: target pattern "${oneLine(patterns[0] ?? '').slice(0, 80)}": patterns are not expanded yet; name each target`);
  if (f.secretEnv === undefined) throw new UsageError('rotate: --secret-env NAME is required (the new secret is read from that variable)');
  const value = secretFromEnv(f.secretEnv, ctx, 'secret (--secret-env)');
  const { Secret } = await import('../model/secret.js');
  let urlMatch: RegExp | undefined;
  if (f.urlMatch !== undefined) {
    try {
      urlMatch = new RegExp(f.urlMatch);
    } catch {
      throw new UsageError(`--url-match: "${oneLine(f.urlMatch).slice(0, 80)}" is not a valid regular expression`);
    }
  }
  return {
    targets: input.args.map(parseTarget),
    secret: new Secret(value),
    urlMatch,
    dryRun: f.dryRun === true,
    csv: f.csv === true,
    concurrency: f.concurrency ?? DEFAULT_CONCURRENCY,
  };
}

/**
 * `rotated`: the new secret was sent and accepted. `already`: the provider shows the secret and it
 * is the new one (nothing sent). `would-rotate`: --dry-run. `failed`: see `error`.
 */
export type RotateStatus = 'rotated' | 'already' | 'would-rotate' | 'failed';

export interface RotateRow {
  target: string;
  id: string;
  /** Set when the provider replaced the hook to change its secret (the id changed). */
  newId?: string;
  url: string;
  status: RotateStatus;
  /** How `already` is known: `compared` (the provider returns the secret) or `hidden` (it does not). */
  secretCheck: 'compared' | 'hidden';
  error?: string;
}

export async function run(options: RotateOptions, ctx: RunContext): Promise<number> {
  const { secretsEqual } = await import('../fleet/plan.js');
  const { specFromHook } = await import('../model/hook.js');
  // `-o csv` and `--csv` are the same report (the global -o takes csv since audit and export).
  const csv = options.csv || (ctx.flags.output === 'csv' && !jsonRequested(ctx.flags));
  const format = csv ? 'table' : await ctx.outputFormat();
  const say = (line: string) => (format === 'table' && !csv ? ctx.io.out(line) : ctx.io.err(line));
  const errors: unknown[] = [];
  const settled = await mapSettled(
    options.targets,
    options.concurrency,
    async (target) => {
      const service = await ctx.hooks(target.provider);
      const name = formatTarget(target);
      if (service.capabilities.fields.secret === 'unsupported') throw new UsageError(`${service.label} hooks have no secret`);
      const readable = traitsOf(service).secretReadable;
      const hooks: Hook[] = [];
      for await (const hook of service.list(target)) if (!options.urlMatch || options.urlMatch.test(hook.url)) hooks.push(hook);
      const rows: RotateRow[] = [];
      for (const hook of hooks) {
        const compared = readable && hook.secret !== undefined && !hook.secret.isEmpty;
        const row: RotateRow = { target: name, id: hook.id, url: maskUrl(hook.url), status: 'rotated', secretCheck: compared ? 'compared' : 'hidden' };
        if (compared && hook.secret && secretsEqual(hook.secret, options.secret)) row.status = 'already';
        else if (options.dryRun) row.status = 'would-rotate';
        else if (ctx.deps.signal.aborted) {
          row.status = 'failed';
          row.error = 'interrupted before this hook';
        } else {
          try {
            const result = await service.update(target, hook.id, { ...specFromHook(hook), secret: options.secret });
            if (result.hook.id !== hook.id) row.newId = result.hook.id;
          } catch (error) {
            row.status = 'failed';
            row.error = describeError(error, ctx.redactor);
            errors.push(error);
          }
        }
        say(rowLine(row, ctx));
        rows.push(row);
      }
      return rows;
    },
    ctx.deps.signal,
  );
  const rows = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
  const unread = settled.flatMap((s, i) =>
    s.status === 'rejected' ? [{ target: formatTarget(options.targets[i] as Target), error: s.reason as unknown }] : [],
  );
  if (unread.length === options.targets.length && unread.length === 1) throw unread[0]?.error;
  if (csv) {
    const { toCsv } = await import('../output/csv.js');
    const header = ['target', 'id', 'newId', 'url', 'status', 'secretCheck', 'error'];
    ctx.io.out(
      toCsv(
        header,
        rows.map((r) => [r.target, r.id, r.newId, r.url, r.status, r.secretCheck, r.error]),
      ),
    );
  } else if (format !== 'table') {
    const { printData } = await import('../output/render.js');
    await printData(ctx.io, format, rows);
  }
  for (const { target, error } of unread) ctx.io.err(failureLine(ctx, `reading ${target}`, error));
  const count = (status: RotateStatus) => rows.filter((r) => r.status === status).length;
  const failed = count('failed');
  say(
    options.dryRun
      ? `Rotate (dry run): ${count('would-rotate')} would get the new secret, ${count('already')} already have it; nothing was sent.`
      : `Rotate: ${count('rotated')} rotated, ${count('already')} already had the new secret, ${failed} failed.`,
  );
  if (failed > 0 || unread.length > 0) {
    throw writeFailuresError(
      `${failed} ${failed === 1 ? 'hook' : 'hooks'} failed${unread.length > 0 ? ` and ${unread.length} targets could not be read` : ''}; run rotate again to finish`,
      errors,
    );
  }
  return ExitCode.ok;
}

function rowLine(row: RotateRow, ctx: RunContext): string {
  const head = oneLine(`${row.target} ${row.url} (id ${row.id})`);
  switch (row.status) {
    case 'failed':
      return `${ctx.io.color.red('✗')} ${head}: ${row.error ?? 'failed'}`;
    case 'already':
      return `${ctx.io.color.dim('=')} ${head}: already has the new secret`;
    case 'would-rotate':
      return `  ${head}: would get the new secret`;
    case 'rotated':
      return `${ctx.io.color.green('✓')} ${head}: new secret set${row.newId !== undefined ? oneLine(`; replaced, the id is now ${row.newId}`) : ''}`;
  }
}
