import { ExitCode, UsageError } from '../errors.js';
import type { Plan } from '../fleet/plan-schema.js';
import type { ParseContext, RunContext } from '../runtime/context.js';
import { bool, text, type VerbInput } from '../runtime/flags.js';
import {
  concurrencyFlag,
  DEFAULT_CONCURRENCY,
  type LoadedHooksFile,
  loadHooksFile,
  type ReadTargets,
  readFailuresError,
  readTargets,
  throwIfAllFailedAlike,
} from './hooks-as-code.js';

export interface PlanOptions {
  file: LoadedHooksFile;
  prune: boolean;
  syncSecrets: boolean;
  out: string | undefined;
  concurrency: number;
}

export const fileFlag = text('-f, --file <path>', 'the hooks file (YAML or JSON; - reads standard input)');
export const pruneFlag = bool('--prune', 'delete hooks the file does not declare, on the targets it names');
export const syncSecretsFlag = bool('--sync-secrets', 'send every declared secret the provider cannot show for comparison');

export const flags = {
  file: fileFlag,
  prune: pruneFlag,
  syncSecrets: syncSecretsFlag,
  out: text('--out <path>', 'also save the plan as JSON, for `hookctl apply <path>`'),
  concurrency: concurrencyFlag,
} as const;

export async function parse(input: VerbInput<typeof flags>, ctx: ParseContext): Promise<PlanOptions> {
  const f = input.flags;
  if (f.file === undefined) throw new UsageError('plan: name the hooks file with -f', { hint: 'hookctl plan -f hooks.yaml' });
  return {
    file: await loadHooksFile(f.file, ctx),
    prune: f.prune === true,
    syncSecrets: f.syncSecrets === true,
    out: f.out,
    concurrency: f.concurrency ?? DEFAULT_CONCURRENCY,
  };
}

/** Reads the targets the file names and computes the plan over the ones that could be read. */
export async function makePlan(options: Omit<PlanOptions, 'out'>, ctx: RunContext): Promise<{ plan: Plan; read: ReadTargets }> {
  const { planChanges } = await import('../fleet/plan.js');
  const read = await readTargets(options.file.targets, ctx, options.concurrency);
  throwIfAllFailedAlike(read, options.file.targets.length);
  const plan = planChanges({
    desired: options.file.hooks.filter((hook) => read.actual.has(hook.target)),
    actual: read.actual,
    traits: (target) => read.traits.get(target) as NonNullable<ReturnType<typeof read.traits.get>>,
    prune: options.prune,
    syncSecrets: options.syncSecrets,
    targets: options.file.targets.filter((target) => read.actual.has(target)),
    hooksFile: { path: options.file.file, sha256: options.file.sha256 },
  });
  return { plan, read };
}

/** Prints the plan (text or JSON); the caller decides where. */
export async function printPlan(plan: Plan, ctx: RunContext, toStderr = false): Promise<void> {
  const format = await ctx.outputFormat();
  if (format === 'table' || toStderr) {
    const { renderPlan } = await import('../fleet/plan-render.js');
    const text = renderPlan(plan, ctx.io.color);
    if (toStderr) ctx.io.err(text);
    else ctx.io.out(text);
    return;
  }
  const { printData } = await import('../output/render.js');
  await printData(ctx.io, format, plan);
}

/** Exit 0: nothing would change. Exit 10: something would. Exit 5: some targets could not be read. */
export async function run(options: PlanOptions, ctx: RunContext): Promise<number> {
  const { plan, read } = await makePlan(options, ctx);
  await printPlan(plan, ctx);
  if (options.out !== undefined) {
    const { resolve } = await import('node:path');
    const { serializePlan } = await import('../fleet/plan.js');
    const { fileErrorReason } = await import('../runtime/deps.js');
    // within: a directory link in the checkout must not send the plan outside it.
    await ctx.deps.writeFile(resolve(ctx.deps.cwd, options.out), serializePlan(plan), { within: ctx.deps.cwd }).catch((error: unknown) => {
      throw new UsageError(`--out ${options.out}: cannot write the plan (${fileErrorReason(error)})`);
    });
    ctx.io.err(`plan saved to ${options.out}: apply it with \`hookctl apply ${options.out}\``);
  }
  if (read.failures.length > 0) throw readFailuresError(read, options.file.targets.length, ctx);
  const { hasChanges } = await import('../fleet/plan.js');
  return hasChanges(plan) ? ExitCode.changesPending : ExitCode.ok;
}
