import { type GlobalFlags, type RunContext, createContext } from '../../cli/context.js';
import type { Deps } from '../../cli/deps.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { UsageError } from '../../errors.js';
import type { Redactor } from '../../http/redact.js';
import type { Target } from '../../model/target.js';
import { formatTarget, parseTarget } from '../../providers/registry.js';
import { printHook } from '../../output/render.js';

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

export function parseGetOptions(args: string[]): GetOptions {
  return { target: parseTarget(args[0] ?? ''), id: parseHookId(args[1]) };
}

export async function runGet(options: GetOptions, ctx: RunContext): Promise<number> {
  const provider = await ctx.provider(options.target.provider);
  const hook = await provider.get(options.target, options.id);
  await printHook(ctx.io, await ctx.outputFormat(), { target: formatTarget(options.target), hook });
  return ExitCode.ok;
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  const ctx = createContext(input.globals, deps, redactor);
  return runGet(parseGetOptions(input.args), ctx);
}
