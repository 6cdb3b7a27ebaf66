import { isAbsolute, join } from 'node:path';
import { HookctlError, OutcomeUnknownError, PartialError, UsageError } from '../errors.js';
import type { TargetTraits } from '../fleet/fields.js';
import type { DesiredHook } from '../fleet/hooks-file.js';
import type { PlannedSpec } from '../fleet/plan-schema.js';
import type { HookService } from '../hooks/service.js';
import type { Hook, HookSpec } from '../model/hook.js';
import type { Target } from '../model/target.js';
import { errorLine } from '../output/error-line.js';
import { oneLine } from '../output/sanitize.js';
import { parseTarget } from '../runtime/catalog.js';
import type { ParseContext, RunContext } from '../runtime/context.js';
import { int } from '../runtime/flags.js';
import { mapSettled } from './bulk.js';

/** Shared by plan, apply and rotate: reading the hooks file, reading targets, the secrets in a spec. */

export const DEFAULT_CONCURRENCY = 8;
export const concurrencyFlag = int('--concurrency <n>', 'targets read and written at once (default 8)', 1, 64);

export interface LoadedHooksFile {
  file: string;
  hooks: DesiredHook[];
  /** Literal targets, in file order (the scope of --prune). */
  targets: string[];
  /** SHA-256 (hex) of the file's text: a saved plan records it, apply compares it. */
  sha256: string;
}

/** Reads `-f FILE` (`-f -`: standard input), parses it and registers its secrets with the redactor. */
export async function loadHooksFile(path: string, ctx: ParseContext): Promise<LoadedHooksFile> {
  const { parseHooksFile } = await import('../fleet/hooks-file.js');
  let text: string | undefined;
  let name = path;
  if (path === '-') {
    if (ctx.deps.stdin.isTTY) throw new UsageError('file (-f -): standard input is a terminal; pipe the hooks file in');
    text = await ctx.deps.stdin.readAll();
    name = '<stdin>';
  } else {
    text = await ctx.deps.readFile(isAbsolute(path) ? path : join(ctx.deps.cwd, path));
    if (text === undefined) throw new UsageError(`file (-f): ${oneLine(path)} does not exist`);
  }
  const parsed = parseHooksFile(name, text, ctx.deps.env, ctx.credentialVariable);
  for (const hook of parsed.hooks) if (hook.spec.secret) ctx.redactor.add(hook.spec.secret.reveal());
  const patterns = parsed.targets.filter((t) => t.includes('*'));
  if (patterns.length > 0) {
    throw new UsageError(`${name}: target pattern "${oneLine(patterns[0] ?? '').slice(0, 80)}": patterns are not expanded by plan/apply yet`, {
      hint: 'name each target literally (hookctl export writes literal targets)',
    });
  }
  const { sha256Hex } = await import('../fleet/plan.js');
  return { file: name, hooks: parsed.hooks, targets: parsed.targets, sha256: sha256Hex(text) };
}

/** What plan needs to know about a target's provider. Only Codeup returns secrets in clear. */
export function traitsOf(service: Pick<HookService, 'id' | 'capabilities'>): TargetTraits {
  return { fields: service.capabilities.fields, update: service.capabilities.update, secretReadable: service.id === 'codeup' };
}

export interface ReadTargets {
  actual: Map<string, Hook[]>;
  traits: Map<string, TargetTraits>;
  failures: { target: string; error: unknown }[];
}

/** Lists every target (bounded concurrency). A target that cannot be read is a failure, not an abort. */
export async function readTargets(targets: readonly string[], ctx: RunContext, concurrency: number): Promise<ReadTargets> {
  const results = await mapSettled(
    targets,
    concurrency,
    async (text) => {
      const target = parseTarget(text);
      const service = await ctx.hooks(target.provider);
      const hooks: Hook[] = [];
      for await (const hook of service.list(target)) hooks.push(hook);
      return { hooks, traits: traitsOf(service) };
    },
    ctx.deps.signal,
  );
  const read: ReadTargets = { actual: new Map(), traits: new Map(), failures: [] };
  results.forEach((result, i) => {
    const target = targets[i] as string;
    if (result.status === 'fulfilled') {
      read.actual.set(target, result.value.hooks);
      read.traits.set(target, result.value.traits);
    } else {
      read.failures.push({ target, error: result.reason });
    }
  });
  return read;
}

/** A usage error (bad credentials setup, bad target) is the same for every target: rethrow it as is. */
export function throwIfAllFailedAlike(read: ReadTargets, total: number): void {
  const first = read.failures[0]?.error;
  if (read.failures.length === total && total > 0 && first instanceof UsageError) throw first;
}

/**
 * One line for a failed change in a report: the message and, when the error has one, its hint (a
 * replace that lost the old hook says there how to recreate it). Secrets masked.
 */
export function describeError(error: unknown, redactor: { scrub(text: string): string }): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof HookctlError && error.hint !== undefined ? ` (hint: ${error.hint})` : '';
  return oneLine(redactor.scrub(`${message}${hint}`));
}

export function failureLine(ctx: RunContext, what: string, error: unknown): string {
  const message = error instanceof HookctlError ? error.message : error instanceof Error ? error.message : String(error);
  return `${ctx.io.color.red('failed:')} ${oneLine(what)}: ${errorLine(message, ctx.redactor)}`;
}

export function readFailuresError(read: ReadTargets, total: number, ctx: RunContext): PartialError {
  for (const { target, error } of read.failures) ctx.io.err(failureLine(ctx, `reading ${target}`, error));
  return new PartialError(`${read.failures.length} of ${total} targets could not be read; they were left out`);
}

/**
 * How a bulk write run (apply, rotate) with failed writes ends: exit 5, or exit 6 when the outcome
 * of a write is unknown (a create that may have made a hook, a replace stopped before its delete),
 * since that target needs a look before the run is repeated.
 */
export function writeFailuresError(message: string, errors: readonly unknown[]): HookctlError {
  const unknown = errors.filter((error) => error instanceof OutcomeUnknownError).length;
  if (unknown === 0) return new PartialError(message);
  return new OutcomeUnknownError(`${message}; ${unknown === 1 ? 'one write has' : `${unknown} writes have`} an unknown outcome (see above)`, {
    hint: 'list the hooks of the targets named above before running again: one may have been created twice',
  });
}

/** A planned spec → the spec to send; the secret reference is resolved from the environment now. */
export async function specOf(url: string, planned: PlannedSpec, ctx: Pick<RunContext, 'deps' | 'redactor' | 'credentialVariable'>): Promise<HookSpec> {
  const { secretFromRef } = await import('../fleet/hooks-file.js');
  const { secretRef, ...rest } = planned;
  const spec: HookSpec = { url, ...rest };
  if (secretRef !== undefined) {
    spec.secret = secretFromRef(secretRef, ctx.deps.env, ctx.credentialVariable);
    ctx.redactor.add(spec.secret.reveal());
  }
  return spec;
}

export function targetOf(text: string): Target {
  return parseTarget(text);
}
