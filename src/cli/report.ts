import { HookctlError, InternalError, InterruptedError } from '../errors.js';
import type { Redactor } from '../http/redact.js';
import { errorLine, shorten } from '../output/error-line.js';
import type { Io } from '../output/io.js';
import { lines, oneLine } from '../output/sanitize.js';

export { errorLine, MAX_ERROR_LINE } from '../output/error-line.js';

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
