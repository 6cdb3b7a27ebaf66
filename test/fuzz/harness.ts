/**
 * Shared rules for the fuzz suite. Every case runs hookctl in process (runMain) and must end the
 * way the README promises: a documented exit code, and on failure one `error:` line (plus an
 * optional hint) on stderr, with no stack trace, no control characters and no hang.
 *
 * Deterministic: one fixed seed (HOOKCTL_FUZZ_SEED overrides it, to replay or explore) and a fixed
 * number of runs per property (HOOKCTL_FUZZ_RUNS). On failure fast-check prints the seed, the path
 * and the shrunk counterexample; rerun with that seed to reproduce.
 */
import fc from 'fast-check';
import { type RunOptions, type RunResult, runMain } from '../helpers/cli.js';

export const SEED = Number(process.env.HOOKCTL_FUZZ_SEED ?? 20_240_611);
export const RUNS = Number(process.env.HOOKCTL_FUZZ_RUNS ?? 1000);

/** fc.assert with the suite's seed and run count; the seed is also named in the failure message. */
export async function check<T>(property: fc.IAsyncPropertyWithHooks<T> | fc.IPropertyWithHooks<T>, runs = RUNS): Promise<void> {
  try {
    await fc.assert(property as fc.IAsyncProperty<T>, { seed: SEED, numRuns: runs, endOnFailure: false });
  } catch (error) {
    if (error instanceof Error) error.message = `fuzz seed ${SEED} (replay: HOOKCTL_FUZZ_SEED=${SEED})\n${error.message}`;
    throw error;
  }
}

/** Per test (a whole property): generous, because CI machines are shared; one case has its own limit. */
export const PROPERTY_TIMEOUT_MS = 180_000;

export const DOCUMENTED_CODES = [0, 1, 2, 3, 4, 5, 6];
export const CASE_TIMEOUT_MS = 5000;

/** runMain with a per-case time limit: a hang fails the property instead of the whole file. */
export async function runCase(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let timer: NodeJS.Timeout | undefined;
  // Aborted on a hang, as Ctrl-C would, so a runaway loop does not go on in the background.
  const controller = new AbortController();
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`hung for ${CASE_TIMEOUT_MS} ms: hookctl ${argv.join(' ')}`));
    }, CASE_TIMEOUT_MS);
  });
  // process.emitWarning writes "(node:PID) …" straight to the real stderr, past hookctl's output.
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  try {
    const run = runMain(argv, { ...options, env: { NO_COLOR: '1', ...options.env }, deps: { signal: controller.signal, ...options.deps } });
    const result = await Promise.race([run, limit]);
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    if (warnings.length > 0) throw new Error(`hookctl ${JSON.stringify(argv)} emitted a process warning: ${warnings.join('; ')}`);
    return result;
  } finally {
    process.off('warning', onWarning);
    clearTimeout(timer);
  }
}

// Control characters other than tab and newline: a terminal would act on them.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const STACK_FRAME = /^\s+at /m;
/** Lines stderr may hold besides the error itself. */
// `secret: …` is update's documented line on what became of the secret.
const ALLOWED_EXTRA = [/^hint: /, /^secret: /, /^warning: /, /^note: /, /^failed: /, /^\d+ targets? .* in \d+\.\d s \(/];

/** The fleet progress line on a TTY (fleet/progress.ts): `\r` + erase-line, then text; the last text before a newline stays. */
const ERASE = '\r\u001b[2K';
function withoutProgress(stderr: string): string {
  return stderr
    .split(ERASE)
    .map((part, i, parts) => (i > 0 && i < parts.length - 1 && !part.includes('\n') ? '' : part))
    .join('');
}

/**
 * The contract of a finished run. Returns a description of what is wrong, or undefined. Without
 * --debug a failure is exactly one `error:` line (or, with -o json, one JSON object) plus optional
 * hint and warning lines; never a stack frame or an "unexpected error" (a crash).
 */
export function violation(result: RunResult, options: { json?: boolean; debug?: boolean; table?: boolean } = {}): string | undefined {
  const { code } = result;
  const stderr = withoutProgress(result.stderr);
  // Tables are for terminals: a provider's text must not smuggle escape sequences into them.
  const inTable = options.table ? CONTROL.exec(result.stdout) : null;
  if (inTable) return `control characters in table output: ${JSON.stringify(result.stdout.slice(Math.max(0, inTable.index - 200), inTable.index + 50))}`;
  if (!DOCUMENTED_CODES.includes(code)) return `exit code ${code} is not one of ${DOCUMENTED_CODES.join(', ')}`;
  if (stderr.includes('unexpected error')) return `a crash reported as an unexpected error:\n${stderr}`;
  const control = CONTROL.exec(stderr);
  if (control) return `control characters on stderr: ${JSON.stringify(stderr.slice(Math.max(0, control.index - 300), control.index + 100))}`;
  if (options.debug) return undefined;
  if (STACK_FRAME.test(stderr)) return `a stack trace without --debug:\n${stderr}`;
  if (code === 0) return undefined;
  const lines = stderr.replace(/\n$/, '').split('\n');
  const errors = lines.filter((line) => (options.json ? line.startsWith('{"error":') : line.startsWith('error: ')));
  if (errors.length !== 1) return `expected one error line, got ${errors.length}:\n${stderr}`;
  const stray = lines.filter((line) => !errors.includes(line) && !ALLOWED_EXTRA.some((re) => re.test(line)));
  if (stray.length > 0) return `stray stderr lines (a multi-line dump?): ${JSON.stringify(stray)}`;
  if (options.json) {
    const parsed = JSON.parse(errors[0] as string) as { error?: { code?: unknown; message?: unknown } };
    if (typeof parsed.error?.code !== 'string' || typeof parsed.error.message !== 'string') return `malformed JSON error: ${errors[0]}`;
  }
  return undefined;
}

/** For use inside a property: throws with the run's output when the contract is broken. */
export function expectClean(result: RunResult, argv: string[], options: { json?: boolean; debug?: boolean; table?: boolean } = {}): void {
  const problem = violation(result, options);
  if (problem) throw new Error(`hookctl ${JSON.stringify(argv)} → exit ${result.code}: ${problem}`);
}

/** Strings a user (or a script with a bug) might pass: unicode, control characters, lone surrogates, long runs. */
export const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom('\n', '\r', '\t', '\u0000', '\u001b', '\u2028', '\ufeff', '\ud800', '%', '/', ':', '\\'), maxLength: 10 }),
  },
  { weight: 1, arbitrary: fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)) },
);
