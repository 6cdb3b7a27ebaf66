import { type GlobalFlags, createContext } from '../cli/context.js';
import type { Deps } from '../cli/deps.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Redactor } from '../http/redact.js';
import { Secret } from '../model/secret.js';
import type { Target } from '../model/target.js';
import { formatTarget } from '../providers/registry.js';
import { type HookRow, printHook, printHooks } from '../output/render.js';

/** One hook per provider: what the demo creates. */
const DEMO = [
  { target: { provider: 'codeup', organizationId: 'demo-org', projectId: '100' }, spec: { url: 'https://ci.example.com/codeup', events: ['push', 'tag_push'] } },
  { target: { provider: 'codearts', groupId: '77' }, spec: { url: 'https://ci.example.com/codearts', name: 'ci', events: ['push', 'merge_request'] } },
  { target: { provider: 'servicestage', projectId: '0123456789abcdef0123456789abcdef', namespace: 'demo', project: 'web/app' }, spec: { url: 'https://ci.example.com/servicestage' } },
] as const satisfies readonly { target: Target; spec: object }[];

/**
 * The main job, end to end, with no cloud account: start the emulator on a free loopback port,
 * then create, list and get a hook on every provider through the real adapters and real HTTP.
 * The user's own credentials and endpoints are never used: the demo sees only the emulator's.
 */
export async function runDemo(globals: GlobalFlags, deps: Deps, redactor: Redactor): Promise<number> {
  const [{ createEmulator }, { startEmulatorServer }, { emulatorEnv }] = await Promise.all([
    import('../emulator/handle.js'),
    import('../emulator/server.js'),
    import('../emulator/credentials.js'),
  ]);
  const emulator = createEmulator({ now: deps.now });
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
    for (const { target, spec } of DEMO) {
      const provider = await ctx.provider(target.provider);
      const flags = [`--url ${spec.url}`, 'name' in spec ? `--name ${spec.name}` : '', 'events' in spec ? `--events ${spec.events.join(',')}` : '', '--secret-env S'];
      heading(`${provider.label}: hookctl hooks create ${formatTarget(target)} ${flags.filter(Boolean).join(' ')}`);
      const hook = await provider.create(target, { ...spec, events: 'events' in spec ? [...spec.events] : undefined, secret });
      await printHook(io, format, { target: formatTarget(target), hook });
      heading(`hookctl hooks get ${formatTarget(target)} ${hook.id}`);
      await printHook(io, format, { target: formatTarget(target), hook: await provider.get(target, hook.id) });
      for await (const listed of provider.list(target)) rows.push({ target: formatTarget(target), hook: listed });
    }
    heading(`hookctl hooks list ${DEMO.map((d) => formatTarget(d.target)).join(' ')}`);
    await printHooks(io, format, rows);
    io.err(`\n${io.color.green('✓')} created ${DEMO.length} hooks on Codeup, CodeArts Repo and ServiceStage (secrets masked).`);
    io.err('Next: run `hookctl emulator` and point your own scripts at it (see README).');
    return ExitCode.ok;
  } finally {
    await server.close();
  }
}

export async function action(input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor): Promise<number> {
  return runDemo(input.globals, deps, redactor);
}
