import { ExitCode } from '../errors.js';
import { Secret } from '../model/secret.js';
import type { HookRow } from '../output/render.js';
import type { RunContext } from '../runtime/context.js';
import { formatTarget, PROVIDERS, parseTarget } from '../runtime/providers.js';

const DEMO_FLEET_SIZE = 2;

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
  const [{ createContext }, { printHook, printHooks }, { createEmulator }, { startEmulatorServer }, { emulatorEnv }] = await Promise.all([
    import('../runtime/context.js'),
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
    // The ops side: audit a few repositories of the emulator's seeded fleet (README "Audit").
    const { FLEET_NAMES } = await import('../emulator/fleet.js');
    const fleetTargets = [
      `codeup:${FLEET_NAMES.codeupOrganization}/1001`,
      `codeup:${FLEET_NAMES.codeupOrganization}/1002`,
      'codearts:501',
      `servicestage:${emulator.credentials.huawei.project.id}/${FLEET_NAMES.servicestageNamespace}/svc-0001`,
    ];
    heading(`hookctl audit ${fleetTargets.join(' ')}`);
    const audit = await import('./audit.js');
    await audit.run({ inputs: fleetTargets, concurrency: 4, resolve: false }, ctx);
    io.err('Next: run `hookctl emulator` and point your own scripts at it (see README).');
    return ExitCode.ok;
  } finally {
    await server.close();
  }
}

/** "a, b and c". */
function listOf(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
