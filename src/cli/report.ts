import { HookctlError, InternalError, InterruptedError } from '../errors.js';
import type { Redactor } from '../http/redact.js';
import type { Io } from '../output/io.js';
import { lines, oneLine } from '../output/sanitize.js';

/**
 * Prints an error as one line (plus a hint line) and returns its exit code. With --debug the
 * details and the stack follow. With -o json the error is also a JSON object on stderr. Every
 * byte passes through the redactor, so a secret echoed by a provider still never shows.
 */
export function reportError(error: unknown, io: Io, options: { debug: boolean; json: boolean; redactor: Redactor }): number {
  const known = toHookctlError(error);
  const scrub = (text: string) => options.redactor.scrub(text);
  const message = errorLine(known.message, options.redactor);
  const hint = known.hint === undefined ? undefined : errorLine(known.hint, options.redactor);
  if (options.json) {
    io.err(JSON.stringify({ error: { code: known.code, message, hint: hint ?? null } }));
  } else {
    io.err(`${io.color.red('error:')} ${message}`);
    if (hint) io.err(`${io.color.dim('hint:')} ${hint}`);
  }
  if (options.debug) {
    // Shortened only after scrubbing: a cut through a secret would leave a piece the redactor cannot match.
    if (known.details) io.err(lines(shorten(scrub(`details: ${known.details}`), MAX_DETAILS)));
    const stack = (known instanceof InternalError && error instanceof Error ? error : known).stack;
    if (stack) io.err(lines(scrub(stack)));
  }
  return known.exitCode;
}

const MAX_DETAILS = 2000;
/**
 * An error line: room for about 300 characters of a provider's own text plus hookctl's words around it,
 * or for hookctl's own messages that name a file path twice (a deep CI workspace path is ~150 characters).
 */
export const MAX_ERROR_LINE = 600;

/**
 * An error message as printed: scrubbed, cut to MAX_ERROR_LINE, one printable line. A provider's
 * quoted text can be megabytes long. It is cut only here, after scrubbing, never where the error is
 * made: a secret cut in two (secrets may hold quotes, `=` or spaces) would no longer match the
 * redactor, and its first half would show.
 */
export function errorLine(text: string, redactor: Pick<Redactor, 'scrub'>): string {
  return printableLine(shorten(redactor.scrub(text), MAX_ERROR_LINE));
}
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text);

/**
 * One line: messages quote user input and providers' text, which may hold line breaks; the
 * contract is one line per error. Characters a terminal would act on are escaped by io.err itself.
 */
export const printableLine = oneLine;

function toHookctlError(error: unknown): HookctlError {
  if (error instanceof HookctlError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new InterruptedError('interrupted');
  const text = error instanceof Error ? error.message : String(error);
  return new InternalError(`unexpected error: ${text.split('\n')[0]}`, {
    hint: 'run again with --debug for details, and report it if it persists',
  });
}
