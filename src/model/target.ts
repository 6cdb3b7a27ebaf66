import { UsageError } from '../errors.js';

/**
 * Where a hook lives (design §3): a provider id plus that provider's own named segments. One
 * string on the command line and in files. Each provider declares its narrower target type and
 * its grammar (a TargetGrammar) in its own folder; this module knows no provider.
 */
export interface Target {
  readonly provider: string;
  readonly [segment: string]: string;
}

export type ProviderId = Target['provider'];

/** How one provider's targets are written: `<provider>:<rest>`, the rest split on "/". */
export interface TargetGrammar<T extends Target = Target, P = unknown> {
  provider: T['provider'];
  /** The usage form shown in errors and help, e.g. `<provider>:<groupId>`. */
  form: string;
  /** `parts` is the text after the colon split on "/"; throw `bad(why)` when it does not fit. */
  parse(parts: string[], bad: (why: string) => UsageError): T;
  /** The text after the colon; `parse` of it gives the same target back. */
  format(target: T): string;
  /** The patterns the provider's listing APIs expand into targets; absent: none. */
  patterns?: PatternGrammar<P> | undefined;
}

/** One accepted pattern form and what it expands to, for help, README and errors. */
export interface PatternForm {
  /** e.g. `<provider>:<organizationId>/*`. */
  form: string;
  /** e.g. `every repository of the organization`. */
  expands: string;
}

/**
 * How one provider writes patterns. `matches` decides whether a text is meant as a pattern (then it
 * is never read as a single target); `parse` reads it or throws `bad(why)`, which lists the forms.
 */
export interface PatternGrammar<P = unknown> {
  forms: readonly PatternForm[];
  /** `parts` as for TargetGrammar.parse. */
  matches(parts: string[]): boolean;
  parse(parts: string[], bad: (why: string) => UsageError): P;
}

/** A parsed pattern: its provider, its canonical text (what Provider.expand takes) and its fields. */
export interface ParsedPattern<P = unknown> {
  provider: string;
  /** `<provider>:<rest>`, as written (it was checked). */
  pattern: string;
  parsed: P;
}

/** Generic segment rules the grammars share. */
export const SEGMENT = {
  /** A positive decimal id without leading zeros (19 digits at most). */
  numericId: /^[1-9][0-9]{0,18}$/,
  /** Organization, project and namespace ids: no slashes, no whitespace, no control characters. */
  plain: /^[^\s/:?#%\\]{1,128}$/,
  /** A nested path (GitLab subgroups), e.g. `group/sub/repo`. */
  path: /^[^\s:?#%\\]{1,255}$/,
} as const;

// "." and ".." (also percent-encoded, any case) would move the request to another API path.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * A target or pattern that does not parse. `reason` says why without repeating any of the input:
 * a line of a targets file may be anything (`--targets-file .env`), so it is reported by file and
 * line number and this reason only.
 */
export class TargetSyntaxError extends UsageError {
  readonly reason: string;

  constructor(message: string, reason: string, options: { hint?: string | undefined } = {}) {
    super(message, options);
    this.reason = reason;
  }
}

/** Parses `input` with the grammar its provider prefix names; a usage error shows the expected form. */
export function parseTargetWith(input: string, grammars: readonly TargetGrammar[]): Target {
  const colon = input.indexOf(':');
  const provider = colon < 0 ? '' : input.slice(0, colon);
  const rest = colon < 0 ? '' : input.slice(colon + 1);
  const grammar = grammars.find((g) => g.provider === provider);
  if (!grammar) {
    throw new TargetSyntaxError(
      `target "${printable(input)}": unknown provider "${printable(provider)}"`,
      'not a target: no known provider before the first ":"',
      {
        hint: `expected one of ${grammars.map((g) => g.form).join(', ')}`,
      },
    );
  }
  const parts = rest.split('/');
  const bad = (why: string): UsageError =>
    new TargetSyntaxError(`target "${printable(input)}": ${why}`, `not a target: ${why}`, { hint: `expected ${grammar.form}` });
  if (parts.some((part) => DOT_SEGMENT.test(part))) throw bad('a segment may not be "." or ".." (nor %2e, %2e%2e)');
  if (grammar.patterns?.matches(parts)) throw bad('this is a pattern (it names many targets); give one target here');
  return grammar.parse(parts, bad);
}

/** Whether `input` is written as a pattern of its provider (a text with an unknown provider is not). */
export function isPatternWith(input: string, grammars: readonly TargetGrammar[]): boolean {
  const colon = input.indexOf(':');
  if (colon < 0) return false;
  const grammar = grammars.find((g) => g.provider === input.slice(0, colon));
  return grammar?.patterns?.matches(input.slice(colon + 1).split('/')) === true;
}

/** The pattern forms of the grammars, one line each, e.g. `codeup:<organizationId>/* (every repository…)`. */
export function patternFormsOf(grammars: readonly TargetGrammar[]): string[] {
  return grammars.flatMap((g) => (g.patterns?.forms ?? []).map((f) => `${f.form} (${f.expands})`));
}

/**
 * Parses a pattern with the grammar its provider prefix names. A usage error (exit 2) names what is
 * wrong and lists the accepted pattern forms (of that provider, or of all when the provider is unknown).
 */
export function parsePatternWith(input: string, grammars: readonly TargetGrammar[]): ParsedPattern {
  const colon = input.indexOf(':');
  const provider = colon < 0 ? '' : input.slice(0, colon);
  const grammar = grammars.find((g) => g.provider === provider);
  const all = patternFormsOf(grammars).join('; ');
  if (!grammar) {
    throw new TargetSyntaxError(
      `pattern "${printable(input)}": unknown provider "${printable(provider)}"`,
      'not a pattern: no known provider before the first ":"',
      {
        hint: `accepted patterns: ${all}`,
      },
    );
  }
  const patterns = grammar.patterns;
  if (!patterns) {
    throw new TargetSyntaxError(
      `pattern "${printable(input)}": ${provider} targets cannot be discovered (no pattern forms)`,
      `not a pattern: ${provider} targets cannot be discovered`,
      {
        hint: `accepted patterns: ${all}`,
      },
    );
  }
  const parts = input.slice(colon + 1).split('/');
  const forms = patternFormsOf([grammar]).join('; ');
  const bad = (why: string): UsageError =>
    new TargetSyntaxError(`pattern "${printable(input)}": ${why}`, `not a pattern: ${why}`, { hint: `accepted patterns: ${forms}` });
  if (parts.some((part) => DOT_SEGMENT.test(part))) throw bad('a segment may not be "." or ".." (nor %2e, %2e%2e)');
  if (!patterns.matches(parts)) throw bad('not a pattern');
  return { provider, pattern: input, parsed: patterns.parse(parts, bad) };
}

/** For Provider.expand: reads `text` (`<provider>:` prefix optional) with one grammar's patterns. */
export function parsePatternOf<T extends Target, P>(text: string, grammar: TargetGrammar<T, P>): P {
  const input = text.startsWith(`${grammar.provider}:`) ? text : `${grammar.provider}:${text}`;
  return parsePatternWith(input, [grammar as unknown as TargetGrammar]).parsed as P;
}

export function formatTargetWith(target: Target, grammars: readonly TargetGrammar[]): string {
  const grammar = grammars.find((g) => g.provider === target.provider);
  if (!grammar) throw new Error(`no target grammar for provider ${target.provider}`);
  return `${target.provider}:${grammar.format(target)}`;
}

/** Keeps user input printable in one line of an error message. */
function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}
