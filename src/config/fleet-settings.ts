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

/**
 * The schemas, built on first use (memoized): only a run that validates a config file needs them.
 * Built here, where the config file is validated: the model keeps the plain lists.
 */
function build() {
  const SeveritySchema = z.enum(SEVERITIES);
  const RuleIdSchema = z.enum(RULE_IDS);
  const RuleSettingSchema = z.union(
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
  const RulesConfigSchema = z.partialRecord(RuleIdSchema, RuleSettingSchema, {
    error: (issue) => {
      if ((issue.code as string) === 'unrecognized_keys' || issue.code === 'invalid_key') return UNKNOWN_RULE;
      return issue.code === 'invalid_type' ? 'must map rule ids to "off", a severity or { enabled, severity }' : undefined;
    },
  });
  const ProviderRateBudgetSchema = z.strictObject({
    ratePerSecond: z.number().min(0).max(10_000).optional(),
    burst: z.number().int().min(1).max(10_000).optional(),
  });
  /** Keyed by provider id; config/ names no provider, so an unknown key is simply never read. */
  const RateBudgetConfigSchema = z.record(z.string(), ProviderRateBudgetSchema);
  return { RuleSettingSchema, RulesConfigSchema, ProviderRateBudgetSchema, RateBudgetConfigSchema };
}

const UNKNOWN_RULE = `unknown rule; known rules: ${RULE_IDS.join(', ')}`;

let built: ReturnType<typeof build> | undefined;
export function fleetSettingsSchemas(): ReturnType<typeof build> {
  built ??= build();
  return built;
}

type Schemas = ReturnType<typeof build>;
export type RuleSetting = z.infer<Schemas['RuleSettingSchema']>;
export type RulesConfig = z.infer<Schemas['RulesConfigSchema']>;
export type RateBudgetConfig = z.infer<Schemas['RateBudgetConfigSchema']>;
