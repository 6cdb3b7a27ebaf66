import { UsageError } from '../../errors.js';
import { FIELD_FLAGS } from '../../hooks/fields.js';
import { HOOK_EVENTS, type HookEvent } from '../../model/events.js';
import { type HookSpec, HookSpecSchema } from '../../model/hook.js';
import { Secret } from '../../model/secret.js';
import type { ParseContext } from '../../runtime/context.js';
import { secretFromEnv } from '../secret-env.js';
import type { SpecFlags } from './spec-flags.js';

export type { SpecFlags } from './spec-flags.js';

export function parseEvents(list: string): HookEvent[] {
  const events = list
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const event of events) {
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) {
      throw new UsageError(`events (--events): unknown event "${event}"`, { hint: `use a comma-separated subset of ${HOOK_EVENTS.join(',')}` });
    }
  }
  return events as HookEvent[];
}

/**
 * A secret never comes from a flag value (it would land in shell history and `ps`): only from a
 * named environment variable or from stdin. It is registered with the redactor at once.
 */
export async function readSecret(flags: SpecFlags, ctx: ParseContext, options: SpecPatchOptions = {}): Promise<Secret | undefined> {
  if (flags.secretEnv !== undefined && flags.secretStdin) throw new UsageError('secret: use either --secret-env or --secret-stdin, not both');
  if (flags.secretEnv !== undefined) return new Secret(secretFromEnv(flags.secretEnv, ctx, 'secret (--secret-env)'));
  if (!flags.secretStdin) return undefined;
  if (ctx.deps.stdin.isTTY) {
    // The command asks for it hidden, when it may ask (secretFromTerminal), or refuses then.
    if (options.secretFromTerminal) return undefined;
    throw secretStdinTerminalError();
  }
  const value = (await ctx.deps.stdin.readAll()).replace(/\r?\n$/, '');
  if (value === '') throw new UsageError('secret (--secret-stdin): standard input was empty');
  ctx.redactor.add(value);
  return new Secret(value);
}

/** --secret-stdin where stdin is the terminal and no question may be asked. */
export function secretStdinTerminalError(): UsageError {
  return new UsageError('secret (--secret-stdin): standard input is a terminal; pipe the secret in', {
    hint: 'or run on a terminal without --no-input/CI to type it hidden',
  });
}

/** Whether --secret-stdin names the terminal: the secret is then typed at a hidden prompt. */
export function secretFromTerminal(flags: SpecFlags, ctx: ParseContext): boolean {
  return flags.secretStdin === true && flags.secretEnv === undefined && ctx.deps.stdin.isTTY;
}

export interface SpecPatchOptions {
  /** --secret-stdin on a terminal leaves the secret out (the command asks for it) instead of refusing. */
  secretFromTerminal?: boolean;
}

/** Flags → the part of a spec they set. Fields not given are absent (update keeps them). */
export async function specPatch(flags: SpecFlags, ctx: ParseContext, options: SpecPatchOptions = {}): Promise<Partial<HookSpec>> {
  const patch: Partial<HookSpec> = {};
  if (flags.url !== undefined) {
    patch.url = flags.url;
    // A URL may carry user:password@: accepted, but the password is masked in every output.
    ctx.redactor.addUrlCredentials(flags.url);
  }
  if (flags.events !== undefined) patch.events = parseEvents(flags.events);
  if (flags.name !== undefined) patch.name = flags.name;
  if (flags.description !== undefined) patch.description = flags.description;
  if (flags.branchFilter !== undefined) patch.branchFilter = flags.branchFilter;
  if (flags.noteFilter !== undefined) patch.noteFilters = flags.noteFilter;
  if (flags.sslVerify !== undefined) patch.sslVerify = flags.sslVerify;
  const secret = await readSecret(flags, ctx, options);
  if (secret) patch.secret = secret;
  return patch;
}

/** Validates a complete spec; the error names the field, its flag and the rule it broke. */
export function validateSpec(candidate: Partial<HookSpec>): HookSpec {
  const parsed = HookSpecSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? 'spec') as keyof typeof FIELD_FLAGS;
  const flag = FIELD_FLAGS[field];
  const label = flag ? `${field} (${flag})` : field;
  const rule = issue?.code === 'invalid_type' && issue.input === undefined ? 'is required' : (issue?.message ?? 'is invalid');
  throw new UsageError(`${label}: ${rule}`);
}
