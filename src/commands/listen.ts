import { ExitCode, UsageError } from '../errors.js';
import type { ProviderId } from '../model/target.js';
import { DELIVERY_TOKEN_TYPES, isProviderId, PROVIDER_CATALOG, PROVIDER_IDS } from '../runtime/catalog.js';
import type { ParseContext, RunContext } from '../runtime/context.js';
import { bool, int, list, oneOf, text, type VerbInput } from '../runtime/flags.js';
import { secretFromEnv } from './secret-env.js';

export interface ListenOptions {
  port: number;
  host: string;
  provider: ProviderId | undefined;
  tokenHeader: string | undefined;
  /** The secret values (never printed); registered with the redactor. */
  secrets: string[];
  forwardTo: URL | undefined;
  /** --forward-header: credentials relayed all the same. */
  forwardHeaders: string[];
  limits: { maxBodyBytes: number; maxUnverifiedBytes: number; maxConcurrent: number; readTimeoutMs: number };
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
  noVerify: bool('--no-verify', 'accept deliveries unchecked (needed when no --secret-env is given)'),
  forwardTo: text('--forward-to <url>', 'relay each accepted delivery to this URL (credential and per-connection headers dropped)'),
  forwardHeader: list('--forward-header <name>', 'relay this header too although it is a credential (Authorization, Cookie, a token header; repeatable)'),
  maxBodyMib: int('--max-body-mib <n>', 'largest delivery body read once its token checked out (default 25)', 1, 1024),
  maxUnverifiedKib: int('--max-unverified-kib <n>', 'largest body read before it can be checked: HMAC-signed deliveries (default 1024)', 1, 1024 * 1024),
  maxConcurrent: int('--max-concurrent <n>', 'requests handled at once; more are answered 503 (default 8)', 1, 1024),
  readTimeout: int('--read-timeout <seconds>', 'time a sender has for a whole request; slower ones get 408 (default 10)', 1, 3600),
} as const;

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;

export function parse(input: VerbInput<typeof flags>, ctx: ParseContext): ListenOptions {
  const { port = 8787, host = '127.0.0.1', provider, tokenHeader, forwardTo, noVerify } = input.flags;
  if (provider !== undefined && !isProviderId(provider)) throw new UsageError(`--provider: unknown provider "${provider}"`);
  if (tokenHeader !== undefined && !HEADER_NAME.test(tokenHeader)) throw new UsageError('--token-header: must be a header name (letters, digits and -)');
  const secrets: string[] = [];
  for (const name of input.flags.secretEnv ?? []) {
    secrets.push(secretFromEnv(name, ctx, '--secret-env'));
  }
  if (noVerify === false && secrets.length > 0) throw new UsageError('--no-verify: cannot be combined with --secret-env');
  if (noVerify !== false && secrets.length === 0)
    throw new UsageError('--secret-env: required (the variable holding the hook secret); pass --no-verify to accept deliveries unchecked');
  const forwardHeaders = input.flags.forwardHeader ?? [];
  for (const name of forwardHeaders) if (!HEADER_NAME.test(name)) throw new UsageError('--forward-header: must be a header name (letters, digits and -)');
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
  const { maxBodyMib = 25, maxUnverifiedKib = 1024, maxConcurrent = 8, readTimeout = 10 } = input.flags;
  const limits = { maxBodyBytes: maxBodyMib * 1024 * 1024, maxUnverifiedBytes: maxUnverifiedKib * 1024, maxConcurrent, readTimeoutMs: readTimeout * 1000 };
  return { port, host, provider, tokenHeader, secrets, forwardTo: forward, forwardHeaders, limits };
}

/**
 * A local receiver: one line per delivery on stdout (NDJSON with --json), notes on stderr. Runs
 * until Ctrl-C, then exits 130 with the count of deliveries received.
 */
export async function run(options: ListenOptions, ctx: RunContext): Promise<number> {
  const { deps, io } = ctx;
  const json = (await ctx.outputFormat()) === 'json';
  const [{ startReceiver }, { formatDelivery }] = await Promise.all([import('../deliveries/receiver.js'), import('../deliveries/format.js')]);
  // Relayed answers are passed back to the sender: up to the size of the deliveries received.
  const transport = options.forwardTo
    ? (await import('../deliveries/transport.js')).deliveryTransport(deps.transport, { maxResponseBytes: options.limits.maxBodyBytes })
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
    forwardHeaders: options.forwardHeaders,
    limits: options.limits,
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
  const offMachine = options.forwardTo && (await forwardWarning(options.forwardTo, isLoopbackHost));
  if (offMachine) io.err(`${io.color.yellow('warning:')} ${offMachine}`);
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

/**
 * Why relaying to this target deserves a warning: it is off this machine and either cleartext
 * (deliveries cross the network readable) or at a private address (another host inside the network).
 * Names are judged as written, not looked up.
 */
async function forwardWarning(target: URL, isLoopbackHost: (host: string) => boolean): Promise<string | undefined> {
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isLoopbackHost(host)) return undefined;
  const { isIpLiteral } = await import('../fleet/address.js');
  const { specialPurpose } = await import('../deliveries/destination.js');
  const special = isIpLiteral(host) ? specialPurpose(host) : undefined;
  const shown = `${target.protocol}//${target.host}`;
  if (target.protocol === 'http:' && special) return `forwarding to ${shown}: cleartext http to ${special}, off this machine`;
  if (target.protocol === 'http:') return `forwarding to ${shown}: cleartext http, off this machine (deliveries cross the network unencrypted)`;
  return special ? `forwarding to ${shown}: ${special}, off this machine` : undefined;
}
