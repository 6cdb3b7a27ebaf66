import { type GlobalFlags, type RunContext, createContext } from '../../cli/context.js';
import type { Deps } from '../../cli/deps.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { printableLine } from '../../cli/report.js';
import { UsageError } from '../../errors.js';
import type { Redactor } from '../../http/redact.js';
import { type HookSpec, specFromHook } from '../../model/hook.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../providers/registry.js';
import { printData, printHook, toPlainHook } from '../../output/render.js';
import { type SpecFlags, specPatch, validateSpec } from './flags.js';
import { parseHookId } from './get.js';
import { printPreviews } from './preview.js';
import { type SecretOutcome, secretOutcome } from '../../providers/update-secret.js';

export interface UpdateOptions {
  target: Target;
  id: string;
  patch: Partial<HookSpec>;
  dryRun: boolean;
  /** --no-secret: the hook ends up without a secret. */
  dropSecret: boolean;
}

/** `secret` is commander's value for --no-secret: false when given. */
export async function parseUpdateOptions(
  args: string[],
  flags: SpecFlags & { dryRun?: boolean; secret?: boolean },
  deps: Deps,
  redactor: Redactor,
): Promise<UpdateOptions> {
  const target = parseTarget(args[0] ?? '');
  const id = parseHookId(args[1]);
  const dropSecret = flags.secret === false;
  if (dropSecret && (flags.secretEnv !== undefined || flags.secretStdin)) {
    throw new UsageError('secret: use either --no-secret or --secret-env/--secret-stdin, not both');
  }
  const patch = await specPatch(flags, deps, redactor);
  if (Object.keys(patch).length === 0 && !dropSecret) {
    throw new UsageError('update: nothing to change', {
      hint: 'pass at least one of --url, --events, --name, --description, --secret-env, --no-secret, --branch-filter, --note-filter, --no-ssl-verify',
    });
  }
  validateSpec({ url: 'https://placeholder.invalid', ...patch }); // field rules, before any request
  return { target, id, patch, dryRun: flags.dryRun === true, dropSecret };
}

const SECRET_LINES: Record<SecretOutcome, string> = {
  set: 'secret: set to the new value',
  kept: 'secret: kept',
  cleared: 'secret: cleared',
};

/**
 * Fetches the hook, lays the flags over it and writes the result. Providers without a native
 * update replace the hook (delete + create): the id changes, and stderr says so.
 */
export async function runUpdate(options: UpdateOptions, ctx: RunContext): Promise<number> {
  const provider = await ctx.provider(options.target.provider);
  const current = await provider.get(options.target, options.id);
  const merged: Partial<HookSpec> = { ...specFromHook(current), ...options.patch };
  if (options.dropSecret) delete merged.secret;
  const spec = validateSpec(merged);
  const outcome = secretOutcome(provider.capabilities, current, spec, options.patch.secret !== undefined, options.dropSecret);
  const secretLine = (): void => {
    if (outcome === undefined) return;
    const why =
      outcome === 'cleared' && !options.dropSecret
        ? ` (${provider.label} drops it when the URL changes; pass --secret-env or --secret-stdin to set one)`
        : '';
    ctx.io.err(`${SECRET_LINES[outcome]}${why}`);
  };
  if (options.dryRun) {
    // Previews first: a spec the provider refuses fails before anything is announced.
    const previews = await provider.preview({ kind: 'update', target: options.target, id: options.id, spec, dropSecret: options.dropSecret });
    if (provider.capabilities.update === 'replace') {
      const steps =
        provider.capabilities.replaceOrder === 'create-first'
          ? `create a new hook, then delete hook ${options.id}`
          : `delete hook ${options.id} and create a new one`;
      ctx.io.err(`${provider.label} has no update: this would ${steps}`);
    }
    secretLine();
    // The current hook was read (a GET went out); nothing that changes it was sent.
    await printPreviews(ctx, previews, `dry run: hook ${options.id} was read; no change was sent`);
    return ExitCode.ok;
  }
  const result = await provider.update(options.target, options.id, spec, { dropSecret: options.dropSecret });
  const target = formatTarget(options.target);
  if (result.replacedId !== undefined) {
    ctx.io.err(printableLine(`${provider.label} has no update: hook ${result.replacedId} was replaced by hook ${result.hook.id} (the id changed)`));
  }
  secretLine();
  const format = await ctx.outputFormat();
  if (format !== 'table' && result.replacedId !== undefined) {
    await printData(ctx.io, format, { ...toPlainHook({ target, hook: result.hook }), replacedId: result.replacedId });
  } else {
    await printHook(ctx.io, format, { target, hook: result.hook });
  }
  return ExitCode.ok;
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  const ctx = createContext(input.globals, deps, redactor);
  return runUpdate(await parseUpdateOptions(input.args, input.opts, deps, redactor), ctx);
}
