import { z } from 'zod';
import { BOUND_KEYS, BOUNDS, type BoundKey } from '../model/bounds.js';
import { fleetSettingsSchemas, type RateBudgetConfig, type RulesConfig } from './fleet-settings.js';
import type { SchemaKit, SettingsSection } from './section.js';

/** Reusable field rules for the providers' profile sections, and zod itself: what a section's schema is built from (built on first use). */
let kit: SchemaKit | undefined;
function schemaKit(): SchemaKit {
  kit ??= { z, fields: { url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }), text: z.string().min(1, { message: 'must not be empty' }) } };
  return kit;
}

/** A profile: one optional section per provider settings section (each provider's settings.ts). */
export function profileSchema(sections: readonly SettingsSection[]) {
  return z.strictObject(Object.fromEntries(sections.map((s) => [s.profileKey, s.schema(schemaKit()).optional()])));
}
export type Profile = Record<string, Record<string, unknown> | undefined>;

export function configFileSchema(sections: readonly SettingsSection[]) {
  const { RulesConfigSchema, RateBudgetConfigSchema } = fleetSettingsSchemas();
  return z.strictObject({
    defaultProfile: schemaKit().fields.text.optional(),
    output: z.enum(['table', 'json', 'yaml']).optional(),
    timeout: z.number().int().positive().max(600_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    /** The largest response body read, in MiB (default 32); --max-response-mib wins. */
    maxResponseMiB: z.number().int().min(1).max(1024).optional(),
    /** The bounds on provider answers (model/bounds.ts); their flags win. */
    ...Object.fromEntries(BOUND_KEYS.map((key) => [BOUNDS[key].configKey, z.number().int().min(BOUNDS[key].min).max(BOUNDS[key].max).optional()])),
    profiles: z.record(z.string(), profileSchema(sections)).optional(),
    /** audit: rules turned off or re-levelled (fleet/rules-config.ts applies them). */
    rules: RulesConfigSchema.optional(),
    /** Requests a second per provider, shared by all workers (fleet/rate-budget-config.ts). */
    rateBudget: RateBudgetConfigSchema.optional(),
  });
}

/** The bound keys are their config keys (model/bounds.ts). */
export interface ConfigFile extends Partial<Record<BoundKey, number | undefined>> {
  defaultProfile?: string | undefined;
  output?: 'table' | 'json' | 'yaml' | undefined;
  timeout?: number | undefined;
  retries?: number | undefined;
  maxResponseMiB?: number | undefined;
  rules?: RulesConfig | undefined;
  rateBudget?: RateBudgetConfig | undefined;
}
