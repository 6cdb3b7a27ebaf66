import { z } from 'zod';
import { REGION, REGION_RULE } from './checks.js';
import { RateBudgetConfigSchema } from '../fleet/rate-budget-config.js';
import { RulesConfigSchema } from '../fleet/rules-config.js';

const url = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const text = z.string().min(1, { message: 'must not be empty' });

export const CodeupProfileSchema = z.strictObject({
  /** v3 = OpenAPI 2020-04-14 (AK/SK signed); oapi = Yunxiao OpenAPI (personal token only). */
  mode: z.enum(['v3', 'oapi']).optional(),
  endpoint: url.optional(),
  accessKeyId: text.optional(),
  accessKeySecret: text.optional(),
  securityToken: text.optional(),
  token: text.optional(),
});

export const HuaweiIamSchema = z.strictObject({
  user: text,
  password: text,
  domain: text,
  /** Project name (usually the region, e.g. cn-north-4) the token is scoped to. */
  project: text.optional(),
});

export const HuaweiProfileSchema = z.strictObject({
  /** Put into host names (iam.{region}.myhuaweicloud.com), so only a region id passes. */
  region: z.string().max(64).regex(REGION, { message: REGION_RULE }).optional(),
  token: text.optional(),
  accessKey: text.optional(),
  secretKey: text.optional(),
  securityToken: text.optional(),
  projectId: text.optional(),
  iam: HuaweiIamSchema.optional(),
  iamEndpoint: url.optional(),
});

export const ProfileSchema = z.strictObject({
  codeup: CodeupProfileSchema.optional(),
  /** Credentials and region shared by CodeArts and ServiceStage. */
  huaweicloud: HuaweiProfileSchema.optional(),
  codearts: z.strictObject({ endpoint: url.optional(), projectId: text.optional() }).optional(),
  servicestage: z.strictObject({ endpoint: url.optional(), repoAuth: text.optional() }).optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ConfigFileSchema = z.strictObject({
  defaultProfile: text.optional(),
  output: z.enum(['table', 'json', 'yaml']).optional(),
  timeout: z.number().int().positive().max(600_000).optional(),
  retries: z.number().int().min(0).max(10).optional(),
  /** The largest response body read, in MiB (default 32); --max-response-mib wins. */
  maxResponseMiB: z.number().int().min(1).max(1024).optional(),
  profiles: z.record(z.string(), ProfileSchema).optional(),
  /** audit: rules turned off or re-levelled (fleet/rules-config.ts). */
  rules: RulesConfigSchema.optional(),
  /** Requests a second per provider, shared by all workers (fleet/rate-budget-config.ts). */
  rateBudget: RateBudgetConfigSchema.optional(),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
