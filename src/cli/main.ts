import { createRequire } from 'node:module';
import type { Command, CommanderError } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { REDACTION_FAILED, Redactor } from '../http/redact.js';
import type { Deps } from '../runtime/deps.js';

/** From package.json, the one place the version is written (same path from src/ and dist/). */
export const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/**
 * Runs one hookctl invocation and returns its exit code. This is the only place an error becomes
 * an exit code; everything below throws typed errors.
 */
export async function main(typed: string[], deps: Deps): Promise<number> {
  const argv = await withJsonFields(typed);
  const redactor = new Redactor();
  // chalk loads only when output may be coloured (a terminal, no NO_COLOR); --no-color is left to
  // the flag parser, so a run that turns colour off that way may load chalk without using it.
  const [{ buildProgram }] = await Promise.all([
    import('./program.js'),
    import('../output/io.js').then(({ loadColor }) => loadColor({ stdout: deps.stdout, stderr: deps.stderr, env: deps.env })),
  ]);
  let code: number = ExitCode.ok;
  const program = buildProgram(deps, redactor, VERSION, (c) => {
    code = c;
  });
  const wantsJson =
    argv.includes('--json') ||
    argv.some((a) => a === '--jq' || a.startsWith('--jq=')) ||
    argv.some((a, i) => (a === '-o' || a === '--output') && argv[i + 1] === 'json') ||
    argv.includes('--output=json');
  // Commander's own parse errors are reported below like every other error (one printable line,
  // a JSON object with -o json), so commander itself prints none.
  silenceParseErrors(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (caught) {
    let error = caught;
    if (isCommanderError(caught)) {
      // Help and version are successes; every other commander error is a usage error (exit 2).
      const ok = caught.code === 'commander.helpDisplayed' || caught.code === 'commander.version' || caught.code === 'commander.help';
      if (ok) return ExitCode.ok;
      const { UsageError } = await import('../errors.js');
      let message = caught.message.replace(/^error: /, '');
      const unknown = caught.code === 'commander.unknownCommand' ? /unknown command '([^']*)'/.exec(message) : null;
      if (unknown) {
        // commander's own guess only looks at one level; ours names the full path (`hooks create`).
        const { nearestCommand, groupOf } = await import('./suggest.js');
        const word = unknown[1] as string;
        const under = groupOf(program, argv, word);
        const nearest = nearestCommand(program, word, under);
        message = `unknown command '${[...under, word].join(' ')}'${nearest ? ` (did you mean ${nearest}?)` : ''}`;
      }
      error = new UsageError(message, { hint: 'run with --help for usage' });
    }
    if (deps.signal.aborted) error = await asInterruption(error, deps.signal.reason);
    const [{ createIo }, { reportError }] = await Promise.all([import('../output/io.js'), import('./report.js')]);
    const io = createIo({ stdout: deps.stdout, stderr: deps.stderr, env: deps.env, noColor: argv.includes('--no-color'), redactor });
    try {
      return reportError(error, io, { debug: argv.includes('--debug'), json: wantsJson, redactor });
    } catch {
      // Redaction itself failed: no text of the error may be printed, since it may hold any secret.
      const line = wantsJson ? JSON.stringify({ error: { code: 'internal', message: REDACTION_FAILED, hint: null } }) : `error: ${REDACTION_FAILED}`;
      deps.stderr.write(`${line}\n`);
      return ExitCode.failure;
    }
  }
}

/** `--json FIELDS` as the hidden `--json-fields` (cli/json-argv.ts). */
async function withJsonFields(argv: string[]): Promise<string[]> {
  if (!argv.some((arg) => arg === '--json' || arg.startsWith('--json='))) return argv;
  return (await import('./json-argv.js')).rewriteJsonArgv(argv);
}

/** Every command of the tree: settings made after a subcommand was added are not inherited. */
function silenceParseErrors(command: Command): void {
  command.configureOutput({ outputError: () => {} }).showHelpAfterError(false);
  for (const sub of command.commands) silenceParseErrors(sub);
}

function isCommanderError(error: unknown): error is CommanderError {
  return (
    error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && (error as unknown as { code: string }).code.startsWith('commander.')
  );
}

/**
 * After Ctrl-C or SIGTERM, whatever failed because of it ends as one interruption line with exit
 * 130 (SIGINT) or 143 (SIGTERM). A command's own InterruptedError keeps its message ("interrupted:
 * 57 of 250 targets listed"); an error hookctl did not raise itself (an abort deep in a library)
 * becomes a plain "interrupted". Other typed errors keep their own message and exit code.
 */
async function asInterruption(error: unknown, reason: unknown): Promise<unknown> {
  const { HookctlError, InterruptedError } = await import('../errors.js');
  const signal = (reason as { signal?: unknown } | undefined)?.signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  if (error instanceof InterruptedError) return new InterruptedError(error.message, { hint: error.hint, details: error.details, signal });
  if (error instanceof HookctlError) return error;
  return new InterruptedError('interrupted', { signal });
}
