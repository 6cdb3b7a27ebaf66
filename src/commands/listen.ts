import { ExitCode, UsageError } from '../errors.js';
import type { ProviderId } from '../model/target.js';
import { DELIVERY_TOKEN_TYPES, isProviderId, PROVIDER_CATALOG, PROVIDER_IDS } from '../runtime/catalog.js';
import type { ParseContext, RunContext } from '../runtime/context.js';
import { int, list, oneOf, text, type VerbInput } from '../runtime/flags.js';
import { secretFromEnv } from './secret-env.js';

export interface ListenOptions {
  port: number;
  host: string;
  provider: ProviderId | undefined;
  tokenHeader: string | undefined;
  /** The secret values (never printed); registered with the redactor. */
  secrets: string[];
  forwardTo: URL | undefined;
}

export const flags = {
  port: int('--port <n>', 'port to listen on (default 8787; 0 for any free port)', 0, 65535, 'a port number from 0 to 65535'),
  host: text('--host <address>', 'address to listen on (default 127.0.0.1; anything else is reachable from other machines)'),
  provider: oneOf('--provider <provider>', 'check deliveries as this provider sends them (default: told by the headers)', PROVIDER_IDS),
  secretEnv: list('--secret-env <VAR>', 'accept the secret held in this environment variable (repeatable: old and new during a rotation)'),
  tokenHeader: text(
    '--token-header <name>',
    DELIVERY_TOKEN_TYPES.map(({ name, tokenTypes }) => `${name}: the header the hook's token_type names (default: any of ${tokenTypes.join(', ')})`).join('; '),
  ),
  forwardTo: text('--forward-to <url>', 'relay each accepted delivery, every header kept, to this URL'),
} as const;

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;

export function parse(input: VerbInput<typeof flags>, ctx: ParseContext): ListenOptions {
  const { port = 8787, host = '127.0.0.1', provider, tokenHeader, forwardTo } = input.flags;
  if (provider !== undefined && !isProviderId(provider)) throw new UsageError(`--provider: unknown provider "${provider}"`);
  if (tokenHeader !== undefined && !HEADER_NAME.test(tokenHeader)) throw new UsageError('--token-header: must be a header name (letters, digits and -)');
  const secrets: string[] = [];
  for (const name of input.flags.secretEnv ?? []) {
    secrets.push(secretFromEnv(name, ctx, '--secret-env'));
  }
  let forward: URL | undefined;
  if (forwardTo !== undefined) {
    try {
      forward = new URL(forwardTo);
    } catch {
      forward = undefined;
    }
    if (!forward || (forward.protocol !== 'http:' && forward.protocol !== 'https:')) throw new UsageError('--forward-to: must be an absolute http(s) URL');
    ctx.redactor.addUrlCredentials(forwardTo);
  }
  return { port, host, provider, tokenHeader, secrets, forwardTo: forward };
}

/**
 * A local receiver: one line per delivery on stdout (NDJSON with --json), notes on stderr. Runs
 * until Ctrl-C, then exits 130 with the count of deliveries received.
 */
export async function run(options: ListenOptions, ctx: RunContext): Promise<number> {
  const { deps, io } = ctx;
  const json = (await ctx.outputFormat()) === 'json';
  const [{ startReceiver }, { formatDelivery }] = await Promise.all([import('../deliveries/receiver.js'), import('../deliveries/format.js')]);
  // Relayed answers are passed back to the sender: up to 25 MiB, like the deliveries received.
  const transport = options.forwardTo
    ? (await import('../deliveries/transport.js')).deliveryTransport(deps.transport, { maxResponseBytes: 25 * 1024 * 1024 })
    : undefined;
  let count = 0;
  const receiver = await startReceiver({
    host: options.host,
    port: options.port,
    senders: PROVIDER_CATALOG,
    provider: options.provider,
    tokenHeader: options.tokenHeader,
    secrets: options.secrets,
    forwardTo: options.forwardTo,
    transport,
    now: deps.now,
    onDelivery: (delivery) => {
      count += 1;
      io.out(json ? JSON.stringify(delivery) : formatDelivery(delivery, io.color));
    },
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`--port: port ${options.port} is already in use (pick another, or 0 for any free port)`);
    if (error.code === 'EACCES') throw new UsageError(`--port: port ${options.port} needs privileges to listen on (use one above 1023, or 0)`);
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
      throw new UsageError(`--host: cannot listen on ${options.host} (not an address of this machine)`);
    throw error;
  });
  const { isLoopbackHost } = await import('../emulator/server.js');
  if (!isLoopbackHost(options.host)) io.err(`${io.color.yellow('warning:')} listening on ${options.host}: other machines can reach this receiver`);
  const checks = options.secrets.length > 0 ? `${options.secrets.length} secret(s)` : 'no secret: deliveries are accepted unchecked';
  io.err(
    `hookctl listen: receiving deliveries at ${receiver.url} (${options.provider ?? 'any provider'}, ${checks}${options.forwardTo ? `, forwarding to ${options.forwardTo.href}` : ''}); Ctrl-C to stop`,
  );
  await new Promise<void>((resolve) => {
    if (deps.signal.aborted) return resolve();
    deps.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await receiver.close();
  io.err(`stopped after ${count} ${count === 1 ? 'delivery' : 'deliveries'}`);
  const signal = (deps.signal.reason as { signal?: unknown } | undefined)?.signal;
  return signal === 'SIGTERM' ? ExitCode.terminated : ExitCode.interrupted;
}
