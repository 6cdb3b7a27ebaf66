/**
 * The names of the hostile provider modes (hostile.ts serves them), apart from the code so that
 * `hookctl emulator --help` lists them without loading the emulator.
 */
export const HOSTILE_MODES = [
  'oversized-page',
  'endless-pages',
  'repeated-pages',
  'group-cycles',
  'fan-out',
  'dotdot-ids',
  'long-secrets',
  'control-chars',
  'slow-drip',
  'huge-headers',
] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

/** One line per mode, for `--help` and the README table. */
export const HOSTILE_MODE_HELP: Readonly<Record<HostileMode, string>> = {
  'oversized-page': 'every list answers 5000 items, whatever page size was asked',
  'endless-pages': 'every page is full and says more follow; an unpaged list is an endless streamed array',
  'repeated-pages': 'every page answers the first page again and says more follow',
  'group-cycles': 'a CodeArts group lists itself among its subgroups; flat lists name each item twice',
  'fan-out': 'every discovery list holds 1000 items; each CodeArts group has 1000 subgroups, without end',
  'dotdot-ids': 'ids and names are "..", "../..", "%2e%2e" and "..\\.."',
  'long-secrets': 'hook secrets come back in clear, 10000 characters with % and \\',
  'control-chars': 'names, URLs and descriptions carry terminal escapes, control and bidi characters',
  'slow-drip': 'bodies arrive a few bytes at a time over 3 s',
  'huge-headers': 'every answer carries 256 KiB of headers',
};

export function isHostileMode(value: string): value is HostileMode {
  return (HOSTILE_MODES as readonly string[]).includes(value);
}
