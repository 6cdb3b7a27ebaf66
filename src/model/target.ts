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
export interface TargetGrammar<T extends Target = Target> {
  provider: T['provider'];
  /** The usage form shown in errors and help, e.g. `<provider>:<groupId>`. */
  form: string;
  /** `parts` is the text after the colon split on "/"; throw `bad(why)` when it does not fit. */
  parse(parts: string[], bad: (why: string) => UsageError): T;
  /** The text after the colon; `parse` of it gives the same target back. */
  format(target: T): string;
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

/** Parses `input` with the grammar its provider prefix names; a usage error shows the expected form. */
export function parseTargetWith(input: string, grammars: readonly TargetGrammar[]): Target {
  const colon = input.indexOf(':');
  const provider = colon < 0 ? '' : input.slice(0, colon);
  const rest = colon < 0 ? '' : input.slice(colon + 1);
  const grammar = grammars.find((g) => g.provider === provider);
  if (!grammar) {
    throw new UsageError(`target "${printable(input)}": unknown provider "${printable(provider)}"`, {
      hint: `expected one of ${grammars.map((g) => g.form).join(', ')}`,
    });
  }
  const parts = rest.split('/');
  const bad = (why: string): UsageError => new UsageError(`target "${printable(input)}": ${why}`, { hint: `expected ${grammar.form}` });
  if (parts.some((part) => DOT_SEGMENT.test(part))) throw bad('a segment may not be "." or ".." (nor %2e, %2e%2e)');
  return grammar.parse(parts, bad);
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
