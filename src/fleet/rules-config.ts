/**
 * The `rules:` section of the config file: turn a rule off or give it another severity.
 *
 *   rules:
 *     all-branches: off            # disabled
 *     delivery-failing: high       # re-levelled
 *     no-secret: { severity: high }
 *     unmanaged: { enabled: false }
 *
 * An unknown rule id or severity is an error naming it (a typo would otherwise silently keep a
 * rule on). The config loader (src/config/schema.ts) plugs RulesConfigSchema in as `rules`.
 */
import { z } from 'zod';
import { RULE_IDS, RULES, type Rule, RuleIdSchema, SEVERITIES, type Severity, SeveritySchema } from './rules.js';

export const RuleSettingSchema = z.union(
  [
    z.literal('off'),
    SeveritySchema,
    z.strictObject({
      enabled: z.boolean().optional(),
      severity: SeveritySchema.optional(),
    }),
  ],
  { error: `must be "off", a severity (${SEVERITIES.join(', ')}) or { enabled, severity }` },
);
export type RuleSetting = z.infer<typeof RuleSettingSchema>;

const UNKNOWN_RULE = `unknown rule; known rules: ${RULE_IDS.join(', ')}`;

export const RulesConfigSchema = z.partialRecord(RuleIdSchema, RuleSettingSchema, {
  error: (issue) => {
    if ((issue.code as string) === 'unrecognized_keys' || issue.code === 'invalid_key') return UNKNOWN_RULE;
    return issue.code === 'invalid_type' ? 'must map rule ids to "off", a severity or { enabled, severity }' : undefined;
  },
});
export type RulesConfig = z.infer<typeof RulesConfigSchema>;

/** The rules in force: disabled ones dropped, re-levelled ones with their new severity, order kept. */
export function applyRulesConfig(config: RulesConfig | undefined, rules: readonly Rule[] = RULES): Rule[] {
  const out: Rule[] = [];
  for (const rule of rules) {
    const setting = config?.[rule.id];
    if (setting === undefined) {
      out.push(rule);
      continue;
    }
    if (setting === 'off') continue;
    if (typeof setting === 'string') {
      out.push({ ...rule, severity: setting });
      continue;
    }
    if (setting.enabled === false) continue;
    out.push(setting.severity ? { ...rule, severity: setting.severity } : rule);
  }
  return out;
}

/** One line per problem in a rules section, naming the rule: `rules.no-secrets: unknown rule; …`. */
export function describeRulesConfigError(error: z.ZodError, prefix = 'rules'): string[] {
  return error.issues.flatMap((issue) => {
    const path = [prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${[...path, key].join('.')}: ${issue.message}`);
    return [`${path.join('.')}: ${issue.message}`];
  });
}

export type { Severity };
