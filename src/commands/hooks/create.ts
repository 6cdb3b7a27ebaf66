import { type GlobalFlags, createContext } from '../../cli/context.js';
import type { Deps } from '../../cli/deps.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { printableLine } from '../../cli/report.js';
import type { Redactor } from '../../http/redact.js';
import type { HookSpec } from '../../model/hook.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../providers/registry.js';
import { printHook } from '../../output/render.js';
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
    for await (const hook of provider.list(options.target)) {
      if (hook.url === options.spec.url) {
        ctx.io.err(printableLine(`hook ${hook.id} on ${target} already delivers to ${hook.url}: nothing to do`));
        await printHook(ctx.io, await ctx.outputFormat(), { target, hook });
        return ExitCode.ok;
      }
    }
  }
  const hook = await provider.create(options.target, options.spec);
  // The id is the provider's text: printable, like every line that quotes a provider.
  if (ctx.io.stderrIsTTY) ctx.io.err(ctx.io.color.green(printableLine(`✓ created hook ${hook.id} on ${target}`)));
  await printHook(ctx.io, await ctx.outputFormat(), { target, hook });
  return ExitCode.ok;
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  const ctx = createContext(input.globals, deps, redactor);
  return runCreate(await parseCreateOptions(input.args, input.opts, deps, redactor), ctx);
}
