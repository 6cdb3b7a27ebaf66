import type { GlobalFlags } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { ExitCode } from '../cli/exit-codes.js';
import { UsageError } from '../errors.js';
import type { Redactor } from '../http/redact.js';
import { createIo } from '../output/io.js';

export interface EmulatorOptions {
  port: number;
  latencyMs: number;
  /** --fault SPECs, already checked (emulator/fault-spec.ts). */
  faults: string[];
  seed: number | undefined;
}

export async function parseEmulatorOptions(flags: { port?: string; latency?: string; fault?: string[]; seed?: string }): Promise<EmulatorOptions> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: must be a port number from 0 to 65535 (got "${flags.port}")`);
  const latencyMs = flags.latency === undefined ? 0 : Number(flags.latency);
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000) {
    throw new UsageError(`--latency: must be a whole number of milliseconds from 0 to 60000 (got "${flags.latency}")`);
  }
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
    throw new UsageError(`--seed: must be a whole number from 0 to 4294967295 (got "${flags.seed}")`);
  }
  const faults = flags.fault ?? [];
  if (faults.length > 0) {
    const { parseFaultSpec } = await import('../emulator/fault-spec.js');
    for (const spec of faults) {
      try {
        parseFaultSpec(spec);
      } catch (error) {
        throw new UsageError(`--fault: ${error instanceof Error ? error.message : String(error)}`, {
          hint: 'SPEC is KIND[:key=value,...], e.g. 503:times=2,method=GET or rate=0.1:reset-after (see README "Reliability")',
        });
      }
    }
  }
  return { port, latencyMs, faults, seed };
}

/**
 * Serves the emulator on loopback until Ctrl-C. The environment to point hookctl at it goes to
 * stdout as `export` lines (a script can capture them); the banner goes to stderr.
 */
export async function runEmulator(options: EmulatorOptions, deps: Deps, noColor: boolean): Promise<number> {
  const [{ createEmulator }, { startEmulatorServer }, { emulatorEnv }] = await Promise.all([
    import('../emulator/handle.js'),
    import('../emulator/server.js'),
    import('../emulator/credentials.js'),
  ]);
  const io = createIo({ stdout: deps.stdout, stderr: deps.stderr, env: deps.env, noColor });
  const emulator = createEmulator({ now: deps.now, latencyMs: options.latencyMs, faults: options.faults, faultSeed: options.seed });
  const server = await startEmulatorServer({ port: options.port, handle: emulator.handle }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`--port: port ${options.port} is already in use (pick another, or 0 for any free port)`);
    if (error.code === 'EACCES') throw new UsageError(`--port: port ${options.port} needs privileges to listen on (use one above 1023, or 0)`);
    throw error;
  });
  const { EMULATED_APIS } = await import('../emulator/apis.js');
  io.err(`hookctl emulator listening on ${server.url} (${EMULATED_APIS})`);
  const { seed, faults } = emulator.faults.status();
  if (faults.length > 0) io.err(`faults (seed ${seed}): ${faults.map((f) => f.spec).join('; ')}; change them at ${server.url}/_emulator/faults`);
  io.err('point hookctl at it with these variables; stop with Ctrl-C:');
  for (const [name, value] of Object.entries(emulatorEnv(server.url, emulator.credentials))) io.out(`export ${name}=${value}`);
  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) return resolve();
    deps.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  io.err('emulator stopped');
  return ExitCode.ok;
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, _redactor: Redactor): Promise<number> {
  return runEmulator(await parseEmulatorOptions(input.opts), deps, input.globals.color === false);
}
