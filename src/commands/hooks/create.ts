import { ExitCode, InterruptedError } from '../../errors.js';
import { oneLine as printableLine } from '../../output/sanitize.js';
import { formatTarget, parseTarget } from '../../runtime/catalog.js';
import type { ParseContext, RunContext } from '../../runtime/context.js';
import { bool, type VerbInput } from '../../runtime/flags.js';
import type { CreateInput } from './create-input.js';
import { printPreviews } from './preview.js';
import { specFlags } from './spec-flags.js';

export interface CreateOptions {
  /** What was given; a missing target or field is asked for, or named in one error (create-input.ts). */
  input: CreateInput;
  ifNotExists: boolean;
  dryRun: boolean;
}

export const flags = {
  ...specFlags,
  ifNotExists: bool('--if-not-exists', 'do nothing (exit 0) when a hook with the same URL exists'),
  dryRun: bool('--dry-run', 'print the exact request and send nothing (with --if-not-exists: only when no such hook exists)'),
} as const;

export async function parse(input: VerbInput<typeof flags>, ctx: ParseContext): Promise<CreateOptions> {
  const given = input.args[0];
  const target = given === undefined ? undefined : parseTarget(given);
  const { specPatch, validateSpec, secretFromTerminal } = await import('./flags.js');
  const fromTerminal = secretFromTerminal(input.flags, ctx);
  const patch = await specPatch(input.flags, ctx, { secretFromTerminal: fromTerminal });
  // The rules of what was given, before any question is asked about the rest.
  validateSpec({ url: 'https://placeholder.invalid', ...patch });
  return { input: { target, patch, secretFromTerminal: fromTerminal }, ifNotExists: input.flags.ifNotExists === true, dryRun: input.flags.dryRun === true };
}

/**
 * Creates the hook. With --if-not-exists, a hook that already delivers to the same URL (compared
 * normalized) is reported instead, with a stderr line when it differs from the asked one; -o json
 * then says `"created": false`. --dry-run previews only what would really be sent.
 */
export async function run(given: CreateOptions, ctx: RunContext): Promise<number> {
  const { completeCreate } = await import('./create-input.js');
  const options = { ...given, ...(await completeCreate(given.input, ctx)) };
  const [hooks, { printData, printHook, toPlainHook }, { CreateInterruptedError }] = await Promise.all([
    ctx.hooks(options.target.provider),
    import('../../output/render.js'),
    import('../../hooks/safe-create.js'),
  ]);
  const target = formatTarget(options.target);
  const print = async (hook: Parameters<typeof toPlainHook>[0]['hook'], created: boolean) => {
    const format = await ctx.outputFormat();
    if (options.ifNotExists && format !== 'table') await printData(ctx.io, format, { ...toPlainHook({ target, hook }), created });
    else await printHook(ctx.io, format, { target, hook });
  };
  if (options.ifNotExists) {
    // A Ctrl-C during this look-up comes before the create request.
    const found = await hooks.findByUrl(options.target, options.spec.url, options.spec).catch((error: unknown) => {
      throw interruptedCreate(error instanceof InterruptedError ? new CreateInterruptedError(false) : error, target);
    });
    if (found) {
      const { hook, differences } = found;
      ctx.io.err(
        printableLine(`hook ${hook.id} on ${target} already delivers to ${hook.url}: ${options.dryRun ? 'exists: nothing would be sent' : 'nothing to do'}`),
      );
      if (differences.length > 0) {
        ctx.io.err(`${ctx.io.color.yellow('note:')} ${printableLine(`hook ${hook.id} differs from the one asked for: ${differences.join('; ')}`)}`);
      }
      await print(hook, false);
      return ExitCode.ok;
    }
  }
  if (options.dryRun) {
    await printPreviews(ctx, await hooks.preview({ kind: 'create', target: options.target, spec: options.spec }));
    return ExitCode.ok;
  }
  const hook = await hooks.create(options.target, options.spec).catch((error: unknown) => {
    throw interruptedCreate(error, target);
  });
  // The id is the provider's text: printable, like every line that quotes a provider.
  if (ctx.io.stderrIsTTY) ctx.io.err(ctx.io.color.green(printableLine(`✓ created hook ${hook.id} on ${target}`)));
  await print(hook, true);
  return ExitCode.ok;
}

/** Ctrl-C during the create: one line that says whether the hook may exist now, naming the target. */
function interruptedCreate(error: unknown, target: string): unknown {
  if (!(error instanceof InterruptedError) || !('requestSent' in error)) return error;
  return error.requestSent
    ? new InterruptedError(`interrupted: the create request to ${target} was sent; whether the hook was created is unknown`, {
        hint: `run \`hookctl hooks list ${target}\` to see, or re-run the create with --if-not-exists`,
      })
    : new InterruptedError(`interrupted before the create request to ${target} was sent: no hook was created`);
}
