/**
 * `hookctl audit <target|pattern>...`: list every hook of every target and judge it with the
 * audit rules (fleet/rules.ts), issue 9 §2.
 *
 * Streaming: targets are read with bounded concurrency and judged as they arrive; only findings
 * are kept (for the sorted outputs), never the hooks, so memory stays flat in the number of
 * targets. Piped table (TSV) and csv print each target's findings as soon as it is judged; the
 * terminal table (grouped by severity), json, yaml and sarif are printed at the end.
 */
import { ExitCode, InterruptedError, PartialError, UsageError } from '../errors.js';
import { FAIL_ON_LEVELS, type FailOnLevel, type Finding } from '../model/finding.js';
import type { SarifOptions } from '../output/sarif.js';
import { formatTarget, parseTarget } from '../runtime/catalog.js';
import type { RunContext } from '../runtime/context.js';
import { bool, oneOf, text, type VerbInput } from '../runtime/flags.js';
import { createBatcher, discoveryStopped, type FleetOptions, type FleetRunResult, fleetFlags, parseFleet, UnreadLogsError } from './fleet.js';

export const AUDIT_FORMATS = ['table', 'json', 'yaml', 'csv', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const flags = {
  ...fleetFlags,
  file: text('-f, --file <hooks.yaml>', 'a hooks file: hooks it does not declare are reported as unmanaged'),
  failOn: oneOf('--fail-on <level>', 'exit 11 when a finding at or above this severity exists: low, medium or high', FAIL_ON_LEVELS),
  resolve: bool('--resolve', 'also resolve host names and report names that point at private addresses'),
  deliveries: bool('--no-deliveries', 'do not read delivery logs (CodeArts: one request per hook); delivery-failing then judges only what listings carry'),
} as const;

export interface AuditOptions extends FleetOptions {
  file?: string | undefined;
  failOn?: FailOnLevel | undefined;
  resolve: boolean;
  /** Read delivery logs where the provider keeps them (absent: yes); `--no-deliveries` turns it off. */
  deliveries?: boolean | undefined;
}

export async function parse(input: VerbInput<typeof flags>): Promise<AuditOptions> {
  return {
    ...(await parseFleet(input, 'audit')),
    file: input.flags.file,
    failOn: input.flags.failOn,
    resolve: input.flags.resolve === true,
    deliveries: input.flags.deliveries !== false,
  };
}

/** -o as typed (csv and sarif included), else the config's output, else table. */
async function auditFormat(ctx: RunContext, allowed: readonly string[], verb: string): Promise<AuditFormat> {
  const typed = ctx.flags.json ? 'json' : ctx.flags.output;
  if (typed !== undefined) {
    if (!allowed.includes(typed)) throw new UsageError(`--output ${typed}: ${verb} writes ${allowed.join(', ')}`);
    return typed;
  }
  return (await ctx.settings()).output ?? 'table';
}

export { auditFormat as fleetOutputFormat };

/** Identities the hooks file declares for one target: exact targets, and patterns (`*` one segment) matched. */
async function declaredFor(ctx: RunContext, file: string): Promise<(target: string) => Set<string>> {
  const [{ parseHooksFile }, { hookIdentity }, { resolve }] = await Promise.all([
    import('../fleet/hooks-file.js'),
    import('../model/url.js'),
    import('node:path'),
  ]);
  const path = resolve(ctx.deps.cwd, file);
  const content = await ctx.deps.readFile(path);
  if (content === undefined) throw new UsageError(`-f ${file}: no such file`);
  // The audit compares targets and URLs only: secrets the file names need not be set for it.
  const anySecret = new Proxy({}, { get: () => 'unused-by-audit' }) as Record<string, string>;
  const parsed = parseHooksFile(file, content, anySecret, ctx.credentialVariable);
  const exact = new Set<string>();
  const patterns: { match: RegExp; url: string }[] = [];
  for (const hook of parsed.hooks) {
    if (hook.target.includes('*')) {
      const source = hook.target
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      patterns.push({ match: new RegExp(`^${source}$`), url: hook.spec.url });
    } else {
      let name = hook.target;
      try {
        name = formatTarget(parseTarget(hook.target));
      } catch {
        // A target the parser refuses matches nothing live; plan/apply report it.
      }
      exact.add(hookIdentity(name, hook.spec.url));
    }
  }
  return (target) => {
    if (patterns.length === 0) return exact;
    const out = new Set(exact);
    for (const { match, url } of patterns) if (match.test(target)) out.add(hookIdentity(target, url));
    return out;
  };
}

export async function run(options: AuditOptions, ctx: RunContext): Promise<number> {
  const [rulesModule, { applyRulesConfig }, { runFleet }, { findingsToCsv, FINDING_CSV_COLUMNS, csvLine }] = await Promise.all([
    import('../fleet/rules.js'),
    import('../fleet/rules-config.js'),
    import('./fleet.js'),
    import('../output/csv.js'),
  ]);
  const { auditTarget, cachedResolver, PROVIDER_REPORTS_SECRET } = rulesModule;
  const format = await auditFormat(ctx, AUDIT_FORMATS, 'audit');
  const rules = applyRulesConfig(await ctx.rulesConfig());
  const declared = options.file === undefined ? undefined : await declaredFor(ctx, options.file);
  const { systemResolveHost } = await import('../runtime/deps.js');
  const resolver = options.resolve ? cachedResolver(ctx.deps.resolveHost ?? systemResolveHost) : undefined;
  const redact = (value: string) => ctx.redactor.scrub(value);
  const { io } = ctx;
  const streamTsv = format === 'table' && !io.stdoutIsTTY;
  const findings: Finding[] = [];
  const { severityAtLeast } = await import('../model/finding.js');
  const failing = options.failOn ? severityAtLeast(options.failOn) : undefined;
  let gate = false;
  if (format === 'csv') io.out(csvLine(FINDING_CSV_COLUMNS.map((c) => c.header)).trimEnd());
  // Piped table and csv stream, in batches (see createBatcher).
  const streamed = createBatcher<Finding>((batch) => {
    if (format === 'csv') io.out(findingsToCsv(batch).split('\n').slice(1).join('\n').trimEnd());
    else for (const f of batch) io.out([f.severity, f.ruleId, f.target, f.hookId, f.url, f.message].map((cell) => cell.replace(/[\t\r\n]/g, ' ')).join('\t'));
  });

  const reading = runFleet(
    options,
    ctx,
    async ({ target, name, hooks }) => {
      const found = await auditTarget(
        {
          target: name,
          provider: target.provider,
          hooks: hooks.map((hook) => ({ hook, delivery: hook.delivery })),
          secretReported: PROVIDER_REPORTS_SECRET[target.provider],
        },
        { rules, declared: declared?.(name), resolve: options.resolve, resolver, redact },
      );
      if (failing && found.some((f) => failing(f.severity))) gate = true;
      if (streamTsv || format === 'csv') streamed.push(...found);
      else findings.push(...found);
      return found.length;
    },
    { findings: true, beforeSummary: () => streamed.end(), deliveryStatus: options.deliveries !== false },
  );
  // Ctrl-C: the findings of the targets read so far are printed in every format, then the interruption ends the run.
  const result = await reading.catch(async (error: unknown) => {
    if (error instanceof InterruptedError) await printSorted(ctx, format, findings, rules);
    throw error;
  });
  await printSorted(ctx, format, findings, rules);
  if (gate) return ExitCode.findings;
  if (result.failed.length > 0) throw incompleteAudit(result.failed);
  return ExitCode.ok;
}

/** The outputs printed once every target is judged (json, yaml, sarif, the terminal table); the streamed ones are already out. */
async function printSorted(ctx: RunContext, format: AuditFormat, findings: Finding[], rules: SarifOptions['rules']): Promise<void> {
  const { io } = ctx;
  findings.sort((await import('../fleet/rules.js')).compareFindings);
  if (format === 'json' || format === 'yaml') {
    const { printData } = await import('../output/render.js');
    await printData(io, format, findings);
  } else if (format === 'sarif') {
    const [{ toSarif }, { createRequire }] = await Promise.all([import('../output/sarif.js'), import('node:module')]);
    // package.json is two levels up from src/commands and from dist/commands alike.
    const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
    io.out(JSON.stringify(toSarif(findings, { version, rules }), null, 2));
  } else if (format === 'table' && io.stdoutIsTTY) {
    await printGrouped(ctx, findings);
  }
}

/** Exit 5's closing line: targets not read at all, and targets whose hooks were judged without their delivery logs. */
function incompleteAudit(failed: FleetRunResult['failed']): PartialError {
  const plural = (n: number) => `${n} target${n === 1 ? '' : 's'}`;
  const discoveries = failed.filter((f) => f.discovery === true).length;
  // A pattern whose discovery stopped is no target: it is named apart, before the rest.
  const lead = discoveries > 0 ? `${discoveryStopped(discoveries)}; ` : '';
  const errors = failed.filter((f) => f.discovery !== true).map((f) => f.error);
  const logs = errors.filter((error) => error instanceof UnreadLogsError).length;
  const unread = errors.length - logs;
  if (unread === 0 && logs === 0) return new PartialError(`${lead}the findings of the targets read were printed`);
  if (logs === 0) return new PartialError(`${lead}${plural(unread)} could not be read; the findings of the others were printed`);
  const logsPart = `the delivery logs of ${plural(logs)} could not be read, so delivery-failing was not judged there`;
  if (unread === 0) return new PartialError(`${lead}${logsPart}; every other finding was printed`);
  return new PartialError(`${lead}${plural(unread)} could not be read and ${logsPart}; every finding that could be judged was printed`);
}

/** The terminal table's columns: target (a heading when it does not fit inline), rule and hook identify a finding. */
export const AUDIT_COLUMNS = [
  { header: 'TARGET', kind: 'id', priority: 0, heading: true },
  { header: 'RULE', kind: 'id', priority: 0 },
  { header: 'HOOK', kind: 'id', priority: 0 },
  { header: 'URL', kind: 'url', priority: 1 },
  { header: 'MESSAGE', priority: 2, min: 16 },
] as const;

/**
 * The terminal table: one block per severity, most severe first, all with the same widths, then
 * the fix of each rule that fired. Rule, target and hook identify a finding and are never cut.
 */
async function printGrouped(ctx: RunContext, findings: readonly Finding[]): Promise<void> {
  const { io } = ctx;
  if (findings.length === 0) {
    io.err('no findings');
    return;
  }
  const { printTable } = await import('../output/render.js');
  const colour = { high: io.color.red, medium: io.color.yellow, low: io.color.cyan, info: io.color.dim } as const;
  const sections = (['high', 'medium', 'low', 'info'] as const).flatMap((severity) => {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) return [];
    return [
      { title: colour[severity].bold(`${severity.toUpperCase()} (${group.length})`), rows: group.map((f) => [f.target, f.ruleId, f.hookId, f.url, f.message]) },
    ];
  });
  await printTable(io, AUDIT_COLUMNS, sections);
  const fixes = new Map(findings.map((f) => [f.ruleId, f.fix]));
  io.out(`\n${io.color.bold('How to fix')}\n${[...fixes].map(([rule, fix]) => `  ${rule}: ${fix}`).join('\n')}`);
}
