import { z } from 'zod';
import { type RateBudgetConfig, RateBudgetConfigSchema, type RulesConfig, RulesConfigSchema } from './fleet-settings.js';
import type { SchemaKit, SettingsSection } from './section.js';

const text = z.string().min(1, { message: 'must not be empty' });

/** Reusable field rules for the providers' profile sections. */
export const FIELDS = {
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  text,
} as const;

const KIT: SchemaKit = { z, fields: FIELDS };

/** A profile: one optional section per provider settings section (each provider's settings.ts). */
export function profileSchema(sections: readonly SettingsSection[]) {
  return z.strictObject(Object.fromEntries(sections.map((s) => [s.profileKey, s.schema(KIT).optional()])));
}
export type Profile = Record<string, Record<string, unknown> | undefined>;

export function configFileSchema(sections: readonly SettingsSection[]) {
  return z.strictObject({
    defaultProfile: text.optional(),
    output: z.enum(['table', 'json', 'yaml']).optional(),
    timeout: z.number().int().positive().max(600_000).optional(),
    retries: z.number().int().min(0).max(10).optional(),
    /** The largest response body read, in MiB (default 32); --max-response-mib wins. */
    maxResponseMiB: z.number().int().min(1).max(1024).optional(),
    profiles: z.record(z.string(), profileSchema(sections)).optional(),
    /** audit: rules turned off or re-levelled (fleet/rules-config.ts applies them). */
    rules: RulesConfigSchema.optional(),
    /** Requests a second per provider, shared by all workers (fleet/rate-budget-config.ts). */
    rateBudget: RateBudgetConfigSchema.optional(),
  });
}

export interface ConfigFile {
  defaultProfile?: string | undefined;
  output?: 'table' | 'json' | 'yaml' | undefined;
  timeout?: number | undefined;
  retries?: number | undefined;
  maxResponseMiB?: number | undefined;
  rules?: RulesConfig | undefined;
  rateBudget?: RateBudgetConfig | undefined;
}
