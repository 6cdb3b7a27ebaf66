import { noInputFrom } from '../config/checks.js';
import type { RunContext } from './context.js';
import type { Prompter } from './deps.js';

/** `CI` set to anything but empty, `false` or `0`: no one is at a terminal, whatever it looks like. */
export function inCi(env: Record<string, string | undefined>): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/**
 * hookctl's own guard: questions only where a person is, that is stdin, stdout and stderr (where
 * the questions are drawn) are terminals, `CI` is not set and neither `--no-input` nor
 * HOOKCTL_NO_INPUT=1 was given. No prompt library refuses to ask by itself.
 */
export function promptsAllowed(ctx: Pick<RunContext, 'deps' | 'flags'>): boolean {
  const { deps } = ctx;
  if (!deps.stdin.isTTY || deps.stdout.isTTY !== true || deps.stderr.isTTY !== true) return false;
  if (inCi(deps.env)) return false;
  return !noInputFrom(ctx.flags.input === false, deps.env);
}

/** The run's prompter when questions are allowed (plain when this run's colour is off), else undefined. */
export function asker(ctx: Pick<RunContext, 'deps' | 'flags' | 'io'>): Prompter | undefined {
  if (!promptsAllowed(ctx)) return undefined;
  const plain = ctx.io.color.level === 0;
  const { prompts } = ctx.deps;
  return {
    text: (q) => prompts.text({ plain, ...q }),
    secret: (q) => prompts.secret({ plain, ...q }),
    choose: (q) => prompts.choose({ plain, ...q }),
    confirm: (q) => prompts.confirm({ plain, ...q }),
  };
}
