/**
 * The fleet progress line on stderr, and the closing summary line.
 *
 * On a TTY one line is rewritten in place (`\r`, erase line), at most once per `intervalMs`
 * (default 100 ms, 10 Hz) by the injected clock:
 *   targets 120/1000  hooks 342  findings 17  errors 2  31.5 targets/s
 * While discovery still runs the total is `?` (`targets 120/?`). `findings` appears only for
 * commands that judge hooks (audit). The line is cut to `columns` so it never wraps (a wrapped
 * line cannot be rewritten with `\r`). Nothing is drawn when stderr is not a TTY (CI logs, pipes).
 *
 * `finish()` erases the line and writes the summary, on a TTY or not:
 *   1000 targets (2 failed), 3400 hooks, 17 findings in 28.4 s (35.2 targets/s)
 * `log(text)` writes a message line (a failed target's name) without mangling the progress line.
 *
 * Pure: writer, isTTY and clock are injected; there is no timer. Counts are drawn when they change
 * (throttled); a caller that wants the rate to move while nothing finishes calls `tick()`.
 */
export interface ProgressOptions {
  write: (text: string) => void;
  isTTY: boolean;
  /** Milliseconds, monotonic. */
  now: () => number;
  intervalMs?: number | undefined;
  /** Show the findings counter (audit). */
  findings?: boolean | undefined;
  /** Terminal width; the line is cut to columns − 1. */
  columns?: number | undefined;
}

export interface ProgressCounts {
  targetsDone: number;
  /** Undefined while discovery still runs. */
  targetsTotal: number | undefined;
  hooks: number;
  findings: number;
  errors: number;
}

export interface TargetOutcome {
  hooks?: number | undefined;
  findings?: number | undefined;
  /** The target could not be read. */
  failed?: boolean | undefined;
}

export interface Progress {
  /** Discovery found `n` more targets. */
  discovered(n?: number): void;
  /** Discovery finished: the total is known. */
  discoveryDone(): void;
  targetDone(outcome?: TargetOutcome): void;
  /** Redraws if the throttle allows (e.g. from a caller's interval timer). */
  tick(): void;
  /** Writes one line of text above the progress line. */
  log(text: string): void;
  counts(): ProgressCounts;
  /** Erases the progress line and writes the summary line; returns it (without newline). */
  finish(options?: { interrupted?: boolean }): string;
}

const ERASE = '\r\u001b[2K';

export function createProgress(options: ProgressOptions): Progress {
  const intervalMs = options.intervalMs ?? 100;
  const startedAt = options.now();
  let discovered = 0;
  let discoveryFinished = false;
  const c = { targetsDone: 0, hooks: 0, findings: 0, errors: 0 };
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let drawn = '';
  let finished = false;

  const counts = (): ProgressCounts => ({ ...c, targetsTotal: discoveryFinished ? discovered : undefined });

  const rate = (at: number): string => {
    const seconds = (at - startedAt) / 1000;
    return seconds > 0 ? (c.targetsDone / seconds).toFixed(1) : '0.0';
  };

  const line = (at: number): string => {
    const parts = [`targets ${c.targetsDone}/${discoveryFinished ? discovered : '?'}`, `hooks ${c.hooks}`];
    if (options.findings) parts.push(`findings ${c.findings}`);
    parts.push(`errors ${c.errors}`, `${rate(at)} targets/s`);
    const text = parts.join('  ');
    const max = options.columns && options.columns > 1 ? options.columns - 1 : Number.POSITIVE_INFINITY;
    return text.length > max ? text.slice(0, max) : text;
  };

  const draw = (force: boolean) => {
    if (!options.isTTY || finished) return;
    const at = options.now();
    if (!force && at - lastDrawAt < intervalMs) return;
    lastDrawAt = at;
    const text = line(at);
    if (text === drawn && !force) return;
    drawn = text;
    options.write(`${ERASE}${text}`);
  };

  return {
    discovered(n = 1) {
      discovered += n;
      draw(false);
    },
    discoveryDone() {
      discoveryFinished = true;
      draw(false);
    },
    targetDone(outcome = {}) {
      c.targetsDone++;
      c.hooks += outcome.hooks ?? 0;
      c.findings += outcome.findings ?? 0;
      if (outcome.failed) c.errors++;
      draw(false);
    },
    tick() {
      draw(false);
    },
    log(text) {
      if (options.isTTY && drawn !== '' && !finished) {
        options.write(`${ERASE}${text}\n`);
        draw(true);
      } else {
        options.write(`${text}\n`);
      }
    },
    counts,
    finish({ interrupted = false } = {}) {
      const at = options.now();
      const seconds = (at - startedAt) / 1000;
      let summary = `${c.targetsDone} target${c.targetsDone === 1 ? '' : 's'}`;
      if (c.errors > 0) summary += ` (${c.errors} failed)`;
      summary += `, ${c.hooks} hook${c.hooks === 1 ? '' : 's'}`;
      if (options.findings) summary += `, ${c.findings} finding${c.findings === 1 ? '' : 's'}`;
      summary += ` in ${seconds.toFixed(1)} s (${rate(at)} targets/s)`;
      if (interrupted) summary += ', interrupted';
      if (!finished) {
        finished = true;
        options.write(`${options.isTTY && drawn !== '' ? ERASE : ''}${summary}\n`);
      }
      return summary;
    },
  };
}
