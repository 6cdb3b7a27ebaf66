import { HOSTILE_MODES, type HostileMode } from '../emulator/hostile-modes.js';
import { ExitCode, UsageError } from '../errors.js';
import type { RunContext } from '../runtime/context.js';
import { bool, int, list, oneOf, text, type VerbInput } from '../runtime/flags.js';

export interface EmulatorOptions {
  port: number;
  latencyMs: number;
  /** --fault SPECs, already checked (emulator/fault-spec.ts). */
  faults: string[];
  seed: number | undefined;
  /** --fleet N / --fleet-file F (emulator/fleet.ts) and --strict. */
  fleet?: { size: number; seed?: number } | { file: string } | undefined;
  strict?: boolean | undefined;
  /** --hostile MODE (emulator/hostile.ts). */
  hostile?: HostileMode | undefined;
}

export const flags = {
  port: int('--port <n>', 'port to listen on (default: a free port)', 0, 65535, 'a port number from 0 to 65535'),
  latency: int('--latency <ms>', 'delay every response by this many milliseconds', 0, 60_000, 'a whole number of milliseconds from 0 to 60000'),
  fault: list('--fault <spec>', 'inject a fault, e.g. 503:times=2,method=GET or rate=0.1:reset-after (repeatable)'),
  seed: int(
    '--seed <n>',
    'seed for rate= faults, so a rehearsal fails the same requests each run (default 1)',
    0,
    0xffffffff,
    'a whole number from 0 to 4294967295',
  ),
  fleet: int(
    '--fleet <n>',
    'serve N repositories per provider with a seeded mix of hooks (--seed picks the mix; strict mode)',
    1,
    100_000,
    'a whole number of repositories from 1 to 100000',
  ),
  fleetFile: text('--fleet-file <file>', 'load a fleet from a JSON or YAML file (strict mode)'),
  hostile: oneOf('--hostile <mode>', `answer as a hostile provider would: ${HOSTILE_MODES.join(', ')} (README "Hostile modes")`, HOSTILE_MODES),
  strict: bool('--strict', 'unknown repositories and groups answer "not found" (always on with a fleet)'),
} as const;

export async function parse(input: VerbInput<typeof flags>): Promise<EmulatorOptions> {
  const { port = 0, latency: latencyMs = 0, seed } = input.flags;
  const faults = input.flags.fault ?? [];
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
  const { fleet: size, fleetFile, strict } = input.flags;
  if (size !== undefined && fleetFile !== undefined) throw new UsageError('--fleet and --fleet-file: give one or the other');
  const fleet = size !== undefined ? { size, ...(seed !== undefined && { seed }) } : fleetFile !== undefined ? { file: fleetFile } : undefined;
  return { port, latencyMs, faults, seed, fleet, strict: strict === true ? true : undefined, hostile: input.flags.hostile };
}

/**
 * Serves the emulator on loopback until Ctrl-C. The environment to point hookctl at it goes to
 * stdout as `export` lines (a script can capture them); the banner goes to stderr.
 */
export async function run(options: EmulatorOptions, ctx: RunContext): Promise<number> {
  const { deps } = ctx;
  const noColor = ctx.flags.color === false;
  const [{ createIo }, { createEmulator }, { startEmulatorServer }, { emulatorEnv }] = await Promise.all([
    import('../output/io.js'),
    import('../emulator/handle.js'),
    import('../emulator/server.js'),
    import('../emulator/credentials.js'),
  ]);
  const io = createIo({ stdout: deps.stdout, stderr: deps.stderr, env: deps.env, noColor });
  let emulator: ReturnType<typeof createEmulator>;
  try {
    emulator = createEmulator({
      now: deps.now,
      latencyMs: options.latencyMs,
      faults: options.faults,
      faultSeed: options.seed,
      fleet: options.fleet,
      strict: options.strict,
      hostile: options.hostile,
    });
  } catch (error) {
    // Only loading a fleet can fail here (fault specs were checked above): a bad or unreadable file.
    throw new UsageError(`--fleet-file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const server = await startEmulatorServer({ port: options.port, handle: emulator.handle }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`--port: port ${options.port} is already in use (pick another, or 0 for any free port)`);
    if (error.code === 'EACCES') throw new UsageError(`--port: port ${options.port} needs privileges to listen on (use one above 1023, or 0)`);
    throw error;
  });
  const { EMULATED_APIS } = await import('../emulator/apis.js');
  io.err(`hookctl emulator listening on ${server.url} (${EMULATED_APIS})`);
  const { seed, faults } = emulator.faults.status();
  if (faults.length > 0) io.err(`faults (seed ${seed}): ${faults.map((f) => f.spec).join('; ')}; change them at ${server.url}/_emulator/faults`);
  if (options.hostile !== undefined) {
    const { HOSTILE_MODE_HELP } = await import('../emulator/hostile-modes.js');
    io.err(`hostile mode ${options.hostile}: ${HOSTILE_MODE_HELP[options.hostile]}`);
  }
  if (emulator.fleet)
    io.err(`${(await import('../emulator/fleet.js')).describeFleet(emulator.fleet.summary)}; strict mode; listed at ${server.url}/_emulator/state`);
  else if (emulator.store.strict) io.err('strict mode: unknown repositories and groups answer "not found"');
  io.err('point hookctl at it with these variables; stop with Ctrl-C:');
  // One write, after the server listens: a script waiting for the file to be non-empty
  // (`until [ -s emulator.env ]`) then reads every line, never half of them.
  io.out(
    Object.entries(emulatorEnv(server.url, emulator.credentials))
      .map(([name, value]) => `export ${name}=${value}`)
      .join('\n'),
  );
  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) return resolve();
    deps.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  io.err('emulator stopped');
  return ExitCode.ok;
}
