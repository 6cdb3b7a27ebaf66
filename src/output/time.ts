/**
 * Times as a person or a script wants them: on a terminal relative (`3 days ago`), piped ISO 8601
 * with the offset of the user's time zone. A time without a zone (Codeup's `2022-03-18 14:24:54`)
 * names no instant, so it is printed as the provider gave it rather than guessed.
 */

export interface TimeOptions {
  /** The run's clock; without one, times are printed as ISO even on a terminal. */
  now?: (() => Date) | undefined;
  /** An IANA zone (`Europe/Berlin`); default UTC. */
  timeZone?: string | undefined;
}

const WITH_ZONE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/i;

/** The instant a provider time names, or undefined when it names none (no zone, unreadable). */
export function parseTime(text: string): Date | undefined {
  if (!WITH_ZONE.test(text.trim())) return undefined;
  const at = Date.parse(text.trim().replace(' ', 'T'));
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** `2026-12-04T10:00:00+01:00`: the instant in `timeZone`, to the second. */
export function isoInZone(date: Date, timeZone = 'UTC'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

let relative: Intl.RelativeTimeFormat | undefined;

/** `3 days ago`, `in 5 minutes`, `just now` (under 10 seconds either way). */
export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  relative ??= new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size) ?? ['second', 1];
  return relative.format(Math.trunc(seconds / size), unit);
}

/** A provider time for a table: relative on a terminal, ISO with the user's offset piped, raw when it names no instant. */
export function showTime(text: string, tty: boolean, options: TimeOptions, detail = false): string {
  const at = parseTime(text);
  if (at === undefined) return text;
  const iso = isoInZone(at, options.timeZone);
  if (!tty || !options.now) return iso;
  const ago = relativeTime(at, options.now());
  return detail ? `${ago} (${iso})` : ago;
}
