import { Chalk, type ChalkInstance } from 'chalk';

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
  columns?: number | undefined;
}

/** The one place output goes through: data to stdout, everything else to stderr (gh convention). */
export interface Io {
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** One chalk instance per run; level 0 when colour is off. */
  readonly color: ChalkInstance;
  out(text: string): void;
  err(text: string): void;
}

export interface IoOptions {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  /** --no-color. */
  noColor?: boolean | undefined;
}

export function createIo(options: IoOptions): Io {
  const { stdout, stderr, env } = options;
  const stdoutIsTTY = stdout.isTTY === true;
  const stderrIsTTY = stderr.isTTY === true;
  // https://no-color.org: any non-empty NO_COLOR turns colour off; so do --no-color and pipes.
  const colorOff = options.noColor === true || (env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb';
  const level = colorOff || !(stdoutIsTTY || stderrIsTTY) ? 0 : 1;
  return {
    stdoutIsTTY,
    stderrIsTTY,
    color: new Chalk({ level }),
    out: (text) => void stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}
