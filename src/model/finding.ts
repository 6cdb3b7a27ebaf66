/**
 * The audit's vocabulary (issue 9 §2): severities, rule ids and findings. It is part of the model
 * because commands and output speak it too (tables, CSV, SARIF); the rules themselves, with their
 * checks, live in src/fleet/rules.ts.
 */
export const SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The levels `--fail-on` takes. */
export const FAIL_ON_LEVELS = ['low', 'medium', 'high'] as const;
export type FailOnLevel = (typeof FAIL_ON_LEVELS)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** `--fail-on low|medium|high`: a predicate true for a severity at or above the level. */
export function severityAtLeast(level: Severity): (severity: Severity) => boolean {
  const floor = severityRank(level);
  return (severity) => severityRank(severity) >= floor;
}

export const RULE_IDS = [
  'insecure-url',
  'tls-verify-disabled',
  'no-secret',
  'duplicate-url',
  'private-address',
  'credentials-in-url',
  'delivery-failing',
  'all-branches',
  'unmanaged',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One finding: one rule that fired on one hook. Every string in it is safe to print. */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** The target as written (`codeup:org/123`). */
  target: string;
  hookId: string;
  /** The hook URL with credentials masked (`user:***@`, `?token=***`) and the caller's redaction applied. */
  url: string;
  message: string;
  fix: string;
}

/** What a rule is, without its check: what reports (README, SARIF) need. */
export interface RuleDescriptor {
  id: RuleId;
  severity: Severity;
  title: string;
  /** What it means, one sentence (README, SARIF fullDescription). */
  description: string;
  /** The one-line fix (README, SARIF help). */
  fix: string;
}
