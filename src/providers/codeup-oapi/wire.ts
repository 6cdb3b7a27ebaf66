import { z } from 'zod';
import { LastTestResultSchema } from '../codeup/last-test-result.js';

/**
 * Yunxiao OpenAPI wire JSON (codeup.md §3): camelCase, bare objects (no envelope). Responses spell
 * the TLS flag `enableSSLVerification`; request bodies spell it `enableSslVerification`. Both are
 * read here, in case a deployment answers with the request spelling.
 */
export const OapiWireHookSchema = z.looseObject({
  id: z.union([z.number(), z.string()]).transform(String),
  repositoryId: z.union([z.number(), z.string()]).nullish(),
  url: z.string(),
  pushEvents: z.boolean().nullish(),
  tagPushEvents: z.boolean().nullish(),
  mergeRequestsEvents: z.boolean().nullish(),
  noteEvents: z.boolean().nullish(),
  enableSSLVerification: z.boolean().nullish(),
  enableSslVerification: z.boolean().nullish(),
  token: z.string().nullish(),
  description: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  /** Not in the Yunxiao WebHook docs; the devops 2021-06-25 API names it (codeup/delivery.ts). Read when present. */
  lastTestResult: LastTestResultSchema,
});
export type OapiWireHook = z.infer<typeof OapiWireHookSchema>;

/** A ListRepositories item: only the id is read. */
export const OapiWireRepositorySchema = z.looseObject({ id: z.union([z.number(), z.string()]).transform(String) });

/** Error answers: `{errorCode, errorMessage[, errorDescription]}`. */
export const OapiErrorSchema = z.looseObject({
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
  errorDescription: z.string().nullish(),
  requestId: z.string().nullish(),
});

/** CreateWebHook / UpdateWebHook body. */
export interface OapiWireParams {
  url: string;
  pushEvents: boolean;
  tagPushEvents: boolean;
  mergeRequestsEvents: boolean;
  noteEvents: boolean;
  enableSslVerification: boolean;
  description?: string;
  token?: string;
}
