import { type GlobalFlags, createContext } from '../../cli/context.js';
import type { Deps } from '../../cli/deps.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { printableLine } from '../../cli/report.js';
import { InterruptedError } from '../../errors.js';
import type { Redactor } from '../../http/redact.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../providers/registry.js';
import { printHook } from '../../output/render.js';
import { CreateInterruptedError } from '../../providers/safe-create.js';
import { type SpecFlags, specPatch, validateSpec } from './flags.js';
import { printPreviews } from './preview.js';

export interface CreateOptions {
  target: Target;
  spec: HookSpec;
  ifNotExists: boolean;
  dryRun: boolean;
}

export async function parseCreateOptions(args: string[], flags: SpecFlags & { ifNotExists?: boolean; dryRun?: boolean }, deps: Deps, redactor: Redactor): Promise<CreateOptions> {
  const target = parseTarget(args[0] ?? '');
  const spec = validateSpec(await specPatch(flags, deps, redactor));
  return { target, spec, ifNotExists: flags.ifNotExists === true, dryRun: flags.dryRun === true };
}

export async function runCreate(options: CreateOptions, ctx: import('../../cli/context.js').RunContext): Promise<number> {
  const provider = await ctx.provider(options.target.provider);
  const target = formatTarget(options.target);
  if (options.dryRun) {
    await printPreviews(ctx, await provider.preview({ kind: 'create', target: options.target, spec: options.spec }));
    return ExitCode.ok;
  }
  if (options.ifNotExists) {
    for await (const hook of interruptible(provider.list(options.target), target)) {
      if (hook.url === options.spec.url) {
        ctx.io.err(printableLine(`hook ${hook.id} on ${target} already delivers to ${hook.url}: nothing to do`));
        await printHook(ctx.io, await ctx.outputFormat(), { target, hook });
        return ExitCode.ok;
      }
    }
  }
  const hook = await provider.create(options.target, options.spec).catch((error: unknown) => {
    throw interruptedCreate(error, target);
  });
  // The id is the provider's text: printable, like every line that quotes a provider.
  if (ctx.io.stderrIsTTY) ctx.io.err(ctx.io.color.green(printableLine(`✓ created hook ${hook.id} on ${target}`)));
  await printHook(ctx.io, await ctx.outputFormat(), { target, hook });
  return ExitCode.ok;
}

/** The --if-not-exists look-up: a Ctrl-C there comes before the create request. */
async function* interruptible(hooks: AsyncIterable<Hook>, target: string): AsyncIterable<Hook> {
  try {
    yield* hooks;
  } catch (error) {
    throw interruptedCreate(error instanceof InterruptedError ? new CreateInterruptedError(false) : error, target);
  }
}

/** Ctrl-C during the create: one line that says whether the hook may exist now, naming the target. */
function interruptedCreate(error: unknown, target: string): unknown {
  if (!(error instanceof CreateInterruptedError)) return error;
  return error.requestSent
    ? new InterruptedError(`interrupted: the create request to ${target} was sent; whether the hook was created is unknown`, {
        hint: `run \`hookctl hooks list ${target}\` to see, or re-run the create with --if-not-exists`,
      })
    : new InterruptedError(`interrupted before the create request to ${target} was sent: no hook was created`);
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  const ctx = createContext(input.globals, deps, redactor);
  return runCreate(await parseCreateOptions(input.args, input.opts, deps, redactor), ctx);
}
