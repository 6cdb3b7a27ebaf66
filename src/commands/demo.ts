import { ExitCode } from '../errors.js';
import { Secret } from '../model/secret.js';
import type { Target } from '../model/target.js';
import type { HookRow } from '../output/render.js';
import { formatTarget, listOf, PROVIDER_CATALOG, parseTarget } from '../runtime/catalog.js';
import type { RunContext } from '../runtime/context.js';

const DEMO_FLEET_SIZE = 2;
/** Where the demo's delivery goes: a hook on its own repository, pointing at a local `listen`. */
const DELIVERY_TARGET = { provider: 'codeup', organizationId: 'demo-org', projectId: '101' } as const satisfies Target;

export const flags = {} as const;

export function parse(): Record<string, never> {
  return {};
}

/**
 * The main job, end to end, with no cloud account: start the emulator on a free loopback port,
 * then create, list and get a hook on every provider through the hook service, the real adapters and real HTTP.
 * The user's own credentials and endpoints are never used: the demo sees only the emulator's.
 */
export async function run(_options: Record<string, never>, outer: RunContext): Promise<number> {
  const { deps, redactor, flags: globals } = outer;
  const [{ createContext }, { PROVIDERS }, { printHook, printHooks }, { createEmulator }, { startEmulatorServer }, { emulatorEnv }] = await Promise.all([
    import('../runtime/context.js'),
    import('../runtime/providers.js'),
    import('../output/render.js'),
    import('../emulator/handle.js'),
    import('../emulator/server.js'),
    import('../emulator/credentials.js'),
  ]);
  // A small seeded fleet too, for the closing audit; not strict, so the demo's own targets exist on first use.
  const emulator = createEmulator({ now: deps.now, fleet: { size: DEMO_FLEET_SIZE, seed: 1 }, strict: false });
  const server = await startEmulatorServer({ port: 0, handle: emulator.handle });
  try {
    const env = { ...emulatorEnv(server.url, emulator.credentials), NO_COLOR: deps.env.NO_COLOR, TERM: deps.env.TERM };
    // No config file either: the demo must not pick up a profile from the directory it runs in.
    const ctx = createContext({ ...globals, config: undefined, profile: undefined, endpoint: undefined }, { ...deps, env }, redactor, { configFile: false });
    const { io } = ctx;
    const format = await ctx.outputFormat();
    const heading = (text: string) => io.err(`\n${io.color.bold.cyan(text)}`);
    io.err(`${io.color.bold('hookctl demo')}: a built-in emulator of all three provider APIs is listening on ${server.url}`);
    const secret = new Secret('demo-shared-secret');
    redactor.add(secret.reveal());
    const rows: HookRow[] = [];
    // One hook per provider, each as its definition describes.
    const demos = PROVIDERS.map((definition) => ({ target: parseTarget(definition.demo.target), spec: definition.demo.spec }));
    for (const { target, spec } of demos) {
      const hooks = await ctx.hooks(target.provider);
      const flags = [`--url ${spec.url}`, spec.name ? `--name ${spec.name}` : '', spec.events ? `--events ${spec.events.join(',')}` : '', '--secret-env S'];
      heading(`${hooks.label}: hookctl hooks create ${formatTarget(target)} ${flags.filter(Boolean).join(' ')}`);
      const hook = await hooks.create(target, { ...spec, events: spec.events ? [...spec.events] : undefined, secret });
      await printHook(io, format, { target: formatTarget(target), hook });
      heading(`hookctl hooks get ${formatTarget(target)} ${hook.id}`);
      await printHook(io, format, { target: formatTarget(target), hook: await hooks.get(target, hook.id) });
      for await (const listed of hooks.list(target)) rows.push({ target: formatTarget(target), hook: listed });
    }
    heading(`hookctl hooks list ${demos.map((d) => formatTarget(d.target)).join(' ')}`);
    await printHooks(io, format, rows);
    io.err(`\n${io.color.green('✓')} created ${demos.length} hooks on ${listOf(PROVIDERS.map((p) => p.name))} (secrets masked).`);
    await showDelivery(ctx, server.url, emulator.handle, secret);
    // The ops side: audit a few repositories of the emulator's seeded fleet (README "Audit").
    const { fleetSampleTargets } = await import('../emulator/fleet.js');
    const fleetTargets = fleetSampleTargets(emulator.credentials.huawei.project.id);
    heading(`hookctl audit ${fleetTargets.join(' ')}`);
    const audit = await import('./audit.js');
    await audit.run({ inputs: fleetTargets, concurrency: 4, resolve: false }, ctx);
    io.err('Next: run `hookctl emulator` and point your own scripts at it (see README).');
    return ExitCode.ok;
  } finally {
    await server.close();
  }
}

/**
 * Deliveries end to end: a receiver (`hookctl listen`) on a free loopback port, a Codeup hook
 * pointing at it with the shared secret, and a push simulated by the emulator (POST
 * /_emulator/events). The receiver checks X-Codeup-Token and prints the delivery as it arrives.
 */
async function showDelivery(ctx: RunContext, emulatorUrl: string, handle: (request: Request) => Promise<Response>, secret: Secret): Promise<void> {
  const { io, deps } = ctx;
  const [{ startReceiver }, { formatDelivery }] = await Promise.all([import('../deliveries/receiver.js'), import('../deliveries/format.js')]);
  const arrived: string[] = [];
  const receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    senders: PROVIDER_CATALOG,
    provider: 'codeup',
    secrets: [secret.reveal()],
    now: deps.now,
    onDelivery: (delivery) => arrived.push(formatDelivery(delivery, io.color)),
  });
  try {
    const heading = (text: string) => io.err(`\n${io.color.bold.cyan(text)}`);
    heading(`hookctl listen --provider codeup --secret-env S   (listening on ${receiver.url})`);
    const hooks = await ctx.hooks('codeup');
    const url = `${receiver.url}/hook`;
    heading(`hookctl hooks create ${formatTarget(DELIVERY_TARGET)} --url ${url} --events push --secret-env S`);
    const hook = await hooks.create(DELIVERY_TARGET, { url, events: ['push'], secret });
    io.err(`created hook ${hook.id}`);
    const event = { target: formatTarget(DELIVERY_TARGET), event: 'push', ref: 'main', repository: 'demo-org/app' };
    heading(`curl -X POST ${emulatorUrl}/_emulator/events -d '${JSON.stringify(event)}'`);
    const answer = await handle(
      new Request(`${emulatorUrl}/_emulator/events`, { method: 'POST', body: JSON.stringify(event), headers: { 'content-type': 'application/json' } }),
    );
    const result = (await answer.json()) as { deliveries?: { status?: number }[] };
    io.err(
      `the emulator delivered the push to ${result.deliveries?.length ?? 0} hook(s), answered ${result.deliveries?.map((d) => d.status ?? 'no answer').join(', ')}`,
    );
    heading('what the listener printed:');
    for (const line of arrived) io.out(line);
    io.err(`\n${io.color.green('✓')} ${arrived.length} delivery received and verified (X-Codeup-Token matched the hook's secret).`);
  } finally {
    await receiver.close();
  }
}
