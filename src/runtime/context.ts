import { allowHttpFrom, checkEnvironment, checkSettings } from '../config/checks.js';
import { loadConfig } from '../config/load.js';
import { type ResolvedSettings, resolveSettings, settleSettings } from '../config/resolve.js';
import type { LoginValues, SettingsSection } from '../config/section.js';
import type { RateBudgetConfig } from '../fleet/rate-budget-config.js';
import type { RulesConfig } from '../fleet/rules-config.js';
import type { HookService } from '../hooks/service.js';
import type { Redactor } from '../http/redact.js';
import { createUndiciTransport } from '../http/transport.js';
import type { Transport } from '../http/types.js';
import { BOUND_KEYS, type Bounds, resolveBounds } from '../model/bounds.js';
import { credentialVariablePatterns, matchCredentialVariable } from '../model/credential-variables.js';
import type { ProviderId } from '../model/target.js';
import { createIo, type Io, type JsonView } from '../output/io.js';
import type { OutputFormat } from '../output/render.js';
import type { ProviderDeps } from '../providers/deps.js';
import { definitionOf, formatTarget, loadProvider, SETTINGS_SECTIONS } from '../providers/registry.js';
import type { Deps } from './deps.js';
import type { FlagTable, VerbInput } from './flags.js';
import { fieldList, type GlobalFlags, jsonRequested } from './global-flags.js';

/** The redactor every output passes through; commands see it only through this type. */
export type { Redactor } from '../http/redact.js';
export type { Deps } from './deps.js';
export type { GlobalFlags } from './global-flags.js';

import { errorLine } from '../output/error-line.js';
import { oneLine as printableLine } from '../output/sanitize.js';

/** What a command runs with: output, settings, providers. Built once per run. */
export interface RunContext {
  deps: Deps;
  io: Io;
  /** --output / --json, else the config file's `output`, else table. */
  outputFormat(): Promise<OutputFormat>;
  debug: boolean;
  redactor: Redactor;
  settings(): Promise<ResolvedSettings>;
  /** The hook service over one provider (built on first use): the only way a command reaches a provider. */
  hooks(id: ProviderId): Promise<HookService>;
  /**
   * `auth status --check` without a target: the provider's own login check (e.g. one fresh
   * IAM login). Returns what was checked, or undefined when the provider has no such check.
   */
  checkLogin(id: ProviderId): Promise<string | undefined>;
  /** `auth login`: the provider's live call that needs no target (ProviderLogin.check), or undefined when it has none. */
  checkCredentials(id: ProviderId): Promise<string | undefined>;
  /** The bounds of this run (model/bounds.ts): flag over config file over default. */
  bounds(): Promise<Bounds>;
  /** The global flags as typed on the command line (absent when not given). */
  flags: GlobalFlags;
  /** Debug sink: stderr, only with --debug, already redacted by the caller. */
  log(line: string): void;
  /** The config file's `rules:` section (audit), after settings() loaded it. */
  rulesConfig(): Promise<RulesConfig | undefined>;
  /**
   * The pattern of hookctl's own credential variables (HOOKCTL_*, and every provider's, from its
   * settings sections) that `name` matches, or undefined: a hook secret may never name one.
   */
  credentialVariable(name: string): string | undefined;
  /**
   * The same run with these stored-login values (by settings section key) in place of whatever
   * credentials those sections resolved to: `auth login` checks a credential before saving it.
   */
  withLogin(sections: Readonly<Record<string, LoginValues>>): RunContext;
}

/** What a verb's parser may use: the process (stdin, env for secrets), the redactor, the credential variables. */
export type ParseContext = Pick<RunContext, 'deps' | 'redactor' | 'credentialVariable'>;

/**
 * What every verb module exports: its flags (declared once, typed), its parser (argv → typed
 * options, or a UsageError) and its runner (options + context → exit code). cli/program.ts builds
 * the context once per invocation and calls these two in turn.
 */
export interface Verb<F extends FlagTable, O> {
  readonly flags: F;
  parse(input: VerbInput<F>, ctx: ParseContext): O | Promise<O>;
  run(options: O, ctx: RunContext): Promise<number>;
}

export interface ContextOptions {
  /** false: use defaults and environment only, never a config file (the demo). */
  configFile?: boolean;
  /** See RunContext.withLogin. */
  login?: Readonly<Record<string, LoginValues>>;
}

export function createContext(flags: GlobalFlags, deps: Deps, redactor: Redactor, options: ContextOptions = {}): RunContext {
  const io = createIo({
    stdout: deps.stdout,
    stderr: deps.stderr,
    env: deps.env,
    noColor: flags.color === false,
    redactor,
    now: deps.now,
    timeZone: deps.timeZone,
    json: jsonView(flags),
  });
  maskEndpointCredentials(flags, deps.env, redactor);
  const debug = flags.debug === true;
  const log = debugLog(debug, io, redactor);
  const base: ContextBase = { flags, deps, redactor, io, debug, log };
  const { settings: settingsFor, unsettled, fromConfig } = lazySettings(base, options);
  const settings = () => settingsFor(undefined);
  const clock = runClock(deps);
  const providerDeps = lazyProviderDeps(base, unsettled, fromConfig, clock);
  const hooks = hookServices(base, settingsFor, providerDeps, fromConfig, clock);
  const checkLogin = async (id: ProviderId) => {
    const login = definitionOf(id).loginCheck;
    return login ? login.run(await settingsFor(id), await providerDeps()) : undefined;
  };
  const checkCredentials = async (id: ProviderId) => {
    const check = definitionOf(id).login?.check;
    return check ? check(await settingsFor(id), await providerDeps()) : undefined;
  };
  const outputFormat = outputFormatOf(flags, unsettled);
  const rulesConfig = async () => {
    await unsettled();
    return fromConfig.rules;
  };
  const bounds = async () => {
    await unsettled();
    return resolveBounds(flags, fromConfig.bounds);
  };
  const patterns = credentialVariablePatterns(SETTINGS_SECTIONS);
  const credentialVariable = (name: string) => matchCredentialVariable(name, patterns);
  const withLogin = (login: Readonly<Record<string, LoginValues>>) => createContext(flags, deps, redactor, { ...options, login });
  return {
    deps,
    io,
    outputFormat,
    debug,
    redactor,
    settings,
    hooks,
    checkLogin,
    checkCredentials,
    bounds,
    flags,
    log,
    rulesConfig,
    credentialVariable,
    withLogin,
  };
}

/** What the lazily built pieces of a RunContext share. */
interface ContextBase {
  flags: GlobalFlags;
  deps: Deps;
  redactor: Redactor;
  io: Io;
  debug: boolean;
  log(line: string): void;
}

/** Config file settings used outside ResolvedSettings; set once settings() has loaded the file. */
interface ConfigExtras {
  maxResponseMib?: number | undefined;
  /** The config file's bound keys (maxPages, maxHooks, …). */
  bounds?: Partial<Bounds> | undefined;
  rules?: RulesConfig | undefined;
  rateBudget?: RateBudgetConfig | undefined;
}

/** The run's clock: `now` for budgets, `sleep` for every wait. */
interface RunClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A password in an endpoint URL (user:password@) is masked in every output, --debug included. */
function maskEndpointCredentials(flags: GlobalFlags, env: Deps['env'], redactor: Redactor): void {
  redactor.addUrlCredentials(flags.endpoint);
  for (const [name, value] of Object.entries(env)) if (/^HOOKCTL_\w*ENDPOINT$/.test(name)) redactor.addUrlCredentials(value);
}

function debugLog(debug: boolean, io: Io, redactor: Redactor): (line: string) => void {
  return (line) => {
    if (debug) io.err(io.color.dim(`[debug] ${printableLine(redactor.scrub(line))}`));
  };
}

/** The settings of one run, built on first use. */
interface LazySettings {
  /**
   * Settled and checked: for one provider (only its sections may take a stored login, so a login
   * of another provider is not read) or, with undefined, for every provider.
   */
  settings(scope: ProviderId | undefined): Promise<ResolvedSettings>;
  /** Flags, environment and config file only: what needs no credential (timeouts, retries, output). */
  unsettled(): Promise<ResolvedSettings>;
  /** The config file's other sections, set once the file is loaded. */
  fromConfig: ConfigExtras;
}

function lazySettings(base: ContextBase, options: ContextOptions): LazySettings {
  const { deps } = base;
  const fromConfig: ConfigExtras = {};
  let loading: Promise<Awaited<ReturnType<typeof loadConfig>>> | undefined;
  const load = () => {
    loading ??= Promise.resolve()
      .then(() => checkEnvironment(deps.env, SETTINGS_SECTIONS))
      .then(() => (options.configFile === false ? { file: undefined, config: {}, profileName: undefined, profile: {} } : readConfig(base)))
      .then((loaded) => {
        registerUrlCredentials([loaded.config, loaded.profile], base.redactor);
        if (loaded.file) base.log(`config: ${loaded.file}${loaded.profileName ? ` (profile ${loaded.profileName})` : ''}`);
        fromConfig.maxResponseMib = (loaded.config as { maxResponseMiB?: number }).maxResponseMiB;
        const config = loaded.config as Partial<Bounds>;
        fromConfig.bounds = Object.fromEntries(BOUND_KEYS.map((key) => [key, config[key]]));
        fromConfig.rules = (loaded.config as { rules?: RulesConfig }).rules;
        fromConfig.rateBudget = (loaded.config as { rateBudget?: RateBudgetConfig }).rateBudget;
        return loaded;
      });
    return loading;
  };
  const settled = new Map<string, Promise<ResolvedSettings>>();
  const settings = (scope: ProviderId | undefined) => {
    const key = scope ?? '';
    let found = settled.get(key);
    if (!found) {
      found = load().then((loaded) => settle(base, loaded, options, scope));
      settled.set(key, found);
    }
    return found;
  };
  const unsettled = () => load().then((loaded) => resolvedFrom(base, loaded));
  return { settings, unsettled, fromConfig };
}

function readConfig({ flags, deps, io }: ContextBase): ReturnType<typeof loadConfig> {
  return loadConfig({
    cwd: deps.cwd,
    homeDir: deps.homeDir,
    env: deps.env,
    configFile: flags.config,
    profile: flags.profile,
    statMode: deps.statMode,
    fileOwner: deps.fileOwner,
    uid: deps.uid,
    exists: deps.exists,
    warn: (line) => io.err(`${io.color.yellow('warning:')} ${printableLine(line)}`),
    sections: SETTINGS_SECTIONS,
  });
}

/** Flags over environment over the config file. */
function resolvedFrom({ flags, deps }: ContextBase, loaded: Awaited<ReturnType<typeof loadConfig>>): ResolvedSettings {
  const { timeout, retries } = flags;
  return resolveSettings(
    loaded,
    { endpoint: flags.endpoint, region: flags.region, codeupMode: flags.codeupMode, timeout, retries },
    deps.env,
    SETTINGS_SECTIONS,
  );
}

/**
 * Flags over environment over the config file, then stored logins (of `scope`'s sections only,
 * when given), then credentials from the cloud CLIs, then checks.
 */
async function settle(
  base: ContextBase,
  loaded: Awaited<ReturnType<typeof loadConfig>>,
  options: ContextOptions,
  scope: ProviderId | undefined,
): Promise<ResolvedSettings> {
  const { flags, deps, log } = base;
  const sections = SETTINGS_SECTIONS;
  const resolved = resolvedFrom(base, loaded);
  // The demo uses its own emulator credentials only; everyone else falls back to the cloud CLIs' files.
  const allowHttp = allowHttpFrom(flags.allowHttp, deps.env);
  if (options.configFile === false) return checked(settleSettings(resolved, sections), allowHttp);
  const own = scope === undefined ? undefined : new Set(definitionOf(scope).settings.map((section) => section.key));
  const withLogins = await storedLogins(
    resolved,
    deps,
    sections.filter((section) => own?.has(section.key) ?? true),
  );
  const { withCloudCliCredentials } = await import('../config/cloud-cli.js');
  const withCli = await withCloudCliCredentials(withLogins, deps, sections);
  for (const note of withCli.notes ?? []) log(`credentials: ${note}`);
  const chosen = options.login ? loginInPlace(withCli, options.login, sections) : withCli;
  return checked(settleSettings(chosen, sections), allowHttp);
}

/** The stored-login link; its module (and the keychain) load only when a section still lacks credentials. */
async function storedLogins(resolved: ResolvedSettings, deps: Deps, sections: readonly SettingsSection[]): Promise<ResolvedSettings> {
  if (!sections.some((section) => section.login?.wanted(resolved))) return resolved;
  const [{ withStoredLogins, loginFilePath }, { userConfigDir }] = await Promise.all([import('../config/login-store.js'), import('../config/load.js')]);
  return withStoredLogins(resolved, sections, loginFilePath(userConfigDir(deps.env, deps.homeDir)), deps);
}

/** A login being checked replaces the credentials of its sections, whatever the chain found. */
function loginInPlace(settings: ResolvedSettings, login: Readonly<Record<string, LoginValues>>, sections: readonly SettingsSection[]): ResolvedSettings {
  return sections.reduce((current, section) => {
    const values = login[section.key];
    return values && section.login ? section.login.apply(current, values, 'login (being checked)') : current;
  }, settings);
}

// One monotonic clock for the run's waits (retries, the request budget): every wait goes through
// deps.sleep, and when that returns early (a test's instant sleep) the clock moves on by what
// was skipped, so a budget pause that a retry already waited out is over for the budget too.
function runClock(deps: Deps): RunClock {
  let skew = 0;
  return {
    now: () => performance.now() + skew,
    sleep: async (ms: number, signal?: AbortSignal) => {
      const started = performance.now();
      await deps.sleep(ms, signal);
      skew += Math.max(0, ms - (performance.now() - started));
    },
  };
}

/** What every provider is built with; the transport is made once, on first use. */
function lazyProviderDeps(
  { flags, deps, redactor, io, debug, log }: ContextBase,
  settings: () => Promise<ResolvedSettings>,
  fromConfig: ConfigExtras,
  clock: RunClock,
): () => Promise<ProviderDeps> {
  let transport: Transport | undefined;
  return async () => {
    const resolved = await settings();
    const mib = flags.maxResponseMib ?? fromConfig.maxResponseMib;
    const maxResponseBytes = mib === undefined ? undefined : mib * 1024 * 1024;
    transport ??= withSignal(
      deps.transport ?? createUndiciTransport({ timeoutMs: resolved.timeoutMs, maxResponseBytes, proxy: proxyFrom(deps.env) }),
      deps.signal,
    );
    const cache = { dir: deps.cacheDir, readFile: deps.readFile, writeFile: deps.writeFile };
    const retry = { retries: resolved.retries, sleep: clock.sleep, random: deps.random, signal: deps.signal, now: deps.now };
    const notice = (line: string) => io.err(`${io.color.yellow('note:')} ${errorLine(line, redactor)}`);
    const bounds = resolveBounds(flags, fromConfig.bounds);
    return { transport, redactor, now: deps.now, nonce: deps.nonce, debug: debug ? log : undefined, cache, retry, notice, bounds };
  };
}

/** hooks(id): one HookService per provider, built on first use. */
function hookServices(
  { deps, log }: ContextBase,
  settings: (scope: ProviderId) => Promise<ResolvedSettings>,
  providerDeps: () => Promise<ProviderDeps>,
  fromConfig: ConfigExtras,
  clock: RunClock,
): (id: ProviderId) => Promise<HookService> {
  const services = new Map<ProviderId, Promise<HookService>>();
  return (id) => {
    let found = services.get(id);
    if (!found) {
      found = Promise.all([
        settings(id),
        providerDeps(),
        import('../hooks/service.js'),
        import('../fleet/rate-budget.js'),
        import('../fleet/rate-budget-config.js'),
      ]).then(async ([resolved, shared, { createHookService }, { createRateBudget }, { rateBudgetFor }]) => {
        // One request budget per provider, shared by every worker of the run (README "Request budget").
        const budget = createRateBudget({
          ...rateBudgetFor(fromConfig.rateBudget, id),
          now: clock.now,
          sleep: clock.sleep,
          signal: deps.signal,
          onPause: (ms, status) => log(`rate budget: ${id} answered ${status}; every ${id} request waits ${ms} ms`),
        });
        const pdeps = { ...shared, transport: budget.wrap(shared.transport) };
        return createHookService(await (deps.provider ? deps.provider(id) : loadProvider(id, resolved, pdeps)), pdeps, formatTarget);
      });
      services.set(id, found);
    }
    return found;
  };
}

/** `--json FIELDS` (a comma list) and `--jq EXPR`, as the JSON printer applies them. */
export function jsonView(flags: GlobalFlags): JsonView | undefined {
  if (flags.jsonFields === undefined && flags.jq === undefined) return undefined;
  return { fields: flags.jsonFields === undefined ? undefined : fieldList(flags.jsonFields), jq: flags.jq };
}

/** --output / --json / --jq, else the config file's `output`, else table; csv and sarif belong to a few verbs only. */
function outputFormatOf(flags: GlobalFlags, settings: () => Promise<ResolvedSettings>): () => Promise<OutputFormat> {
  const wantsJson = jsonRequested(flags);
  const flagFormat = wantsJson ? 'json' : flags.output;
  return async () => {
    if (wantsJson && flags.output !== undefined && flags.output !== 'json') {
      const { UsageError } = await import('../errors.js');
      throw new UsageError(`--output ${flags.output}: --json and --jq print JSON`, { hint: 'drop one of them' });
    }
    if (flagFormat === 'csv' || flagFormat === 'sarif') {
      const { UsageError } = await import('../errors.js');
      throw new UsageError(`--output ${flagFormat}: only ${flagFormat === 'csv' ? 'audit, export and rotate write' : 'audit writes'} ${flagFormat}`, {
        hint: 'use table, json or yaml',
      });
    }
    return flagFormat ?? (await settings()).output ?? 'table';
  };
}

/** Endpoints set in a config profile may carry user:password@ too. */
function registerUrlCredentials(value: unknown, redactor: Redactor, depth = 0): void {
  if (typeof value === 'string') redactor.addUrlCredentials(value);
  else if (value !== null && typeof value === 'object' && depth < 8) for (const item of Object.values(value)) registerUrlCredentials(item, redactor, depth + 1);
}

/** Region and endpoints pass checks.ts before any provider is built from them. */
function checked(settings: ResolvedSettings, allowHttp: boolean): ResolvedSettings {
  checkSettings(settings, allowHttp, SETTINGS_SECTIONS);
  return settings;
}

/** Ctrl-C aborts whatever request is in flight. */
function withSignal(transport: Transport, signal: AbortSignal): Transport {
  // Each request gets its own controller, linked to the run's signal only while it is in flight:
  // a bulk run makes thousands of requests, and listeners left on the shared signal would pile up.
  return async (req) => {
    if (req.signal) return transport(req);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await transport({ ...req, signal: controller.signal });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };
}

function proxyFrom(env: Record<string, string | undefined>) {
  return {
    httpProxy: env.HTTP_PROXY ?? env.http_proxy,
    httpsProxy: env.HTTPS_PROXY ?? env.https_proxy,
    noProxy: env.NO_PROXY ?? env.no_proxy,
  };
}
