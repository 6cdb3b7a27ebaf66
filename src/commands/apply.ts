import { DeclinedError, ExitCode, InterruptedError, type PartialError, UsageError } from '../errors.js';
import type { Change, ChangeAction, Plan } from '../fleet/plan-schema.js';
import type { HookSpec } from '../model/hook.js';
import { oneLine } from '../output/sanitize.js';
import type { ParseContext, RunContext } from '../runtime/context.js';
import { bool, type VerbInput } from '../runtime/flags.js';
import { mapSettled, NOT_STARTED } from './bulk.js';
import {
  concurrencyFlag,
  DEFAULT_CONCURRENCY,
  describeError,
  type LoadedHooksFile,
  loadHooksFile,
  readFailuresError,
  readTargets,
  specOf,
  targetOf,
  writeFailuresError,
} from './hooks-as-code.js';
import { fileFlag, makePlan, printPlan, pruneFlag, syncSecretsFlag } from './plan.js';

export type ApplyOptions =
  | { source: 'file'; file: LoadedHooksFile; prune: boolean; syncSecrets: boolean; yes: boolean; concurrency: number }
  | { source: 'plan'; path: string; plan: Plan; yes: boolean; concurrency: number };

export const flags = {
  file: fileFlag,
  prune: pruneFlag,
  syncSecrets: syncSecretsFlag,
  yes: bool('-y, --yes', 'apply without asking (required when not on a terminal)'),
  concurrency: concurrencyFlag,
} as const;

export async function parse(input: VerbInput<typeof flags>, ctx: ParseContext): Promise<ApplyOptions> {
  const f = input.flags;
  const saved = input.args[0];
  const yes = f.yes === true;
  const concurrency = f.concurrency ?? DEFAULT_CONCURRENCY;
  if (saved !== undefined) {
    if (f.prune || f.syncSecrets) throw new UsageError('apply: --prune and --sync-secrets belong to the plan; a saved plan already says what it does');
    const { isAbsolute, join } = await import('node:path');
    const text = await ctx.deps.readFile(isAbsolute(saved) ? saved : join(ctx.deps.cwd, saved));
    if (text === undefined) throw new UsageError(`apply: ${oneLine(saved)} does not exist`);
    const { parsePlan, planFileMismatch } = await import('../fleet/plan.js');
    const plan = parsePlan(saved, text);
    // The plan's own digest proves nothing against an editor who recomputes it: the hooks file it
    // was made from is re-read when it is there (or named with -f) and the plan must follow from it.
    const hooksPath = f.file ?? plan.hooksFile.path;
    const present =
      f.file !== undefined ||
      (hooksPath !== '<stdin>' && (await ctx.deps.readFile(isAbsolute(hooksPath) ? hooksPath : join(ctx.deps.cwd, hooksPath))) !== undefined);
    if (present) {
      const mismatch = planFileMismatch(plan, await loadHooksFile(hooksPath, ctx));
      if (mismatch !== undefined)
        throw new UsageError(`apply: ${oneLine(saved)}: ${oneLine(mismatch)}; nothing was applied`, {
          hint: 'make a new plan: hookctl plan -f hooks.yaml --out plan.json',
        });
    }
    return { source: 'plan', path: saved, plan, yes, concurrency };
  }
  if (f.file === undefined)
    throw new UsageError('apply: name the hooks file with -f, or a saved plan', { hint: 'hookctl apply -f hooks.yaml, or hookctl apply plan.json' });
  return { source: 'file', file: await loadHooksFile(f.file, ctx), prune: f.prune === true, syncSecrets: f.syncSecrets === true, yes, concurrency };
}

/** One change as it went: what a report line and the JSON report say. */
export interface ChangeResult {
  target: string;
  action: ChangeAction;
  url: string;
  /** The hook's id before the change (update, replace, delete). */
  id?: string;
  /** The hook's id after it (create, update, replace); differs from `id` when the provider replaced it. */
  newId?: string;
  status: 'applied' | 'failed' | 'not-started';
  error?: string;
}

/**
 * Plans (or re-checks a saved plan), shows it, asks, then applies every change through the hook
 * service. Changes on one target run in order; targets run several at once. A failure does not stop
 * the others: exit 5 with every change's outcome.
 */
export async function run(options: ApplyOptions, ctx: RunContext): Promise<number> {
  const format = await ctx.outputFormat();
  const toStderr = format !== 'table';
  const say = (line: string) => (toStderr ? ctx.io.err(line) : ctx.io.out(line));
  let plan: Plan;
  let readFailures: PartialError | undefined;
  let total: number;
  if (options.source === 'file') {
    const made = await makePlan(options, ctx);
    plan = made.plan;
    total = options.file.targets.length;
    if (made.read.failures.length > 0) readFailures = readFailuresError(made.read, total, ctx);
  } else {
    const { staleTargets } = await import('../fleet/plan.js');
    const names = options.plan.targets.map((t) => t.target);
    total = names.length;
    const read = await readTargets(names, ctx, options.concurrency);
    const readable = { ...options.plan, targets: options.plan.targets.filter((t) => read.actual.has(t.target)) };
    const stale = staleTargets(readable, read.actual);
    if (stale.length > 0) {
      const shown = stale.slice(0, 5).join(', ') + (stale.length > 5 ? ` and ${stale.length - 5} more` : '');
      throw new UsageError(
        `apply: the hooks of ${stale.length === 1 ? 'target' : `${stale.length} targets`} ${shown} changed since ${options.path} was planned; nothing was applied`,
        {
          hint: 'make a new plan: hookctl plan -f hooks.yaml --out plan.json',
        },
      );
    }
    if (read.failures.length > 0) readFailures = readFailuresError(read, total, ctx);
    plan = readable;
  }
  await printPlan(plan, ctx, toStderr);
  const changes = plan.targets.reduce((n, t) => n + t.changes.length, 0);
  if (changes === 0) {
    if (readFailures) throw readFailures;
    if (toStderr) await report(ctx, format, [], plan);
    return ExitCode.ok;
  }
  // Every secret reference resolves before the first write: a missing variable changes nothing.
  const specs = new Map<Change, HookSpec>();
  for (const target of plan.targets)
    for (const change of target.changes) if (change.action !== 'delete') specs.set(change, await specOf(change.url, change.spec, ctx));
  if (options.source === 'file' && !options.yes) {
    const { asker } = await import('../runtime/interactive.js');
    const ask = asker(ctx);
    if (!ask) {
      throw new UsageError(`apply: refusing to make ${changes} ${changes === 1 ? 'change' : 'changes'} without confirmation; nothing was applied`, {
        hint: 'pass --yes when not on a terminal (or with --no-input, HOOKCTL_NO_INPUT or CI)',
      });
    }
    if (!(await ask.confirm({ message: confirmQuestion(plan, changes) }))) {
      throw new DeclinedError(`apply: not confirmed; nothing was applied`);
    }
  }
  const work = plan.targets.filter((t) => t.changes.length > 0);
  const errors: unknown[] = [];
  const settled = await mapSettled(
    work,
    options.concurrency,
    async (targetPlan) => {
      const results: ChangeResult[] = [];
      for (const change of targetPlan.changes) {
        if (ctx.deps.signal.aborted) {
          results.push(resultOf(targetPlan.target, change, 'not-started'));
          continue;
        }
        const result = await applyChange(targetPlan.target, change, specs.get(change), ctx, errors);
        say(resultLine(result, ctx));
        results.push(result);
      }
      return results;
    },
    ctx.deps.signal,
  );
  const results = settled.flatMap((s, i) => {
    if (s.status === 'fulfilled') return s.value;
    const targetPlan = work[i];
    if (!targetPlan) return [];
    const why = s.reason === NOT_STARTED ? 'not-started' : 'failed';
    return targetPlan.changes.map((change) => resultOf(targetPlan.target, change, why, s.reason === NOT_STARTED ? undefined : messageOf(s.reason, ctx)));
  });
  const applied = results.filter((r) => r.status === 'applied').length;
  const failed = results.length - applied;
  if (toStderr) await report(ctx, format, results, plan);
  const summary = `Apply: ${applied} of ${results.length} ${results.length === 1 ? 'change' : 'changes'} applied${failed > 0 ? `, ${failed} not` : ''}; ${plan.summary.unchanged} unchanged.`;
  say(summary);
  if (ctx.deps.signal.aborted) throw new InterruptedError(`interrupted: ${applied} of ${results.length} changes applied; run apply again to finish`);
  if (failed > 0) throw writeFailuresError(`${failed} of ${results.length} changes failed; the others were applied (run apply again to retry)`, errors);
  if (readFailures) throw readFailures;
  return ExitCode.ok;
}

/** A failed change is reported in its result; its error also goes to `errors` (for the exit code). */
async function applyChange(target: string, change: Change, spec: HookSpec | undefined, ctx: RunContext, errors: unknown[]): Promise<ChangeResult> {
  const result = resultOf(target, change, 'applied');
  try {
    const parsed = targetOf(target);
    const service = await ctx.hooks(parsed.provider);
    if (change.action === 'delete') {
      await service.delete(parsed, change.id);
    } else if (change.action === 'create') {
      const hook = await service.create(parsed, spec as HookSpec);
      result.newId = hook.id;
    } else {
      const want = spec as HookSpec;
      const updated = await service.update(parsed, change.id, want, { dropSecret: want.secret === undefined });
      result.newId = updated.hook.id;
    }
  } catch (error) {
    result.status = 'failed';
    result.error = messageOf(error, ctx);
    errors.push(error);
  }
  return result;
}

function resultOf(target: string, change: Change, status: ChangeResult['status'], error?: string): ChangeResult {
  const result: ChangeResult = { target, action: change.action, url: change.url, status };
  if (change.action !== 'create') result.id = change.id;
  if (error !== undefined) result.error = error;
  return result;
}

function messageOf(error: unknown, ctx: RunContext): string {
  return describeError(error, ctx.redactor);
}

const VERBS: Record<ChangeAction, string> = { create: 'created', update: 'updated', replace: 'replaced', delete: 'deleted' };
const SYMBOLS: Record<ChangeAction, string> = { create: '+', update: '~', replace: '-/+', delete: '-' };

function resultLine(result: ChangeResult, ctx: RunContext): string {
  const head = `${result.target} ${SYMBOLS[result.action]} ${result.url}`;
  if (result.status === 'failed') return `${ctx.io.color.red('✗')} ${oneLine(head)}: ${result.error ?? 'failed'}`;
  let ids = '';
  if (result.action === 'create') ids = ` (id ${result.newId})`;
  else if (result.action === 'delete') ids = ` (id ${result.id})`;
  else if (result.newId !== undefined && result.newId !== result.id) ids = ` (id ${result.id} → ${result.newId}: the id changed)`;
  else ids = ` (id ${result.id})`;
  return `${ctx.io.color.green('✓')} ${oneLine(`${head}: ${VERBS[result.action]}${ids}`)}`;
}

async function report(ctx: RunContext, format: 'json' | 'yaml' | 'table', results: ChangeResult[], plan: Plan): Promise<void> {
  if (format === 'table') return;
  const { printData } = await import('../output/render.js');
  const applied = results.filter((r) => r.status === 'applied').length;
  await printData(ctx.io, format, { changes: results, summary: { applied, failed: results.length - applied, unchanged: plan.summary.unchanged } });
}

/** Questions name at most this many changes one by one; more are counted (the plan above lists them). */
const NAMED_CHANGES = 3;

/** `Apply: create "ci" → https://… on codearts:77?`: the hooks' URLs and names, as far as a question can hold them. */
function confirmQuestion(plan: Plan, changes: number): string {
  const named = plan.targets.flatMap((t) =>
    t.changes.map((c) => {
      const name = c.action === 'delete' ? undefined : c.spec.name;
      return `${c.action}${name ? ` "${name}"` : ''}${c.action === 'delete' ? ` hook ${c.id}` : ''} → ${c.url} on ${t.target}`;
    }),
  );
  if (changes <= NAMED_CHANGES) return oneLine(`Apply: ${named.join('; ')}?`);
  return oneLine(`Apply ${changes} changes (${named.slice(0, NAMED_CHANGES).join('; ')}; and ${changes - NAMED_CHANGES} more, listed above)?`);
}
