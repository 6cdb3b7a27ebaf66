import { UsageError } from '../errors.js';

/**
 * `--targets-file FILE`: one target or pattern a line. Reading the file (or stdin for `-`) is the
 * caller's job; this takes its text, so it stays pure and testable.
 *
 * Grammar, line by line (LF or CRLF; a UTF-8 byte-order mark at the start is ignored):
 * - blank lines and lines whose first non-blank character is `#` are skipped;
 * - `#` after whitespace starts a trailing comment (`codearts:12  # team a`). A `#` glued to the
 *   text stays part of it, so the target parser rejects it with its own message;
 * - leading and trailing whitespace is dropped; what remains must be one word (no inner spaces)
 *   with no control characters, at most MAX_LINE_CHARS long.
 * Errors are one UsageError (exit 2) naming `file:line`, before anything is sent, and never the
 * line itself: the file may be one that holds secrets (`--targets-file .env`).
 */
export const MAX_LINE_CHARS = 1024;

/** The name used in messages: `<stdin>` for `-`, the path otherwise. */
export function targetsFileLabel(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

export interface TargetsFileEntry {
  /** The target or pattern text, as written. */
  value: string;
  /** 1-based line number. */
  line: number;
  /** `file:line`, for messages about this entry (e.g. a target the target parser refuses). */
  where: string;
}

export function parseTargetsFileEntries(text: string, path: string): TargetsFileEntry[] {
  const label = targetsFileLabel(path);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.includes('\u0000')) {
    throw new UsageError(`${label}: not a text file (it contains NUL bytes)`, { hint: 'a targets file lists one target or pattern a line' });
  }
  const entries: TargetsFileEntry[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const where = `${label}:${i + 1}`;
    let line = lines[i] as string;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const comment = line.search(/(^|\s)#/);
    if (comment >= 0) line = line.slice(0, comment);
    const value = line.trim();
    if (value === '') continue;
    if (value.length > MAX_LINE_CHARS)
      throw new UsageError(`${where}: line longer than ${MAX_LINE_CHARS} characters`, { hint: 'one target or pattern a line' });
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new UsageError(`${where}: control character in the line`, { hint: 'one target or pattern a line' });
    if (/\s/.test(value)) {
      throw new UsageError(`${where}: more than one word in the line`, {
        hint: 'put one target or pattern on each line; start a trailing comment with " #"',
      });
    }
    entries.push({ value, line: i + 1, where });
  }
  return entries;
}

/** The targets and patterns of a targets file, in file order (duplicates kept; the runner dedupes). */
export function parseTargetsFile(text: string, path: string): string[] {
  return parseTargetsFileEntries(text, path).map((entry) => entry.value);
}
