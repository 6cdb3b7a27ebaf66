/**
 * The `rateBudget:` section of the config file: one token bucket per provider (rate-budget.ts).
 *
 *   rateBudget:
 *     codeup: { ratePerSecond: 10, burst: 10 }
 *     codearts: { ratePerSecond: 0 }      # no limit (429/Retry-After pauses still apply)
 *
 * A provider not named keeps RATE_BUDGET_DEFAULTS (no steady limit; the shared 429 pauses apply).
 */
import type { RateBudgetConfig } from '../config/fleet-settings.js';
import { RATE_BUDGET_DEFAULTS, type RateBudgetOptions } from './rate-budget.js';

export type { RateBudgetConfig } from '../config/fleet-settings.js';
export { fleetSettingsSchemas } from '../config/fleet-settings.js';

/** The budget options of one provider: the config's values over the defaults. */
export function rateBudgetFor(config: RateBudgetConfig | undefined, provider: string): RateBudgetOptions {
  const own = config?.[provider];
  return { ratePerSecond: own?.ratePerSecond ?? RATE_BUDGET_DEFAULTS.ratePerSecond, burst: own?.burst ?? RATE_BUDGET_DEFAULTS.burst };
}
