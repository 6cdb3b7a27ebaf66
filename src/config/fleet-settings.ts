/**
 * The config file's fleet sections, as data: `rules:` (audit rules turned off or re-levelled) and
 * `rateBudget:` (requests a second per provider). Their meaning lives with the fleet code
 * (fleet/rules-config.ts, fleet/rate-budget-config.ts); the schemas live here so config/ needs
 * nothing above it.
 *
 *   rules:
 *     all-branches: off            # disabled
 *     delivery-failing: high       # re-levelled
 *     no-secret: { severity: high }
 *   rateBudget:
 *     codeup: { ratePerSecond: 10, burst: 10 }
 */
import { z } from 'zod';
import { RULE_IDS, SEVERITIES } from '../model/finding.js';

// Built here, where the config file is validated: the model keeps the plain lists.
const SeveritySchema = z.enum(SEVERITIES);
const RuleIdSchema = z.enum(RULE_IDS);

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

export const ProviderRateBudgetSchema = z.strictObject({
  ratePerSecond: z.number().min(0).max(10_000).optional(),
  burst: z.number().int().min(1).max(10_000).optional(),
});

/** Keyed by provider id; config/ names no provider, so an unknown key is simply never read. */
export const RateBudgetConfigSchema = z.record(z.string(), ProviderRateBudgetSchema);
export type RateBudgetConfig = z.infer<typeof RateBudgetConfigSchema>;
