import { z } from 'zod';
import { LastTestResultSchema } from '../codeup/last-test-result.js';

/**
 * Codeup v3 wire JSON. Request bodies are snake_case; responses are PascalCase inside an envelope.
 * `Success` is a Boolean in the SDK models, but one source shows the string "true" [uncertain]:
 * accept both.
 */
export const WireBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

/**
 * As tolerant as the official SDK model (alibabacloud-typescript-sdk codeup-20200414,
 * ListRepositoryWebhookResponseBodyResult: every field optional): null or absent flags and text
 * do not fail a list. Only Id is required: a hook without one cannot be managed.
 */
export const CodeupWireHookSchema = z.looseObject({
  Id: z.union([z.number(), z.string()]).transform(String),
  ProjectId: z.union([z.number(), z.string()]).nullish(),
  Url: z.string().nullish(),
  PushEvents: WireBoolean.nullish(),
  TagPushEvents: WireBoolean.nullish(),
  MergeRequestsEvents: WireBoolean.nullish(),
  NoteEvents: WireBoolean.nullish(),
  EnableSslVerification: WireBoolean.nullish(),
  SecretToken: z.string().nullish(),
  Description: z.string().nullish(),
  CreatedAt: z.string().nullish(),
  LastTestResult: LastTestResultSchema,
});
export type CodeupWireHook = z.infer<typeof CodeupWireHookSchema>;

/**
 * The envelope, as CODEUP_V3.envelope says: every field may be absent or null (null read as
 * absent), but a field that is there has its documented type; `Total` is a whole number (a
 * decimal string tolerated), so a Total of "abc", -1 or 1.5 is refused, not taken for "unknown".
 */
export const CodeupEnvelopeSchema = z.looseObject({
  RequestId: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  Success: WireBoolean.nullish().transform((v) => v ?? undefined),
  // A number on ListRepositories (0 on success; facts.ts repositories), a string elsewhere.
  ErrorCode: z.union([z.string(), z.number().transform(String)]).nullish(),
  ErrorMessage: z.string().nullish(),
  Result: z.unknown().optional(),
  Total: z
    .union([
      z.number().int().min(0),
      z
        .string()
        .regex(/^(?:0|[1-9][0-9]{0,15})$/)
        .transform(Number),
    ])
    .nullish()
    .transform((v) => v ?? undefined),
});

/** A ListRepositories item: only the id is read (the ProjectId of the hook paths). */
export const CodeupWireRepositorySchema = z.looseObject({ Id: z.union([z.number(), z.string()]).transform(String) });

/** POP gateway error body (signature, throttling, bad key): `{RequestId, HostId, Code, Message}`. */
export const PopErrorSchema = z.looseObject({
  RequestId: z.string().optional(),
  Code: z.string().optional(),
  Message: z.string().optional(),
});

/** Request body for AddWebhook. */
export interface CodeupWireCreate {
  url: string;
  push_events: boolean;
  tag_push_events: boolean;
  merge_requests_events: boolean;
  note_events: boolean;
  enable_ssl_verification: boolean;
  description?: string;
  secret_token?: string;
}
