import type { ResolvedSettings, Sourced } from '../config/resolve.js';
import { AuthError, ExitCode, HookctlError, UsageError } from '../errors.js';
import type { ProviderId, Target } from '../model/target.js';
import { formatTarget, PROVIDER_IDS, parseTarget, TARGET_FORMS } from '../runtime/catalog.js';
import type { Redactor, RunContext } from '../runtime/context.js';
import { bool, list, type VerbInput } from '../runtime/flags.js';
import type { CredentialRow } from '../runtime/providers.js';

export type { CredentialRow };

/** The provider registry, loaded when the verb runs (its flags and parser need only the catalog). */
type Registry = typeof import('../runtime/providers.js');

export interface CheckResult {
  status: 'ok' | 'refused' | 'failed' | 'skipped';
  detail: string;
  exitCode?: number;
}

export interface ProviderAuthStatus {
  provider: ProviderId;
  /** How requests would be authenticated, or "not configured". */
  mode: string;
  configured: boolean;
  endpoint: Sourced<string>;
  credentials: CredentialRow[];
  /** What keeps a provider with credentials from working (not printed in JSON; the rows show it). */
  missing?: string;
  check?: CheckResult;
}

/** Offline: what each provider would send and where every value came from. */
export function describeAuth(s: ResolvedSettings, { PROVIDERS }: Pick<Registry, 'PROVIDERS'>): ProviderAuthStatus[] {
  return PROVIDERS.map((definition) => ({ provider: definition.id, ...definition.describeAuth(s) }));
}

export async function attempt(run: () => Promise<string>, redactor: Redactor): Promise<CheckResult> {
  try {
    return { status: 'ok', detail: await run() };
  } catch (error) {
    const detail = redactor.scrub(error instanceof Error ? error.message : String(error));
    if (error instanceof AuthError) return { status: 'refused', detail, exitCode: error.exitCode };
    return { status: 'failed', detail, exitCode: error instanceof HookctlError ? error.exitCode : ExitCode.failure };
  }
}

/** One page of one target's hooks: the cheapest call every adapter makes. */
export async function listOnce(ctx: RunContext, target: Target): Promise<string> {
  const service = await ctx.hooks(target.provider);
  const hooks = service.list(target)[Symbol.asyncIterator]();
  const first = await hooks.next();
  await hooks.return?.();
  return `listed the hooks of ${formatTarget(target)} (${first.done ? 'none' : 'at least one'})`;
}

/** One live call per provider: the given target's hook list, else an IAM login, else nothing. */
async function runChecks(ctx: RunContext, statuses: ProviderAuthStatus[], targets: Target[], { definitionOf }: Pick<Registry, 'definitionOf'>): Promise<void> {
  const settings = await ctx.settings();
  const logins = new Map<string, Promise<CheckResult>>(); // providers that share a login (one IAM account) check it once
  for (const status of statuses) {
    const target = targets.find((t) => t.provider === status.provider);
    const login = definitionOf(status.provider).loginCheck;
    if (target) {
      status.check = await attempt(() => listOnce(ctx, target), ctx.redactor);
    } else if (status.configured && login?.applies(settings)) {
      let pending = logins.get(login.key);
      if (!pending) {
        pending = attempt(async () => (await ctx.checkLogin(status.provider)) ?? '', ctx.redactor);
        logins.set(login.key, pending);
      }
      status.check = await pending;
    } else {
      const why = status.configured
        ? `no live call without a target: add --target ${TARGET_FORMS[status.provider]}`
        : status.missing
          ? `missing ${status.missing}`
          : 'no credentials';
      status.check = { status: 'skipped', detail: why };
    }
  }
}

export interface AuthStatusOptions {
  check: boolean;
  targets: Target[];
}

export const flags = {
  check: bool('--check', 'make one live call per configured provider (an IAM login, or a --target hook list)'),
  target: list('--target <target>', 'with --check: list this target’s hooks (one per provider)'),
} as const;

export function parse(input: VerbInput<typeof flags>): AuthStatusOptions {
  const targets = (input.flags.target ?? []).map(parseTarget);
  for (const id of PROVIDER_IDS) {
    if (targets.filter((t) => t.provider === id).length > 1) throw new UsageError(`--target: one target per provider (${id} given twice)`);
  }
  if (targets.length > 0 && input.flags.check !== true) throw new UsageError('--target only makes sense with --check');
  return { check: input.flags.check === true, targets };
}

export async function run(options: AuthStatusOptions, ctx: RunContext): Promise<number> {
  const registry = await import('../runtime/providers.js');
  const settings = await ctx.settings();
  const statuses = describeAuth(settings, registry);
  if (options.check) await runChecks(ctx, statuses, options.targets, registry);
  const notes = settings.notes ?? [];
  const format = await ctx.outputFormat();
  if (format === 'table') await printTable(ctx, statuses, notes);
  else await (await import('../output/render.js')).printData(ctx.io, format, { providers: statuses.map(toPlain), notes });
  return exitCodeOf(statuses);
}

/** A refused check decides the code (4); otherwise the first other failure's own code. */
function exitCodeOf(statuses: ProviderAuthStatus[]): number {
  const checks = statuses.flatMap((s) => (s.check ? [s.check] : []));
  if (checks.some((c) => c.status === 'refused')) return ExitCode.auth;
  return checks.find((c) => c.status === 'failed')?.exitCode ?? ExitCode.ok;
}

function toPlain(status: ProviderAuthStatus): Record<string, unknown> {
  const plainStatus: Record<string, unknown> = {
    provider: status.provider,
    mode: status.mode,
    configured: status.configured,
    endpoint: { value: status.endpoint.value, source: status.endpoint.source },
    credentials: status.credentials.map((c) => ({ name: c.name, value: c.value, source: c.source })),
  };
  if (status.check) plainStatus.check = { status: status.check.status, detail: status.check.detail };
  return plainStatus;
}

async function printTable(ctx: RunContext, statuses: ProviderAuthStatus[], notes: string[]): Promise<void> {
  const { io } = ctx;
  const { formatTable } = await import('../output/table.js');
  const rows: string[][] = [];
  for (const s of statuses) {
    if (s.credentials.length === 0) rows.push([s.provider, s.mode, '-', '-', '-']);
    for (const c of s.credentials) rows.push([s.provider, s.mode, c.name, c.value, c.source]);
    if (s.check) rows.push([s.provider, s.mode, 'check', s.check.status, s.check.detail]);
  }
  io.out(
    formatTable(['PROVIDER', 'MODE', 'CREDENTIAL', 'VALUE', 'SOURCE'], rows, {
      tty: io.stdoutIsTTY,
      color: io.color,
      columns: io.stdoutColumns,
      scrub: io.scrub,
    }),
  );
  for (const note of notes) io.err(`${io.color.dim('note:')} ${note}`);
}
