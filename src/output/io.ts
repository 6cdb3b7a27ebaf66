import { Chalk, type ChalkInstance } from 'chalk';
import { sanitizeOutput } from './sanitize.js';

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
  /** The terminal's width when stdout is one (tables fit it); undefined when piped. */
  readonly stdoutColumns: number | undefined;
  /** One chalk instance per run; level 0 when colour is off. */
  readonly color: ChalkInstance;
  out(text: string): void;
  err(text: string): void;
  /** Masks known secrets in a piece of text before it is measured, cut or serialized. */
  scrub(text: string): string;
}

export interface IoOptions {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /** --no-color. */
  noColor?: boolean | undefined;
  /** The run's redactor: every line written is scrubbed by it. */
  redactor?: Scrubber | undefined;
}

export function createIo(options: IoOptions): Io {
  const { stdout, stderr, env, redactor } = options;
  const stdoutIsTTY = stdout.isTTY === true;
  const stderrIsTTY = stderr.isTTY === true;
  // https://no-color.org: any non-empty NO_COLOR turns colour off; so do --no-color and pipes.
  const colorOff = options.noColor === true || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
  const level = colorOff || !(stdoutIsTTY || stderrIsTTY) ? 0 : 1;
  const scrub = (text: string) => (redactor ? redactor.scrub(text) : text);
  const clean = (text: string) => sanitizeOutput(scrub(text), { keepColor: level > 0 });
  const columns = stdoutIsTTY && typeof stdout.columns === 'number' && stdout.columns > 0 ? stdout.columns : undefined;
  return {
    stdoutIsTTY,
    stderrIsTTY,
    stdoutColumns: columns,
    color: new Chalk({ level }),
    out: (text) => void stdout.write(clean(text.endsWith('\n') ? text : `${text}\n`)),
    err: (text) => void stderr.write(clean(text.endsWith('\n') ? text : `${text}\n`)),
    scrub,
  };
}
