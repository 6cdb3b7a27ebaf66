import type { ChalkInstance } from 'chalk';
import { sanitizeOutput } from './sanitize.js';
import { showTime } from './time.js';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** What masks secrets in printed text (the run's Redactor); structural, so output/ needs no http/. */
export interface Scrubber {
  scrub(text: string): string;
}

/**
 * The one place output goes through: data to stdout, everything else to stderr (gh convention).
 * Every write is scrubbed of known secrets and sanitized (output/sanitize.ts) here, so no caller
 * can forget to.
 */
export interface Io {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** The terminal's width when stdout is one (tables fit it): `COLUMNS`, else the terminal's, else 80; undefined when piped. */
  readonly stdoutColumns: number | undefined;
  /** One chalk instance per run when colour is on; when it is off, a stand-in that returns text as it is (chalk is not loaded). */
  readonly color: ChalkInstance;
  out(text: string): void;
  err(text: string): void;
  /** Masks known secrets in a piece of text before it is measured, cut or serialized. */
  scrub(text: string): string;
  /**
   * A provider time for stdout: relative on a terminal (`3 days ago`), ISO with the user's offset
   * piped (output/time.ts). `detail`: on a terminal both, `3 days ago (2026-12-04T10:00:00+01:00)`.
   */
  time(text: string, detail?: boolean): string;
}

export interface IoOptions {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /** --no-color. */
  noColor?: boolean | undefined;
  /** The run's redactor: every line written is scrubbed by it. */
  redactor?: Scrubber | undefined;
  /** The run's clock and the user's time zone, for times in tables (without a clock they print as ISO). */
  now?: (() => Date) | undefined;
  timeZone?: string | undefined;
}

/** Tables assume this width on a terminal that does not say its own. */
const DEFAULT_COLUMNS = 80;

/** `COLUMNS` (a positive whole number) wins, as in ls and gh; then the terminal's own width. */
function terminalColumns(stdout: OutStream, env: Record<string, string | undefined>): number | undefined {
  if (stdout.isTTY !== true) return undefined;
  const fromEnv = /^\d{1,5}$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0;
  if (fromEnv > 0) return fromEnv;
  return typeof stdout.columns === 'number' && stdout.columns > 0 ? stdout.columns : DEFAULT_COLUMNS;
}

/** 1 (16 colours) when this run's output is coloured, else 0 (https://no-color.org, --no-color, TERM=dumb, pipes). */
function colorLevel(options: IoOptions): 0 | 1 {
  // https://no-color.org: any non-empty NO_COLOR turns colour off; so do --no-color and pipes.
  const colorOff = options.noColor === true || (options.env.NO_COLOR ?? '') !== '' || options.env.TERM === 'dumb';
  return colorOff || !(options.stdout.isTTY === true || options.stderr.isTTY === true) ? 0 : 1;
}

let chalkClass: typeof import('chalk').Chalk | undefined;

/**
 * Loads chalk when output to these streams is coloured: createIo needs it then. The entry point
 * awaits this once per run, so a run whose output is plain (pipes, NO_COLOR) never loads chalk.
 */
export async function loadColor(options: IoOptions): Promise<void> {
  if (colorLevel(options) > 0) chalkClass ??= (await import('chalk')).Chalk;
}

/** chalk at level 0, without chalk: every style (chained or not) returns its text as it is. */
const plainStyle = (...text: unknown[]): string => (text.length === 1 ? `${text[0]}` : text.join(' '));
// Symbols and `then` read as absent, so the stand-in is never mistaken for a promise or an iterable.
const PLAIN: ChalkInstance = new Proxy(plainStyle, {
  get: (_target, key) => (key === 'level' ? 0 : typeof key === 'symbol' || key === 'then' ? undefined : PLAIN),
}) as unknown as ChalkInstance;

function painter(level: 0 | 1): ChalkInstance {
  if (level === 0) return PLAIN;
  if (!chalkClass) throw new Error('colour output needs loadColor() to have been awaited first');
  return new chalkClass({ level });
}

export function createIo(options: IoOptions): Io {
  const { stdout, stderr, redactor } = options;
  const stdoutIsTTY = stdout.isTTY === true;
  const stderrIsTTY = stderr.isTTY === true;
  const level = colorLevel(options);
  const scrub = (text: string) => (redactor ? redactor.scrub(text) : text);
  const clean = (text: string) => sanitizeOutput(scrub(text), { keepColor: level > 0 });
  const columns = terminalColumns(stdout, options.env);
  return {
    stdoutIsTTY,
    stderrIsTTY,
    stdoutColumns: columns,
    color: painter(level),
    out: (text) => void stdout.write(clean(text.endsWith('\n') ? text : `${text}\n`)),
    err: (text) => void stderr.write(clean(text.endsWith('\n') ? text : `${text}\n`)),
    scrub,
    time: (text, detail) => showTime(text, stdoutIsTTY, options, detail === true),
  };
}
