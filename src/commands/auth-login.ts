/**
 * `hookctl auth login <provider>`: the credential from stdin (--with-token, as gh) or pasted at a
 * hidden prompt, checked with one live call, then stored in the OS keychain, or in a 0600 file in
 * the user config directory where no keychain works (said) or where --insecure-storage asks.
 */
import type { LoginValues } from '../config/section.js';
import { ExitCode, UsageError } from '../errors.js';
import type { ProviderId, Target } from '../model/target.js';
import { isProviderId, PROVIDER_IDS, parseTarget, TARGET_FORMS } from '../runtime/catalog.js';
import type { RunContext } from '../runtime/context.js';
import type { Prompter } from '../runtime/deps.js';
import { bool, text, type VerbInput } from '../runtime/flags.js';
import { listOnce } from './auth.js';

export const flags = {
  withToken: bool('--with-token', 'read the token (with --access-key: the secret key) from standard input'),
  accessKey: text('--access-key <id>', 'log in with an AccessKey pair: this id, the secret pasted or on stdin'),
  repoAuth: text('--repo-auth <name>', 'servicestage: the repository authorization name'),
  target: text('--target <target>', 'check the credential by listing this target’s hooks (needed for codeup)'),
  insecureStorage: bool('--insecure-storage', 'store in a 0600 file in the user config directory, not the OS keychain'),
} as const;

export interface LoginOptions {
  provider: ProviderId | undefined;
  withToken: boolean;
  accessKey: string | undefined;
  /** Values given by flag for ProviderLogin.extras, by the flag's name. */
  extras: Readonly<Record<string, string | undefined>>;
  target: Target | undefined;
  insecure: boolean;
}

export function parse(input: VerbInput<typeof flags>): LoginOptions {
  const [name] = input.args;
  if (name !== undefined && !isProviderId(name)) throw new UsageError(`auth login: unknown provider "${name}"`, { hint: `one of ${PROVIDER_IDS.join(', ')}` });
  const target = input.flags.target === undefined ? undefined : parseTarget(input.flags.target);
  if (target && name !== undefined && target.provider !== name) throw new UsageError(`--target: a ${name} target is needed (got ${target.provider})`);
  return {
    provider: name as ProviderId | undefined,
    withToken: input.flags.withToken === true,
    accessKey: input.flags.accessKey,
    extras: { '--repo-auth': input.flags.repoAuth },
    target,
    insecure: input.flags.insecureStorage === true,
  };
}

export async function run(options: LoginOptions, ctx: RunContext): Promise<number> {
  const registry = await import('../runtime/providers.js');
  // Questions only where a person is (a TTY, no CI, no --no-input); --with-token never asks for the secret.
  const ask = options.withToken ? undefined : (await import('../runtime/interactive.js')).asker(ctx);
  if (!options.withToken && !ask)
    throw new UsageError('auth login: no terminal to paste on: pipe the credential in with --with-token', {
      hint: 'or run on a terminal without --no-input/CI to paste it hidden',
    });
  const provider = options.provider ?? (ask ? await chooseProvider(ask) : undefined);
  if (!provider) throw new UsageError(`auth login: name the provider (${PROVIDER_IDS.join(', ')})`);
  const definition = registry.definitionOf(provider);
  const login = definition.login;
  if (!login) throw new UsageError(`auth login: ${provider} has no stored login`);
  if (options.accessKey !== undefined && !login.accessKey) throw new UsageError(`--access-key: ${provider} takes no AccessKey pair`);
  if (options.accessKey === undefined && !login.token) throw new UsageError(`auth login: ${provider} takes no token: use --access-key`);
  // Told before anything is read: a provider with no target-free call needs --target to check on.
  if (!ask && !login.check && !options.target) throw untargeted(provider);
  const values: Record<string, string> = {};
  if (ask) for (const line of login.instructions) ctx.io.err(line);
  const secret = ask
    ? await ask.secret({
        message: options.accessKey ? 'Secret key' : `Paste your ${login.token?.label ?? 'token'}`,
        validate: (v) => v !== '' || 'nothing was pasted',
      })
    : (await ctx.deps.stdin.readAll()).replace(/\r?\n$/, '');
  if (secret === '') throw new UsageError(ask ? 'auth login: nothing was pasted' : '--with-token: standard input is empty');
  ctx.redactor.add(secret);
  if (options.accessKey !== undefined && login.accessKey) {
    values[login.accessKey.id] = options.accessKey;
    values[login.accessKey.secret] = secret;
  } else if (login.token) values[login.token.variable] = secret;
  for (const extra of login.extras ?? []) {
    const given = options.extras[extra.flag];
    const value = given ?? (ask ? (await ask.text({ message: extra.label, validate: (v) => v.trim() !== '' || 'required' })).trim() : undefined);
    if (!value) throw new UsageError(`auth login ${provider}: ${extra.flag} is required (${extra.label.toLowerCase()})`);
    values[extra.variable] = value;
  }
  const target = options.target ?? (ask && !login.check ? await askTarget(ask, provider) : undefined);
  const bySection = splitBySection(values, definition.settings);
  const checked = ctx.withLogin(bySection);
  const detail = target ? await listOnce(checked, target) : await checked.checkCredentials(provider);
  if (detail === undefined) throw untargeted(provider);
  const { saveLogins, loginFilePath } = await import('../config/login-store.js');
  const { userConfigDir } = await import('../config/load.js');
  const path = loginFilePath(userConfigDir(ctx.deps.env, ctx.deps.homeDir));
  const saved = await saveLogins(path, bySection, options.insecure, ctx.deps);
  const where = saved.storage === 'keychain' ? 'the OS keychain' : `${path} (mode 0600)`;
  if (saved.fallbackReason) ctx.io.err(`${ctx.io.color.yellow('note:')} no OS keychain here (${saved.fallbackReason}); stored in ${where} instead`);
  const format = await ctx.outputFormat();
  if (format === 'json' || format === 'yaml') {
    await (await import('../output/render.js')).printData(ctx.io, format, {
      provider,
      storage: saved.storage,
      file: saved.storage === 'file' ? path : null,
      check: detail,
    });
  } else ctx.io.err(`logged in to ${provider}: ${detail}; stored in ${where}`);
  return ExitCode.ok;
}

/** Each value goes to the settings section that lists its variable. */
function splitBySection(
  values: Record<string, string>,
  sections: readonly { key: string; login?: { variables: readonly string[] } }[],
): Record<string, LoginValues> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(values)) {
    const section = sections.find((s) => s.login?.variables.includes(name));
    if (!section) continue;
    out[section.key] ??= {};
    out[section.key]![name] = value;
  }
  return out;
}

async function chooseProvider(ask: Prompter): Promise<ProviderId> {
  const answer = (
    await ask.text({ message: `Provider (${PROVIDER_IDS.join(', ')})`, validate: (v) => isProviderId(v.trim()) || `one of ${PROVIDER_IDS.join(', ')}` })
  ).trim();
  if (!isProviderId(answer)) throw new UsageError(`auth login: unknown provider "${answer}"`);
  return answer;
}

/** A provider with no target-free call checks the credential by listing one target's hooks. */
async function askTarget(ask: Prompter, provider: ProviderId): Promise<Target> {
  const valid = (v: string): string | true => {
    try {
      return parseTarget(v.trim()).provider === provider || `a ${provider} target`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };
  return parseTarget((await ask.text({ message: `Target to check the credential on (${provider}:…)`, validate: valid })).trim());
}

function untargeted(provider: ProviderId): UsageError {
  return new UsageError(`auth login ${provider}: name a target to check the credential on: --target ${TARGET_FORMS[provider] ?? `${provider}:…`}`);
}
