import type { GlobalFlags } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { ExitCode } from '../cli/exit-codes.js';
import { UsageError } from '../errors.js';
import type { Redactor } from '../http/redact.js';
import { createIo } from '../output/io.js';

export interface EmulatorOptions {
  port: number;
  latencyMs: number;
}

export function parseEmulatorOptions(flags: { port?: string; latency?: string }): EmulatorOptions {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: must be a port number from 0 to 65535 (got "${flags.port}")`);
  const latencyMs = flags.latency === undefined ? 0 : Number(flags.latency);
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000) {
    throw new UsageError(`--latency: must be a whole number of milliseconds from 0 to 60000 (got "${flags.latency}")`);
  }
  return { port, latencyMs };
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
  const emulator = createEmulator({ now: deps.now, latencyMs: options.latencyMs });
  const server = await startEmulatorServer({ port: options.port, handle: emulator.handle });
  io.err(`hookctl emulator listening on ${server.url} (Codeup v3 + Yunxiao, CodeArts Repo v4, ServiceStage v1, IAM)`);
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
  return runEmulator(parseEmulatorOptions(input.opts), deps, input.globals.color === false);
}
