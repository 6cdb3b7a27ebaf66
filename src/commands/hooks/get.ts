import { ExitCode, UsageError } from '../../errors.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../runtime/catalog.js';
import type { RunContext } from '../../runtime/context.js';
import type { VerbInput } from '../../runtime/flags.js';

export interface GetOptions {
  target: Target;
  id: string;
}

const HOOK_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Hook ids are numbers or short opaque strings; anything else is refused before a request. */
export function parseHookId(value: string | undefined): string {
  if (value === undefined || !HOOK_ID.test(value)) {
    throw new UsageError(`id: "${value ?? ''}" is not a hook id (letters, digits, - and _ only)`);
  }
  return value;
}

export const flags = {} as const;

export function parse(input: VerbInput<typeof flags>): GetOptions {
  return { target: parseTarget(input.args[0] ?? ''), id: parseHookId(input.args[1]) };
}

export async function run(options: GetOptions, ctx: RunContext): Promise<number> {
  const [hooks, { printHook }] = await Promise.all([ctx.hooks(options.target.provider), import('../../output/render.js')]);
  const hook = await hooks.get(options.target, options.id);
  await printHook(ctx.io, await ctx.outputFormat(), { target: formatTarget(options.target), hook });
  return ExitCode.ok;
}
