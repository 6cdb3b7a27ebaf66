import { oneLine } from './sanitize.js';

/**
 * An error line: room for about 300 characters of a provider's own text plus hookctl's words around it,
 * or for hookctl's own messages that name a file path twice (a deep CI workspace path is ~150 characters).
 */
export const MAX_ERROR_LINE = 600;

/** Cuts text to `max` characters and says how much was left out. */
export const shorten = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text);

/**
 * An error message as printed: scrubbed, cut to MAX_ERROR_LINE, one printable line. A provider's
 * quoted text can be megabytes long. It is cut only here, after scrubbing, never where the error is
 * made: a secret cut in two (secrets may hold quotes, `=` or spaces) would no longer match the
 * redactor, and its first half would show.
 */
export function errorLine(text: string, redactor: { scrub(text: string): string }): string {
  return oneLine(shorten(redactor.scrub(text), MAX_ERROR_LINE));
}
