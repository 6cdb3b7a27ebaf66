import { allowHttpFrom, checkEnvironment, checkSettings } from '../config/checks.js';
import { loadConfig } from '../config/load.js';
import { type ResolvedSettings, resolveSettings, settleSettings } from '../config/resolve.js';
import { UsageError } from '../errors.js';
import type { Redactor } from '../http/redact.js';
import { createUndiciTransport } from '../http/transport.js';
import type { Transport } from '../http/types.js';
import type { ProviderId } from '../model/target.js';
import { type Io, createIo } from '../output/io.js';
import type { OutputFormat } from '../output/render.js';
import type { ProviderDeps } from '../providers/deps.js';
import { loadProvider, SETTINGS_SECTIONS } from '../providers/registry.js';
import type { Provider } from '../providers/types.js';
import type { Deps } from './deps.js';
import { errorLine, printableLine } from './report.js';

/** Global flags as commander hands them over (design §4). */
export interface GlobalFlags {
  output?: string;
  json?: boolean;
  profile?: string;
  config?: string;
  endpoint?: string;
  region?: string;
  codeupMode?: string;
  timeout?: string;
  retries?: string;
  maxResponseMib?: string;
  debug?: boolean;
  color?: boolean;
  allowHttp?: boolean;
}

/** What a command runs with: output, settings, providers. Built once per run. */
export interface RunContext {
  deps: Deps;
  io: Io;
  /** --output / --json, else the config file's `output`, else table. */
  outputFormat(): Promise<OutputFormat>;
  debug: boolean;
  redactor: Redactor;
  settings(): Promise<ResolvedSettings>;
  provider(id: ProviderId): Promise<Provider>;
  /** What provider factories get (transport, redactor, clock, token cache): for `auth status --check`. */
  providerDeps(): Promise<ProviderDeps>;
  /** Debug sink: stderr, only with --debug, already redacted by the caller. */
  log(line: string): void;
}

const FORMATS = ['table', 'json', 'yaml'] as const;

export function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0 || ms > 600_000) {
    throw new UsageError(`--timeout: must be a whole number of milliseconds from 1 to 600000 (got "${value}")`);
  }
  return ms;
}

/** --retries: the same bounds as the config key `retries` (config/schema.ts). */
export function parseRetries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 10) {
    throw new UsageError(`--retries: must be a whole number from 0 to 10 (got "${value}")`);
  }
  return n;
}

/** --max-response-mib: the same bounds as the config key `maxResponseMiB` (config/schema.ts). */
export function parseMaxResponseMib(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1 || n > 1024) {
    throw new UsageError(`--max-response-mib: must be a whole number of MiB from 1 to 1024 (got "${value}")`);
  }
  return n;
}

export interface ContextOptions {
  /** false: use defaults and environment only, never a config file (the demo). */
  configFile?: boolean;
}

export function createContext(flags: GlobalFlags, deps: Deps, redactor: Redactor, options: ContextOptions = {}): RunContext {
  const io = createIo({ stdout: deps.stdout, stderr: deps.stderr, env: deps.env, noColor: flags.color === false, redactor });
  // A password in an endpoint URL (user:password@) is masked in every output, --debug included.
  redactor.addUrlCredentials(flags.endpoint);
  for (const [name, value] of Object.entries(deps.env)) if (/^HOOKCTL_\w*ENDPOINT$/.test(name)) redactor.addUrlCredentials(value);
  if (flags.output !== undefined && !(FORMATS as readonly string[]).includes(flags.output)) {
    throw new UsageError(`--output: must be one of ${FORMATS.join(', ')} (got "${flags.output}")`);
  }
  if (flags.codeupMode !== undefined && flags.codeupMode !== 'v3' && flags.codeupMode !== 'oapi') {
    throw new UsageError(`--codeup-mode: must be v3 or oapi (got "${flags.codeupMode}")`);
  }
  const timeout = parseTimeout(flags.timeout);
  const retries = parseRetries(flags.retries);
  const maxResponseMib = parseMaxResponseMib(flags.maxResponseMib);
  let configMaxResponseMib: number | undefined;
  const debug = flags.debug === true;
  const log = (line: string) => {
    if (debug) io.err(io.color.dim(`[debug] ${printableLine(redactor.scrub(line))}`));
  };

  let settingsPromise: Promise<ResolvedSettings> | undefined;
  const sections = SETTINGS_SECTIONS;
  const settings = () => {
    settingsPromise ??= Promise.resolve()
      .then(() => checkEnvironment(deps.env, sections))
      .then(() =>
      options.configFile === false
        ? { file: undefined, config: {}, profileName: undefined, profile: {} }
        : loadConfig({
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
            sections,
          }),
    ).then(async (loaded) => {
      registerUrlCredentials([loaded.config, loaded.profile], redactor);
      if (loaded.file) log(`config: ${loaded.file}${loaded.profileName ? ` (profile ${loaded.profileName})` : ''}`);
      configMaxResponseMib = (loaded.config as { maxResponseMiB?: number }).maxResponseMiB;
      const resolved = resolveSettings(
        loaded,
        { endpoint: flags.endpoint, region: flags.region, codeupMode: flags.codeupMode as 'v3' | 'oapi' | undefined, timeout, retries },
        deps.env,
        sections,
      );
      // The demo uses its own emulator credentials only; everyone else falls back to the cloud CLIs' files.
      const allowHttp = allowHttpFrom(flags.allowHttp, deps.env);
      if (options.configFile === false) return checked(settleSettings(resolved, sections), allowHttp);
      const { withCloudCliCredentials } = await import('../config/cloud-cli.js');
      const withCli = await withCloudCliCredentials(resolved, deps, sections);
      for (const note of withCli.notes ?? []) log(`credentials: ${note}`);
      return checked(settleSettings(withCli, sections), allowHttp);
    });
    return settingsPromise;
  };

  let transport: Transport | undefined;
  const providerDeps = async (): Promise<ProviderDeps> => {
    const resolved = await settings();
    const mib = maxResponseMib ?? configMaxResponseMib;
    const maxResponseBytes = mib === undefined ? undefined : mib * 1024 * 1024;
    transport ??= withSignal(deps.transport ?? createUndiciTransport({ timeoutMs: resolved.timeoutMs, maxResponseBytes, proxy: proxyFrom(deps.env) }), deps.signal);
    const cache = { dir: deps.cacheDir, readFile: deps.readFile, writeFile: deps.writeFile };
    const retry = { retries: resolved.retries, sleep: deps.sleep, random: deps.random, signal: deps.signal, now: deps.now };
    const notice = (line: string) => io.err(`${io.color.yellow('note:')} ${errorLine(line, redactor)}`);
    return { transport, redactor, now: deps.now, nonce: deps.nonce, debug: debug ? log : undefined, cache, retry, notice };
  };
  const providers = new Map<ProviderId, Promise<Provider>>();
  const provider = (id: ProviderId) => {
    let found = providers.get(id);
    if (!found) {
      // Every adapter comes wrapped in the safe writes of safe-create.ts: no adapter retries or deduplicates a create on its own.
      found = Promise.all([settings(), providerDeps(), import('../providers/safe-create.js')]).then(async ([resolved, pdeps, { withSafeWrites }]) =>
        withSafeWrites(await loadProvider(id, resolved, pdeps), pdeps),
      );
      providers.set(id, found);
    }
    return found;
  };

  const flagFormat = flags.json ? 'json' : (flags.output as OutputFormat | undefined);
  const outputFormat = async (): Promise<OutputFormat> => flagFormat ?? (await settings()).output ?? 'table';
  return { deps, io, outputFormat, debug, redactor, settings, provider, providerDeps, log };
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
