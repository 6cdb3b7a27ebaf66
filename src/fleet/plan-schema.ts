import { z } from 'zod';
import { HookEventSchema } from '../model/events.js';
import { COMPARED_FIELDS } from './fields.js';
import { SECRET_REF } from './hooks-file.js';

/**
 * A plan, as printed by `plan -o json` and saved by `plan --out`. It holds no secret: a hook's
 * secret appears only as the `${env:NAME}` reference the file gave, resolved again at apply time.
 */
const FieldValueSchema = z.union([z.string(), z.boolean(), z.array(z.string()), z.null()]);

export const SECRET_CHANGES = ['added', 'changed', 'removed', 'sync'] as const;
export type SecretChange = (typeof SECRET_CHANGES)[number];

export const FieldDiffSchema = z.union([
  z.strictObject({ field: z.enum(COMPARED_FIELDS), from: FieldValueSchema, to: FieldValueSchema }),
  z.strictObject({ field: z.literal('secret'), change: z.enum(SECRET_CHANGES) }),
]);
export type FieldDiff = z.infer<typeof FieldDiffSchema>;

/**
 * The hook to create or update to: the file's spec, the secret as its reference. Its URL is the
 * change's `url`, held once: what apply prints is what it sends.
 */
export const PlannedSpecSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  events: z.array(HookEventSchema).optional(),
  branchFilter: z.string().optional(),
  noteFilters: z.array(z.string()).optional(),
  sslVerify: z.boolean().optional(),
  secretRef: z.string().regex(SECRET_REF).optional(),
});
export type PlannedSpec = z.infer<typeof PlannedSpecSchema>;

const SourceSchema = z.strictObject({ file: z.string(), line: z.number().int(), column: z.number().int() });

const ModifySchema = {
  id: z.string(),
  url: z.string(),
  diff: z.array(FieldDiffSchema).min(1),
  spec: PlannedSpecSchema,
  source: SourceSchema,
};

export const ChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('create'), url: z.string(), spec: PlannedSpecSchema, source: SourceSchema }),
  z.strictObject({ action: z.literal('update'), ...ModifySchema }),
  /** The provider has no update: delete and create, the id changes. */
  z.strictObject({ action: z.literal('replace'), ...ModifySchema }),
  z.strictObject({ action: z.literal('delete'), id: z.string(), url: z.string() }),
]);
export type Change = z.infer<typeof ChangeSchema>;
export type ChangeAction = Change['action'];

export const TargetPlanSchema = z.strictObject({
  target: z.string(),
  /** Hash of the hooks the plan was computed from: apply of a saved plan refuses when it moved. */
  fingerprint: z.string(),
  changes: z.array(ChangeSchema),
  unchanged: z.number().int().min(0),
  /** Hooks on the target the file does not declare, left alone (no --prune). */
  unmanaged: z.number().int().min(0),
});
export type TargetPlan = z.infer<typeof TargetPlanSchema>;

const count = z.number().int().min(0);
export const PlanSummarySchema = z.strictObject({ create: count, update: count, replace: count, delete: count, unchanged: count });
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

/** Plans older than this carried each URL twice and no digest; apply refuses them. */
export const PLAN_VERSION = 2;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const PlanSchema = z.strictObject({
  version: z.literal(PLAN_VERSION),
  /** The hooks file the plan was made from, re-read and compared by apply when it exists. */
  hooksFile: z.strictObject({ path: z.string(), sha256: z.string().regex(SHA256_HEX) }),
  /** SHA-256 of the canonical JSON of what apply acts on (see changesDigest). */
  changesSha256: z.string().regex(SHA256_HEX),
  prune: z.boolean(),
  syncSecrets: z.boolean(),
  targets: z.array(TargetPlanSchema),
  summary: PlanSummarySchema,
});
export type Plan = z.infer<typeof PlanSchema>;
