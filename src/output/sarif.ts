/**
 * `audit -o sarif`: a SARIF 2.1.0 log (OASIS) for code-scanning dashboards.
 *
 * - One run; tool.driver is hookctl with its version and the rules in force (id, title as
 *   shortDescription, meaning as fullDescription, the fix as help, severity as defaultConfiguration
 *   level: high → error, medium → warning, low and info → note).
 * - One result per finding, at the finding's (possibly re-levelled) level. A hook has no file, so
 *   its location is a logical one (kind `resource`, fully qualified `<target>/hooks/<id>`) plus an
 *   artifactLocation whose uri is the same name (`codeup:org/123/hooks/7`: the target string is
 *   already a URI with the provider as its scheme), which dashboards that insist on an artifact
 *   can show.
 * - partialFingerprints `hookctl/v1`: a SHA-256 of (rule, target, hook, url), so a dashboard keeps
 *   one alert for one problem across runs and opens a new one when the hook moves to another URL.
 */
import { createHash } from 'node:crypto';
import type { Finding, Rule, Severity } from '../fleet/rules.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** GitHub code scanning reads `security-severity` (0–10) to rank security results. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

export interface SarifOptions {
  /** hookctl's version (package.json). */
  version: string;
  /** The rules in force; results of rules not listed still point at their id, without ruleIndex. */
  rules: readonly Rule[];
  /** Where the rules are documented, shown as each rule's helpUri. */
  helpUri?: string;
}

/** `<target>/hooks/<id>`, as a URI: the target's characters outside URI syntax percent-encoded. */
export function hookUri(target: string, hookId: string): string {
  return `${encodeURI(target)}/hooks/${encodeURIComponent(hookId)}`;
}

export function findingFingerprint(finding: Pick<Finding, 'ruleId' | 'target' | 'hookId' | 'url'>): string {
  return createHash('sha256').update([finding.ruleId, finding.target, finding.hookId, finding.url].join('\u0000')).digest('hex');
}

export function toSarif(findings: Iterable<Finding>, options: SarifOptions): Record<string, unknown> {
  const index = new Map(options.rules.map((rule, i) => [rule.id, i]));
  const rules = options.rules.map((rule) => ({
    id: rule.id,
    name: camel(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.fix },
    ...(options.helpUri ? { helpUri: options.helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { tags: ['security', 'webhook'], 'security-severity': SECURITY_SEVERITY[rule.severity], severity: rule.severity },
  }));
  const results = [];
  for (const finding of findings) {
    const name = hookUri(finding.target, finding.hookId);
    const ruleIndex = index.get(finding.ruleId);
    results.push({
      ruleId: finding.ruleId,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      level: sarifLevel(finding.severity),
      message: { text: `${finding.message} (${finding.url}). Fix: ${finding.fix}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: name } },
          logicalLocations: [{ name: finding.hookId, fullyQualifiedName: name, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'hookctl/v1': findingFingerprint(finding) },
      properties: { severity: finding.severity, target: finding.target, hook: finding.hookId, url: finding.url },
    });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'hookctl', version: options.version, semanticVersion: options.version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** `credentials-in-url` → `CredentialsInUrl`, the form SARIF suggests for a rule's name. */
function camel(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
