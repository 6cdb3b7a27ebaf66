/**
 * What a fleet command works on (issue 9 §1): targets and patterns from the command line and from
 * `--targets-file FILE|-`, patterns expanded lazily through the hook service (the provider's
 * listing APIs), repeated targets dropped, and `--shard i/n` applied.
 *
 * Everything that can be checked without the network is checked first, by `prepareTargets`: a
 * malformed target, an unknown provider, an unreadable targets file or a provider without pattern
 * support stops the run with exit 2 before any request is sent. Discovery itself runs only while
 * the consumer pulls (`expandTargets` is a lazy async generator), so the first targets are worked
 * on while discovery goes on.
 */
import { UsageError } from '../errors.js';
import { type Shard, targetInShard } from '../fleet/shard.js';
import { dedupe } from '../fleet/stream.js';
import { parseTargetsFileEntries, targetsFileLabel } from '../fleet/targets-file.js';
import { type ProviderId, type Target, TargetSyntaxError } from '../model/target.js';
import { formatTarget, isPattern, parsePattern, parseTarget, TARGET_FORMS } from '../providers/registry.js';
import type { HookService } from './service.js';

export interface ExpandOptions {
  /** `--targets-file`: a path, or `-` for stdin. */
  targetsFile?: string | undefined;
  shard?: Shard | undefined;
  signal?: AbortSignal | undefined;
  /** Told about each target dropped because it was already seen. */
  onDuplicate?: ((target: Target) => void) | undefined;
  /**
   * Told when a pattern's discovery fails (a missing organization, a network error); the other
   * inputs are still expanded. Without it the error ends the iteration. A UsageError always does.
   */
  onPatternError?: ((pattern: string, error: unknown) => void) | undefined;
}

/** What expandTargets needs from the run: the process (files, stdin) and the hook services. */
export interface TargetsContext {
  /** The process effects a targets file needs (the runtime's Deps has them). */
  deps: { cwd: string; readFile(path: string): Promise<string | undefined>; stdin: { isTTY: boolean; readAll(): Promise<string> } };
  hooks(id: ProviderId): Promise<Pick<HookService, 'expand'>>;
}

/** One checked input: a target, or a pattern with its (not yet started) discovery. */
export type TargetInput =
  | { kind: 'target'; target: Target; text: string }
  | { kind: 'pattern'; provider: ProviderId; text: string; expand: () => AsyncIterable<Target> };

/** An input is a pattern when its provider's grammar says so (providers/<id>/target.ts). */
export { isPattern };

function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

async function readTargetsFile(path: string, deps: TargetsContext['deps']): Promise<{ value: string; where: string }[]> {
  let text: string | undefined;
  if (path === '-') {
    if (deps.stdin.isTTY) throw new UsageError('--targets-file -: standard input is a terminal; pipe the list in');
    text = await deps.stdin.readAll();
  } else {
    const { resolve } = await import('node:path');
    try {
      text = await deps.readFile(resolve(deps.cwd, path));
    } catch (error) {
      throw new UsageError(`--targets-file ${printable(path)}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (text === undefined) throw new UsageError(`--targets-file ${printable(path)}: no such file`);
  }
  return parseTargetsFileEntries(text, path);
}

/** Why a targets-file line was refused, without any of the line: the parser's reason, else the message with the line cut out. */
function lineReason(error: UsageError, line: string): string {
  if (error instanceof TargetSyntaxError) return error.reason;
  return withoutLine(error.message, line);
}

function lineHint(error: UsageError, line: string): string | undefined {
  return error.hint === undefined ? undefined : withoutLine(error.hint, line);
}

function withoutLine(text: string, line: string): string {
  // Messages quote input whole, or cut to 77 characters and "...".
  return text
    .split(line)
    .join('this line')
    .split(`${line.slice(0, 77)}...`)
    .join('this line');
}

/**
 * Checks every input (command line first, then the targets file) and returns them in order.
 * Throws a UsageError (exit 2), naming the input and where it came from, before anything is sent.
 */
export async function prepareTargets(inputs: readonly string[], options: ExpandOptions, ctx: TargetsContext): Promise<TargetInput[]> {
  const fromFile = options.targetsFile === undefined ? [] : await readTargetsFile(options.targetsFile, ctx.deps);
  // concat, not push(...): a spread of 150,000 lines overflows the call stack.
  const entries: { value: string; where?: string }[] = inputs.map((value): { value: string; where?: string } => ({ value })).concat(fromFile);
  if (entries.length === 0) {
    const from = options.targetsFile === undefined ? '' : ` (${targetsFileLabel(options.targetsFile)} lists none)`;
    throw new UsageError(`name at least one target or pattern${from}`, { hint: `e.g. ${TARGET_FORMS.codearts} or codeup:<organizationId>/*` });
  }
  const out: TargetInput[] = [];
  for (const { value, where } of entries) {
    try {
      if (!isPattern(value)) {
        out.push({ kind: 'target', target: parseTarget(value), text: value });
        continue;
      }
      // A malformed pattern is a usage error listing the accepted forms.
      const { provider } = parsePattern(value);
      const service = await ctx.hooks(provider);
      // Throws now when the provider has no discovery; the listing itself starts only when pulled.
      const iterable = service.expand(value);
      out.push({ kind: 'pattern', provider, text: value, expand: () => iterable });
    } catch (error) {
      // A file line is named by file:line only: it may be anything (`--targets-file .env`).
      if (where && error instanceof UsageError) throw new UsageError(`${where}: ${lineReason(error, value)}`, { hint: lineHint(error, value) });
      throw error;
    }
  }
  return out;
}

/** The checked inputs → the targets, in input order, discovery streamed, duplicates dropped, shard kept. */
export async function* targetsOf(
  inputs: readonly TargetInput[],
  options: Pick<ExpandOptions, 'shard' | 'onDuplicate' | 'onPatternError' | 'signal'> = {},
): AsyncGenerator<Target, void, undefined> {
  async function* all(): AsyncGenerator<Target, void, undefined> {
    for (const input of inputs) {
      if (options.signal?.aborted) return;
      if (input.kind === 'target') {
        yield input.target;
        continue;
      }
      try {
        yield* input.expand();
      } catch (error) {
        if (!options.onPatternError || error instanceof UsageError || options.signal?.aborted) throw error;
        options.onPatternError(input.text, error);
      }
    }
  }
  for await (const target of dedupe(all(), formatTarget, (target) => options.onDuplicate?.(target))) {
    if (options.shard && !targetInShard(target, options.shard)) continue;
    yield target;
  }
}

/** `expandTargets(inputs, { targetsFile, shard, signal }, ctx)`: prepareTargets, then targetsOf. */
export async function* expandTargets(inputs: readonly string[], options: ExpandOptions, ctx: TargetsContext): AsyncGenerator<Target, void, undefined> {
  yield* targetsOf(await prepareTargets(inputs, options, ctx), options);
}
