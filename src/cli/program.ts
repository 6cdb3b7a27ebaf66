import type { EventEmitter } from 'node:events';
import { Argument, Command, Option } from 'commander';
import * as apply from '../commands/apply.js';
import * as audit from '../commands/audit.js';
import * as authStatus from '../commands/auth.js';
import * as configShow from '../commands/config.js';
import * as configTrust from '../commands/config-trust.js';
import * as demo from '../commands/demo.js';
import * as emulator from '../commands/emulator.js';
import * as exportVerb from '../commands/export.js';
import * as create from '../commands/hooks/create.js';
import * as del from '../commands/hooks/delete.js';
import * as deliveries from '../commands/hooks/deliveries.js';
import * as get from '../commands/hooks/get.js';
import * as list from '../commands/hooks/list.js';
import * as hooksTest from '../commands/hooks/test.js';
import * as update from '../commands/hooks/update.js';
import * as listen from '../commands/listen.js';
import * as plan from '../commands/plan.js';
import * as rotate from '../commands/rotate.js';
import * as schema from '../commands/schema.js';
import type { Redactor } from '../http/redact.js';
import { providerHelp } from '../runtime/catalog.js';
import type { Verb } from '../runtime/context.js';
import type { Deps } from '../runtime/deps.js';
import type { FlagTable, FlagValues } from '../runtime/flags.js';
import { type GlobalFlags, globalFlags } from '../runtime/global-flags.js';

/**
 * The command tree. Verb modules are cheap to import (their flag tables and parsers; the heavy
 * modules — zod, undici, yaml, the adapters — load inside parse/run), which keeps --help fast.
 * Every verb runs the same way: flags typed by its table, parsed by its `parse`, run by its `run`
 * with a RunContext built once for the invocation.
 */
export function buildProgram(deps: Deps, redactor: Redactor, version: string, onExit: (code: number) => void): Command {
  const help = providerHelp();
  const program = rootCommand(deps, version, help.description);
  const verbs = verbRunner(program, deps, redactor, onExit);
  for (const declaration of commandTree(help)) declare(program, declaration, verbs);
  addCompletion(program, deps);
  addShortForms(program, verbs);
  return program;
}

type AnyVerb = Verb<FlagTable, unknown>;

/** A verb as the tree declares it: its positional arguments ([name, description]) and the help text after its options. */
interface VerbDeclaration {
  name: string;
  description: string;
  arguments?: readonly (readonly [string, string?])[];
  module: AnyVerb;
  helpAfter?: string;
  /**
   * It reads hooks, repositories or delivery logs from a provider: the hostile-provider suite
   * (test/e2e/hostile-provider/) must run it against every hostile mode, and checks it does.
   */
  readsProviderData?: true;
}

/** A command that only groups verbs (`hooks`, `config`, `auth`). */
interface GroupDeclaration {
  name: string;
  description: string;
  verbs: readonly VerbDeclaration[];
}

const EMULATOR_HELP = `\nControl endpoints:\n  GET  /_emulator/state    the store\n  POST /_emulator/reset    empty it\n  POST /_emulator/events   {"target":"codeup:ORG/100","event":"push"} delivers push, tag_push, merge_request or note\n                           to every hook of the target (loopback URLs only), with the provider's headers and secret`;

/** The `hooks` verbs; each also gets a short form (`hookctl get …`) unless a top-level command has its name. */
function hooksVerbs(help: ReturnType<typeof providerHelp>): VerbDeclaration[] {
  const targetAndId: [string][] = [['<target>'], ['<id>']];
  return [
    {
      name: 'create',
      readsProviderData: true,
      description: 'create a hook',
      arguments: [['[target]', 'where the hook lives, e.g. codearts:1234 (asked for on a terminal)']],
      module: create,
      helpAfter: examples(...help.create),
    },
    {
      name: 'list',
      readsProviderData: true,
      description: 'list the hooks of one or more targets',
      arguments: [['[target...]', 'targets or patterns to list']],
      module: list,
      helpAfter: examples(
        'hookctl hooks list codearts:77 codearts:78 --json',
        "hookctl hooks list 'codeup:ORG/*' --targets-file targets.txt --concurrency 32",
        'hookctl hooks list --targets-file fleet.txt --shard 2/4',
      ),
    },
    { name: 'get', description: 'show one hook', arguments: targetAndId, module: get, readsProviderData: true },
    {
      name: 'update',
      readsProviderData: true,
      description: 'change a hook (flags not given keep their value)',
      arguments: targetAndId,
      module: update,
      helpAfter: examples(
        'hookctl hooks update codearts:77 20001 --url https://ci.example.com/moved',
        'hookctl hooks update codeup:ORG/100 10001 --events push,merge_request --ssl-verify',
        'hookctl hooks update codearts:77 20001 --clear-branch-filter',
      ),
    },
    {
      name: 'delete',
      readsProviderData: true,
      description: 'delete a hook',
      arguments: targetAndId,
      module: del,
      helpAfter: examples('hookctl hooks delete codearts:77 20001 --yes -o json', 'hookctl hooks delete codearts:77 20001 --yes --if-exists'),
    },
    {
      name: 'test',
      readsProviderData: true,
      description: "send a sample delivery to a hook's URL, shaped as the provider sends it",
      arguments: targetAndId,
      module: hooksTest,
      helpAfter: examples(
        'S=s3cret hookctl hooks test codearts:77 20001 --event push --secret-env S',
        'hookctl hooks test codeup:ORG/100 10001 --event tag_push --allow-private',
      ),
    },
    {
      name: 'deliveries',
      readsProviderData: true,
      description: 'recent deliveries of a hook (CodeArts delivery logs, Codeup LastTestResult)',
      arguments: targetAndId,
      module: deliveries,
      helpAfter: examples('hookctl hooks deliveries codearts:77 20001 --since 24h --failed', 'hookctl hooks deliveries codearts:77 20001 --show 40001'),
    },
  ];
}

/** Every command but `completion` and the short forms, in the order help lists them. */
function commandTree(help: ReturnType<typeof providerHelp>): (VerbDeclaration | GroupDeclaration)[] {
  return [
    { name: 'hooks', description: 'create, list, get, update and delete hooks', verbs: hooksVerbs(help) },
    {
      name: 'listen',
      description: 'receive deliveries locally: check the token, print one line each, optionally forward',
      module: listen,
      helpAfter: examples(
        'S=s3cret hookctl listen --provider codeup --secret-env S --port 8787',
        'hookctl listen --secret-env OLD --secret-env NEW --forward-to http://127.0.0.1:3000/hook --json',
      ),
    },
    {
      name: 'plan',
      readsProviderData: true,
      description: 'show what apply would change to make the targets match a hooks file (exit 10: changes pending)',
      module: plan,
      helpAfter: examples('hookctl plan -f hooks.yaml', 'hookctl plan -f hooks.yaml --prune --out plan.json', 'hookctl export codearts:77 | hookctl plan -f -'),
    },
    {
      name: 'apply',
      readsProviderData: true,
      description: 'make the targets match a hooks file, or apply a saved plan',
      arguments: [['[plan]', 'a plan saved by plan --out']],
      module: apply,
      helpAfter: examples('hookctl apply -f hooks.yaml --yes', 'hookctl apply -f hooks.yaml --prune --sync-secrets --yes -o json', 'hookctl apply plan.json'),
    },
    {
      name: 'rotate',
      readsProviderData: true,
      description: 'give every matching hook a new secret',
      arguments: [['<target...>', 'targets whose hooks get the secret']],
      module: rotate,
      helpAfter: examples(
        'NEW=s3cret hookctl rotate codearts:77 codeup:ORG/100 --secret-env NEW --url-match "^https://ci\\.example\\.com/"',
        'hookctl rotate codearts:77 --secret-env NEW --dry-run --csv',
      ),
    },
    { name: 'schema', description: 'print the JSON Schema of the hooks file, for editors', module: schema },
    {
      name: 'config',
      description: 'inspect configuration, trust a project config',
      verbs: [
        { name: 'show', description: 'print the resolved configuration (secrets masked) and the file it came from', module: configShow },
        {
          name: 'trust',
          description: 'trust this exact content of a project config (default: the one found from here)',
          arguments: [['[file]', 'the config file to trust']],
          module: configTrust,
        },
      ],
    },
    {
      name: 'auth',
      description: 'inspect credentials',
      verbs: [{ name: 'status', description: 'show per provider the auth mode, each credential (masked) and where it came from', module: authStatus }],
    },
    {
      name: 'audit',
      readsProviderData: true,
      description: 'list every hook of the targets and report insecure or broken ones',
      arguments: [['[target...]', 'targets or patterns']],
      module: audit,
      helpAfter: examples(
        "hookctl audit 'codeup:ORG/*' --fail-on high",
        'hookctl audit --targets-file fleet.txt --shard 1/4 -o sarif > audit.sarif',
        'hookctl audit codearts:77 -f hooks.yaml -o csv > findings.csv',
      ),
    },
    {
      name: 'export',
      readsProviderData: true,
      description: 'write the hooks of the targets as a hooks file (yaml, json) or csv',
      arguments: [['[target...]', 'targets or patterns']],
      module: exportVerb,
      helpAfter: examples(...help.export, 'hookctl export --targets-file fleet.txt -o csv > hooks.csv'),
    },
    { name: 'emulator', description: 'serve the provider emulator on loopback, to rehearse scripts offline', module: emulator, helpAfter: EMULATOR_HELP },
    { name: 'demo', description: 'create, list and get hooks on all three providers against a built-in emulator', module: demo },
  ];
}

/** The commands that read provider data, as typed (`hooks list`, `audit`), from the same tree the CLI is built from. */
export function providerReadingCommands(): string[] {
  const out: string[] = [];
  const walk = (declarations: readonly (VerbDeclaration | GroupDeclaration)[], prefix: string): void => {
    for (const d of declarations) {
      if ('verbs' in d) walk(d.verbs, `${prefix}${d.name} `);
      else if (d.readsProviderData) out.push(`${prefix}${d.name}`);
    }
  };
  walk(commandTree(providerHelp()), '');
  return out;
}

function rootCommand(deps: Deps, version: string, description: string): Command {
  // Both settings are inherited only by subcommands added after them, so they come first.
  const program = new Command('hookctl')
    .exitOverride()
    .configureOutput({ writeOut: (text) => void deps.stdout.write(text), writeErr: (text) => void deps.stderr.write(text) })
    .description(description)
    .version(version, '-V, --version');
  addFlags(program, globalFlags);
  program.showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Makes commands run verbs, and remembers which verb each command runs. */
interface VerbRunner {
  add(command: Command, module: AnyVerb): Command;
  moduleOf(command: Command): AnyVerb | undefined;
}

function verbRunner(program: Command, deps: Deps, redactor: Redactor, onExit: (code: number) => void): VerbRunner {
  const modules = new Map<Command, AnyVerb>();
  const add = (command: Command, module: AnyVerb): Command => {
    modules.set(command, module);
    addFlags(command, module.flags);
    return command.action(async (...values: unknown[]) => {
      // commander calls an action with (...arguments, options, command).
      const args = values.slice(0, command.registeredArguments.length).flatMap((v) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]));
      const globals: GlobalFlags = typedValues(program, globalFlags);
      const { createContext } = await import('../runtime/context.js');
      const ctx = createContext(globals, deps, redactor);
      const options = await module.parse({ args, flags: typedValues(command, module.flags) }, ctx);
      onExit(await module.run(options, ctx));
    });
  };
  return { add, moduleOf: (command) => modules.get(command) };
}

function declare(parent: Command, declaration: VerbDeclaration | GroupDeclaration, verbs: VerbRunner): void {
  const command = parent.command(declaration.name).description(declaration.description);
  if ('verbs' in declaration) {
    for (const verb of declaration.verbs) declare(command, verb, verbs);
    return;
  }
  for (const [name, description] of declaration.arguments ?? []) command.argument(name, description);
  verbs.add(command, declaration.module);
  if (declaration.helpAfter !== undefined) command.addHelpText('after', declaration.helpAfter);
}

function addCompletion(program: Command, deps: Deps): void {
  program
    .command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: string) => {
      const { completionScript } = await import('./completion.js');
      deps.stdout.write(completionScript(program, shell, (option) => flagChoices.get(option)));
    });
}

/**
 * Short forms: `hookctl create …` is `hookctl hooks create …` (same arguments, flags, help and
 * exit codes), for every `hooks` verb whose name no top-level command already takes.
 */
function addShortForms(program: Command, verbs: VerbRunner): void {
  const hooks = program.commands.find((c) => c.name() === 'hooks');
  for (const sub of hooks?.commands ?? []) {
    const module = verbs.moduleOf(sub);
    if (!module || program.commands.some((c) => c.name() === sub.name())) continue;
    const short = program.command(sub.name()).description(`${sub.description()} (short for: hooks ${sub.name()})`);
    for (const argument of sub.registeredArguments) short.addArgument(argument);
    for (const listener of (sub as unknown as EventEmitter).listeners('afterHelp')) short.on('afterHelp', listener as () => void);
    verbs.add(short, module);
  }
}

/** The values a flag accepts (a FlagDef's choices), for shell completion; commander has no slot for them that keeps its help unchanged. */
export const flagChoices = new WeakMap<Option, readonly string[]>();

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}`;
}

/** Each flag of a table as a commander Option; its `parse` is the Option's argParser. */
function addFlags(command: Command, table: FlagTable): void {
  for (const def of Object.values(table)) {
    const option = new Option(def.flags, def.description);
    if (def.parse) option.argParser(def.parse.bind(def));
    if (def.choices) flagChoices.set(option, def.choices);
    command.addOption(option);
  }
}

/**
 * Only what the user typed, keyed as the table names it: `--no-ssl-verify` makes commander default
 * sslVerify to true, and a default must not count as asking for a field the provider may not
 * support. Each value went through the flag's own parser, which is what makes it of the table's type.
 */
function typedValues<T extends FlagTable>(command: Command, table: T): FlagValues<T> {
  const values: Partial<Record<keyof T, unknown>> = {};
  for (const [key, def] of Object.entries(table) as [keyof T, T[keyof T]][]) {
    const name = new Option(def.flags).attributeName();
    if (command.getOptionValueSource(name) === undefined || command.getOptionValueSource(name) === 'default') continue;
    values[key] = command.getOptionValue(name);
  }
  return values as FlagValues<T>;
}
