import { UsageError } from '../errors.js';

/**
 * One command-line option, declared once: cli/program.ts turns it into a commander Option (with
 * `parse` as its argParser), and the verb's parser receives its value already typed. Cheap to
 * import (no zod, no commander), so `--help` stays fast.
 */
export interface FlagDef<T> {
  /** commander's spelling, e.g. `--url <url>` or `-y, --yes`. */
  readonly flags: string;
  readonly description: string;
  /** Turns the typed text into the value (repeatable flags get the previous value). Throws UsageError. */
  parse?(value: string, previous: T | undefined): T;
  /** Listed in --help; a value outside them is refused by `parse`. */
  readonly choices?: readonly string[];
  /** Left out of --help (the flag another spelling turns into, e.g. `--json FIELDS`). */
  readonly hidden?: boolean;
  /** Phantom: carries T for FlagValues. */
  readonly _type?: T;
}

export type FlagTable = Readonly<Record<string, FlagDef<unknown>>>;

/** What the user typed, typed by the table: a flag not given is absent (no commander defaults). */
export type FlagValues<T extends FlagTable> = { -readonly [K in keyof T]?: T[K] extends FlagDef<infer V> ? V : never };

/** A verb's input: its positional arguments and its own flags. */
export interface VerbInput<T extends FlagTable> {
  args: string[];
  flags: FlagValues<T>;
}

export const bool = (flags: string, description: string): FlagDef<boolean> => ({ flags, description });

export const text = (flags: string, description: string): FlagDef<string> => ({ flags, description, parse: (value) => value });

/** Repeatable: every occurrence is kept, in order. */
export const list = (flags: string, description: string): FlagDef<string[]> => ({
  flags,
  description,
  parse: (value, previous) => [...(previous ?? []), value],
});

const longName = (flags: string) => /--[\w-]+/.exec(flags)?.[0] ?? flags;

export function oneOf<C extends string>(flags: string, description: string, choices: readonly C[]): FlagDef<C> {
  const name = longName(flags);
  return {
    flags,
    description,
    choices,
    parse: (value) => {
      if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${name}: must be one of ${choices.join(', ')} (got "${value}")`);
      return value as C;
    },
  };
}

/** A whole number in [min, max]; `rule` is how the error words it, e.g. "a whole number from 0 to 10". */
export function int(flags: string, description: string, min: number, max: number, rule = `a whole number from ${min} to ${max}`): FlagDef<number> {
  const name = longName(flags);
  return {
    flags,
    description,
    parse: (value) => {
      const n = Number(value);
      if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name}: must be ${rule} (got "${value}")`);
      return n;
    },
  };
}
