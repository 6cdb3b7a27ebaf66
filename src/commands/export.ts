/**
 * `hookctl export <target|pattern>... [-o yaml|json|csv]`: the hook inventory (issue 9 §3).
 * yaml (default) and json write the hooks file that plan/apply read (fleet/export.ts), secrets as
 * `${env:HOOK_SECRET_…}` placeholders; csv writes one row per hook, streamed target by target.
 * yaml and json are sorted by target and URL, so they are printed once every target is read.
 */
import { ExitCode, PartialError } from '../errors.js';
import type { ProviderId } from '../model/target.js';
import type { RunContext } from '../runtime/context.js';
import type { VerbInput } from '../runtime/flags.js';
import { jsonRequested } from '../runtime/global-flags.js';
import type { Capabilities } from '../runtime/providers.js';
import { fleetOutputFormat } from './audit.js';
import { discoveryStopped, type FleetOptions, failureCounts, fleetFlags, parseFleet } from './fleet.js';

export const EXPORT_FORMATS = ['yaml', 'json', 'csv'] as const;

export const flags = fleetFlags;

export type ExportOptions = FleetOptions;

export function parse(input: VerbInput<typeof flags>): Promise<ExportOptions> {
  return parseFleet(input, 'export');
}

export async function run(options: ExportOptions, ctx: RunContext): Promise<number> {
  const [{ runFleet }, { exportHooks, exportedSecretNames }, { hooksToCsv }] = await Promise.all([
    import('./fleet.js'),
    import('../fleet/export.js'),
    import('../output/csv.js'),
  ]);
  // Not the config's `output` (table makes no sense here): yaml unless -o says otherwise.
  const format = ctx.flags.output === undefined && !jsonRequested(ctx.flags) ? 'yaml' : await fleetOutputFormat(ctx, EXPORT_FORMATS, 'export');
  const { io } = ctx;
  const redact = (text: string) => ctx.redactor.scrub(text);
  const live: { target: string; hook: import('../model/hook.js').Hook }[] = [];
  const fields = new Map<ProviderId, Capabilities['fields']>();
  let header = true;
  const result = await runFleet(options, ctx, async ({ target, name, hooks }) => {
    if (format === 'csv') {
      const rows = hooks.map((hook) => ({ target: name, hook }));
      const text = hooksToCsv(rows, { redact });
      const lines = header ? text : text.slice(text.indexOf('\n') + 1);
      header = false;
      if (lines !== '') io.out(lines.trimEnd());
      return undefined;
    }
    if (!fields.has(target.provider)) fields.set(target.provider, (await ctx.hooks(target.provider)).capabilities.fields);
    for (const hook of hooks) live.push({ target: name, hook });
    return undefined;
  });
  if (format === 'csv') {
    if (header) io.out(hooksToCsv([], { redact }).trimEnd());
  } else {
    const providerOf = (target: string) => target.slice(0, target.indexOf(':')) as ProviderId;
    const text = exportHooks(live, {
      format: format === 'json' ? 'json' : 'yaml',
      traits: (target) => ({ fields: fields.get(providerOf(target)) ?? ({} as Capabilities['fields']) }),
    });
    io.out(text.trimEnd());
    const names = exportedSecretNames(live);
    if (names.length > 0)
      io.err(`note: ${names.length} hook secret${names.length === 1 ? '' : 's'} exported as \${env:NAME} placeholders; set them before plan or apply`);
  }
  if (result.failed.length > 0) {
    const { targets, discoveries } = failureCounts(result.failed);
    const parts = [
      ...(discoveries > 0 ? [discoveryStopped(discoveries)] : []),
      ...(targets > 0 ? [`${targets} target${targets === 1 ? '' : 's'} could not be read`] : []),
    ];
    throw new PartialError(`${parts.join('; ')}; the hooks of the ${targets > 0 ? 'others' : 'targets read'} were exported`);
  }
  return ExitCode.ok;
}
