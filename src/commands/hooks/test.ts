import { DELIVERY_EVENTS, type DeliveryEvent } from '../../deliveries/facts.js';
import { ExitCode, UsageError } from '../../errors.js';
import type { Target } from '../../model/target.js';
import { DELIVERY_STYLES, parseTarget } from '../../runtime/catalog.js';
import type { ParseContext, RunContext } from '../../runtime/context.js';
import { bool, oneOf, text, type VerbInput } from '../../runtime/flags.js';
import { secretFromEnv } from '../secret-env.js';
import { parseHookId } from './get.js';

export interface TestOptions {
  target: Target;
  id: string;
  event: DeliveryEvent;
  /** From --secret-env; else the hook's own secret when the provider returns it (Codeup v3). */
  secret: string | undefined;
  allowPrivate: boolean;
  /** Where the provider delivers in more than one format: which (its definition's `delivery.formats`). */
  style: string | undefined;
}

/** Every style some provider offers, and who offers a choice (for the flag's help and its error). */
const STYLES = [...new Set(DELIVERY_STYLES.flatMap((p) => p.styles))];
const STYLE_OWNERS = DELIVERY_STYLES.map((p) => p.name).join(', ');

export const flags = {
  event: oneOf('--event <event>', 'the event to send (default push)', DELIVERY_EVENTS),
  secretEnv: text('--secret-env <VAR>', "the hook's secret, from this environment variable (providers do not return it, except Codeup v3)"),
  allowPrivate: bool('--allow-private', 'send even when the URL is or resolves to a loopback, private, link-local or other special-purpose (IANA) address'),
  style: oneOf(
    '--style <style>',
    DELIVERY_STYLES.map((p) => `${p.name}: the delivery format, ${p.styles.join(' or ')} (default ${p.styles[0]})`).join('; '),
    STYLES,
  ),
} as const;

/** Lines of the answer shown. */
const ANSWER_LINES = 5;

export function parse(input: VerbInput<typeof flags>, ctx: ParseContext): TestOptions {
  const target = parseTarget(input.args[0] ?? '');
  const id = parseHookId(input.args[1]);
  let secret: string | undefined;
  if (input.flags.secretEnv !== undefined) {
    secret = secretFromEnv(input.flags.secretEnv, ctx, '--secret-env');
  }
  const style = input.flags.style;
  if (style !== undefined && !DELIVERY_STYLES.some((p) => p.id === target.provider))
    throw new UsageError(`--style: only ${STYLE_OWNERS} hooks have a choice of delivery format`);
  const offered = DELIVERY_STYLES.find((p) => p.id === target.provider)?.styles ?? [];
  if (style !== undefined && !offered.includes(style)) throw new UsageError(`--style: ${target.provider} hooks deliver as ${offered.join(' or ')}`);
  return { target, id, event: input.flags.event ?? 'push', secret, allowPrivate: input.flags.allowPrivate === true, style };
}

/**
 * hookctl sends the sample itself (no provider has a test endpoint): the hook's URL comes from the
 * provider, the body and headers from its definition's delivery facts. Exit 0 on a 2xx answer, 1 otherwise.
 */
export async function run(options: TestOptions, ctx: RunContext): Promise<number> {
  const { deps, io, redactor } = ctx;
  const [hooks, { resolveDestination }, { maskUrl }, { systemResolveHost }, { sampleDelivery }] = await Promise.all([
    ctx.hooks(options.target.provider),
    import('../../deliveries/destination.js'),
    import('../../model/url.js'),
    import('../../runtime/deps.js'),
    import('../../runtime/providers.js'),
  ]);
  const hook = await hooks.get(options.target, options.id);
  redactor.addUrlCredentials(hook.url);
  const url = new URL(hook.url);
  const shown = maskUrl(hook.url);
  // Resolved once: the connection goes to the address judged here, not to a second lookup's answer.
  const { address, refusal } = await resolveDestination(url, deps.resolveHost ?? systemResolveHost).catch((error: unknown) => {
    if (error instanceof Error) error.message = `hook ${options.id}: ${error.message}`;
    throw error;
  });
  if (refusal && !options.allowPrivate) {
    throw new UsageError(`hook ${options.id}: ${shown} points at ${refusal}; pass --allow-private to send the test anyway`);
  }
  const own = hook.secret && !hook.secret.isEmpty ? hook.secret.reveal() : undefined;
  const secret = options.secret ?? own;
  if (secret !== undefined) redactor.add(secret);
  const sample = sampleDelivery({
    provider: options.target.provider,
    event: options.event,
    secret,
    style: options.style,
    time: deps.now().toISOString(),
    uuid: deps.nonce(),
  });
  const headers: Record<string, string> = { 'user-agent': 'hookctl-hooks-test' };
  for (const [name, value] of Object.entries(sample.headers)) headers[name.toLowerCase()] = value;
  const { deliveryTransport } = await import('../../deliveries/transport.js');
  const transport = deliveryTransport(deps.transport);
  const carried = secret === undefined ? 'no secret (give --secret-env)' : 'secret included';
  io.err(`sending a sample ${options.event} delivery to ${shown} (${hooks.label}, ${carried})`);
  const started = deps.now().getTime();
  let response: Awaited<ReturnType<typeof transport>>;
  try {
    response = await transport({ method: 'POST', url, address, headers, body: new TextEncoder().encode(sample.body), signal: deps.signal });
  } catch (error) {
    if (deps.signal.aborted) throw error;
    io.out(`${io.color.red('✗')} no answer from ${shown}: ${error instanceof Error ? error.message : String(error)}`);
    return ExitCode.failure;
  }
  const ms = deps.now().getTime() - started;
  const ok = response.status >= 200 && response.status < 300;
  io.out(`${ok ? io.color.green('✓') : io.color.red('✗')} HTTP ${response.status} in ${ms} ms`);
  const answer = new TextDecoder()
    .decode(response.body)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  for (const line of answer.slice(0, ANSWER_LINES)) io.out(`  ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
  if (answer.length > ANSWER_LINES) io.out(`  … (${answer.length - ANSWER_LINES} more lines)`);
  return ok ? ExitCode.ok : ExitCode.failure;
}
