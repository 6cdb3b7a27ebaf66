import { ExitCode, UsageError } from '../../errors.js';
import type { SecretCheck } from '../../hooks/fields.js';
import type { HookSpec } from '../../model/hook.js';
import type { Target } from '../../model/target.js';
import { oneLine as printableLine } from '../../output/sanitize.js';
import { formatTarget, parseTarget } from '../../runtime/catalog.js';
import type { ParseContext, RunContext } from '../../runtime/context.js';
import { bool, type VerbInput } from '../../runtime/flags.js';
import { parseHookId } from './get.js';
import { printPreviews } from './preview.js';
import { forecastLine, outcomeLine, readBack, type SecretContext, secretCheckError } from './secret-line.js';
import { specFlags } from './spec-flags.js';

export interface UpdateOptions {
  target: Target;
  id: string;
  patch: Partial<HookSpec>;
  dryRun: boolean;
  /** --no-secret: the hook ends up without a secret. */
  dropSecret: boolean;
  /** --clear-branch-filter / --clear-note-filters: the hook ends up without that filter. */
  clear: ('branchFilter' | 'noteFilters')[];
  /** No change was named: on a terminal the current values are offered (update-input.ts), else exit 2. */
  askChanges: boolean;
}

export const flags = {
  ...specFlags,
  // Both spellings: the flag not given keeps the current value; --ssl-verify turns it back on.
  sslVerify: bool('--ssl-verify', 'verify TLS when delivering (Codeup; turns it back on)'),
  noSslVerify: bool('--no-ssl-verify', 'do not verify TLS when delivering (Codeup)'),
  secret: bool('--no-secret', 'remove the hook secret (Codeup v3: needed when the current one cannot be read back)'),
  clearBranchFilter: bool('--clear-branch-filter', 'remove the branch filter (every branch delivers again)'),
  clearNoteFilters: bool('--clear-note-filters', 'remove the note filters'),
  dryRun: bool('--dry-run', 'read the current hook, print the exact requests, send no change'),
} as const;

/** `secret` is commander's value for --no-secret: false when given. */
export async function parse(input: VerbInput<typeof flags>, ctx: ParseContext): Promise<UpdateOptions> {
  const f = input.flags;
  const target = parseTarget(input.args[0] ?? '');
  const id = parseHookId(input.args[1]);
  const dropSecret = f.secret === false;
  if (dropSecret && (f.secretEnv !== undefined || f.secretStdin)) {
    throw new UsageError('secret: use either --no-secret or --secret-env/--secret-stdin, not both');
  }
  if (f.clearBranchFilter && f.branchFilter !== undefined) throw new UsageError('branchFilter: use either --branch-filter or --clear-branch-filter, not both');
  if (f.clearNoteFilters && f.noteFilter !== undefined) throw new UsageError('noteFilters: use either --note-filter or --clear-note-filters, not both');
  const clear: UpdateOptions['clear'] = [
    ...(f.clearBranchFilter ? (['branchFilter'] as const) : []),
    ...(f.clearNoteFilters ? (['noteFilters'] as const) : []),
  ];
  const { specPatch, validateSpec } = await import('./flags.js');
  const patch = await specPatch(f, ctx);
  const askChanges = Object.keys(patch).length === 0 && !dropSecret && clear.length === 0;
  validateSpec({ url: 'https://placeholder.invalid', ...patch }); // field rules, before any request
  return { target, id, patch, dryRun: f.dryRun === true, dropSecret, clear, askChanges };
}

/**
 * Fetches the hook, lays the flags over it and writes the result. Providers without a native
 * update replace the hook (delete + create): the id changes, and stderr says so. Where what the
 * update does to the secret is only inferred, the hook is read back (if the provider reports
 * secrets) and the secret line says what was found; a secret lost is exit 1.
 */
export async function run(given: UpdateOptions, ctx: RunContext): Promise<number> {
  let options = given;
  const changes = options.askChanges ? await import('./update-input.js') : undefined;
  const ask = changes && (await import('../../runtime/interactive.js')).asker(ctx);
  // Nothing named and no one to ask: refused before any request.
  if (changes && !ask) throw changes.nothingToChange();
  const [hooks, { specFromHook }, { validateSpec }, secrets, render] = await Promise.all([
    ctx.hooks(options.target.provider),
    import('../../model/hook.js'),
    import('./flags.js'),
    import('../../hooks/fields.js'),
    import('../../output/render.js'),
  ]);
  const current = await hooks.get(options.target, options.id);
  if (changes && ask) {
    const patch = await changes.askChanges(ask, current, hooks, ctx);
    if (Object.keys(patch).length === 0) {
      ctx.io.err(`nothing changed: hook ${options.id} was left as it was`);
      return ExitCode.ok;
    }
    options = { ...options, patch };
  }
  const merged: Partial<HookSpec> = { ...specFromHook(current), ...options.patch };
  if (options.dropSecret) delete merged.secret;
  for (const field of options.clear) delete merged[field];
  const spec = validateSpec(merged);
  const outcome = secrets.secretOutcome(hooks.capabilities, current, spec, options.patch.secret !== undefined, options.dropSecret);
  const secret: SecretContext | undefined = outcome && {
    label: hooks.label,
    outcome,
    inferred: secrets.secretOutcomeInferred(hooks.capabilities, spec, outcome),
    reported: secrets.reportsSecret(hooks.capabilities),
    dropSecret: options.dropSecret,
  };
  if (options.dryRun) {
    // Previews first: a spec the provider refuses fails before anything is announced.
    const previews = await hooks.preview({ kind: 'update', target: options.target, id: options.id, spec, dropSecret: options.dropSecret });
    if (hooks.capabilities.update === 'replace') {
      const steps =
        hooks.capabilities.replaceOrder === 'create-first'
          ? `create a new hook, then delete hook ${options.id}`
          : `delete hook ${options.id} and create a new one`;
      ctx.io.err(`${hooks.label} has no update: this would ${steps}`);
    }
    if (secret) ctx.io.err(forecastLine(secret));
    // The current hook was read (a GET went out); nothing that changes it was sent.
    await printPreviews(ctx, previews, `dry run: hook ${options.id} was read; no change was sent`);
    return ExitCode.ok;
  }
  const result = await hooks.update(options.target, options.id, spec, { dropSecret: options.dropSecret });
  const target = formatTarget(options.target);
  if (result.replacedId !== undefined) {
    ctx.io.err(printableLine(`${hooks.label} has no update: hook ${result.replacedId} was replaced by hook ${result.hook.id} (the id changed)`));
  }
  let check: SecretCheck | undefined;
  if (secret?.inferred) {
    const after = secret.reported ? await readBack(() => hooks.get(options.target, result.hook.id)) : {};
    check = after.unreadable === undefined ? secrets.checkSecret(options.dropSecret, after.hook) : { kind: 'unchecked' };
    ctx.io.err(printableLine(outcomeLine(secret, check, after.unreadable)));
  } else if (secret) {
    ctx.io.err(outcomeLine(secret, undefined));
  }
  const format = await ctx.outputFormat();
  if (format !== 'table' && result.replacedId !== undefined) {
    await render.printData(ctx.io, format, { ...render.toPlainHook({ target, hook: result.hook }), replacedId: result.replacedId });
  } else {
    await render.printHook(ctx.io, format, { target, hook: result.hook });
  }
  const lost = secretCheckError(hooks.label, check, target, result.hook.id);
  if (lost) throw lost;
  return ExitCode.ok;
}
