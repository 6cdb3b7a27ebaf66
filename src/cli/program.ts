import { Command, Option } from 'commander';
import type { Redactor } from '../http/redact.js';
import type { GlobalFlags } from './context.js';
import type { Deps } from './deps.js';

/** What an action module exports: run with the parsed arguments, return the exit code. */
export type Action = (input: { args: string[]; opts: Record<string, unknown>; globals: GlobalFlags }, deps: Deps, redactor: Redactor) => Promise<number>;

type Loader = () => Promise<{ action: Action }>;

/**
 * The command tree. It imports nothing but commander: each verb's module (and with it zod, undici,
 * yaml, the adapters) is loaded only when that verb runs, which keeps --help and --version fast.
 */
export function buildProgram(deps: Deps, redactor: Redactor, version: string, onExit: (code: number) => void): Command {
  const bind = (load: Loader) =>
    async (...values: unknown[]) => {
      // commander calls an action with (...arguments, options, command).
      const command = values.at(-1) as Command;
      const args = values.slice(0, command.registeredArguments.length).flatMap((v) => (Array.isArray(v) ? v : v === undefined ? [] : [String(v)]));
      // Only what the user typed: `--no-ssl-verify` makes commander default sslVerify to true, and
      // a default must not count as asking for a field the provider may not support.
      const opts = Object.fromEntries(Object.entries(command.opts()).filter(([key]) => command.getOptionValueSource(key) !== 'default'));
      const { action } = await load();
      onExit(await action({ args, opts, globals: command.optsWithGlobals() as GlobalFlags }, deps, redactor));
    };

  // Both settings are inherited only by subcommands added after them, so they come first.
  const program = new Command('hookctl')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void deps.stdout.write(text), writeErr: (text) => void deps.stderr.write(text) })
    .description('Manage repository webhooks on Codeup, CodeArts Repo and ServiceStage from one spec')
    .version(version, '-V, --version')
    .addOption(new Option('-o, --output <format>', 'output format: table, json or yaml (table on a terminal)'))
    .option('--json', 'same as -o json')
    .option('--profile <name>', 'config profile to use (HOOKCTL_PROFILE)')
    .option('--config <file>', 'config file to use instead of searching')
    .option('--endpoint <url>', 'API base URL for the provider (HOOKCTL_ENDPOINT), e.g. the emulator')
    .option('--region <region>', 'Huawei Cloud region (HUAWEICLOUD_SDK_REGION), default cn-north-4')
    .option('--codeup-mode <mode>', 'Codeup API: v3 (AK/SK signed, default) or oapi (personal token)')
    .option('--timeout <ms>', 'deadline of each request: connect, headers and whole body, in milliseconds (default 30000)')
    .option('--retries <n>', 'retries of a failed request, 0-10 (default 3; config `retries`)')
    .option('--allow-http', 'allow plain http:// endpoints off this machine (HOOKCTL_ALLOW_HTTP=1); credentials travel in clear')
    .option('--max-response-mib <n>', 'largest response body read, in MiB, 1-1024 (default 32; config `maxResponseMiB`)')
    .option('--debug', 'print requests and responses (credentials masked) and error details')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .showHelpAfterError('(run with --help for usage)');

  const hooks = program.command('hooks').description('create, list, get, update and delete hooks');
  // One literal import per verb, so tools (and vite in tests) can see every module statically.
  const verbs: Record<string, Loader> = {
    create: () => import('../commands/hooks/create.js'),
    list: () => import('../commands/hooks/list.js'),
    get: () => import('../commands/hooks/get.js'),
    update: () => import('../commands/hooks/update.js'),
    delete: () => import('../commands/hooks/delete.js'),
  };
  const load = (verb: keyof typeof verbs): Loader => verbs[verb] as Loader;
  addSpecOptions(
    hooks.command('create').description('create a hook').argument('<target>', 'where the hook lives, e.g. codearts:1234'),
  )
    .option('--if-not-exists', 'do nothing (exit 0) when a hook with the same URL exists')
    .option('--dry-run', 'print the exact request and send nothing')
    .addHelpText('after', examples(
      'S=s3cret hookctl hooks create codeup:ORG/100 --url https://ci.example.com/h --events push,tag_push --secret-env S',
      'hookctl hooks create codearts:77 --url https://ci.example.com/h --name ci --branch-filter "^release/"',
      'printf %s "$SECRET" | hookctl hooks create servicestage:PID/ns/repo --url https://ci.example.com/h --secret-stdin',
    ))
    .action(bind(load('create')));
  hooks
    .command('list')
    .description('list the hooks of one or more targets')
    .argument('<target...>', 'targets to list')
    .option('--concurrency <n>', 'targets listed at once (default 8)')
    .addHelpText('after', examples('hookctl hooks list codearts:77 codearts:78 --json', 'hookctl hooks list $(cat targets.txt) --concurrency 16 -o yaml'))
    .action(bind(load('list')));
  hooks.command('get').description('show one hook').argument('<target>').argument('<id>').action(bind(load('get')));
  addSpecOptions(hooks.command('update').description('change a hook (flags not given keep their value)').argument('<target>').argument('<id>'))
    .option('--no-secret', 'remove the hook secret (Codeup v3: needed when the current one cannot be read back)')
    .option('--dry-run', 'read the current hook, print the exact requests, send no change')
    .addHelpText('after', examples('hookctl hooks update codearts:77 20001 --url https://ci.example.com/moved', 'hookctl hooks update codeup:ORG/100 10001 --events push,merge_request'))
    .action(bind(load('update')));
  hooks
    .command('delete')
    .description('delete a hook')
    .argument('<target>')
    .argument('<id>')
    .option('-y, --yes', 'do not ask for confirmation (required when not on a terminal)')
    .option('--dry-run', 'print the exact request and send nothing')
    .action(bind(load('delete')));

  const config = program.command('config').description('inspect configuration, trust a project config');
  config
    .command('show')
    .description('print the resolved configuration (secrets masked) and the file it came from')
    .action(bind(() => import('../commands/config.js') as Promise<{ action: Action }>));
  config
    .command('trust')
    .description('trust this exact content of a project config (default: the one found from here)')
    .argument('[file]', 'the config file to trust')
    .action(bind(() => import('../commands/config.js').then((m) => ({ action: m.trustAction }))));
  program
    .command('auth')
    .description('inspect credentials')
    .command('status')
    .description('show per provider the auth mode, each credential (masked) and where it came from')
    .option('--check', 'make one live call per configured provider (an IAM login, or a --target hook list)')
    .option('--target <target>', 'with --check: list this target’s hooks (one per provider)', (value: string, previous: string[] = []) => [...previous, value])
    .action(bind(() => import('../commands/auth.js') as Promise<{ action: Action }>));
  program
    .command('emulator')
    .description('serve the provider emulator on loopback, to rehearse scripts offline')
    .option('--port <n>', 'port to listen on (default: a free port)')
    .option('--latency <ms>', 'delay every response by this many milliseconds')
    .option('--fault <spec>', 'inject a fault, e.g. 503:times=2,method=GET or rate=0.1:reset-after (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--seed <n>', 'seed for rate= faults, so a rehearsal fails the same requests each run (default 1)')
    .action(bind(() => import('../commands/emulator.js') as Promise<{ action: Action }>));
  program
    .command('demo')
    .description('create, list and get hooks on all three providers against a built-in emulator')
    .action(bind(() => import('../commands/demo.js') as Promise<{ action: Action }>));
  return program;
}

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}

function addSpecOptions(command: Command): Command {
  return command
    .option('--url <url>', 'delivery URL (http or https)')
    .option('--events <list>', 'comma-separated: push,tag_push,merge_request,note (default push)')
    .option('--name <name>', 'label (CodeArts requires it)')
    .option('--description <text>', 'free text')
    .option('--secret-env <var>', 'read the hook secret from this environment variable')
    .option('--secret-stdin', 'read the hook secret from standard input')
    .option('--branch-filter <regex>', 'only pushes to matching branches (CodeArts)')
    .option('--note-filter <regex>', 'only comments matching (CodeArts; repeatable)', (value: string, previous: string[] = []) => [...previous, value])
    .option('--no-ssl-verify', 'do not verify TLS when delivering (Codeup)');
}
