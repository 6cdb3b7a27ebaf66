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
 * rule on). The schema lives in config/fleet-settings.ts, which the config loader uses as `rules`.
 */
import type { z } from 'zod';
import type { RulesConfig } from '../config/fleet-settings.js';
import { RULES, type Rule, type Severity } from './rules.js';

export type { RuleSetting, RulesConfig } from '../config/fleet-settings.js';
export { fleetSettingsSchemas } from '../config/fleet-settings.js';

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
