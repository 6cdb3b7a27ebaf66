/**
 * Codeup OpenAPI v3 (POP product "codeup", API version 2020-04-14) facts, in one place.
 * Source: ../shared/providers/codeup.md §1 and §6, which cite the aliyun-openapi-python-sdk
 * request classes (aliyunsdkcodeup/request/v20200414) and help.aliyun.com API pages.
 */
export const CODEUP_V3 = {
  label: 'Codeup (OpenAPI v3)',
  /** Only region with a v3 endpoint. */
  defaultEndpoint: 'https://codeup.cn-hangzhou.aliyuncs.com',
  version: '2020-04-14',
  hooksPath: (projectId: string) => `/api/v3/projects/${encodeURIComponent(projectId)}/hooks`,
  hookPath: (projectId: string, hookId: string) => `/api/v3/projects/${encodeURIComponent(projectId)}/hooks/${encodeURIComponent(hookId)}`,
  /**
   * ListRepositories, the repositories of an organization (for `codeup:<org>/*`): GET
   * /api/v3/projects/all, query OrganizationId (required), Page (from 1), PageSize (1–100); the
   * envelope carries `Total` and `Result[]` whose `Id` is the ProjectId of the hook paths, and
   * `ErrorCode` is a number on this operation. Sources: alibabacloud-typescript-sdk
   * codeup-20200414/src/client.ts (listRepositories and its models) and help.aliyun.com/zh/yunxiao/
   * developer-reference/api-query-code-libraries-215644 ("查询 Codeup 代码库列表信息").
   */
  repositories: { path: '/api/v3/projects/all', action: 'ListRepositories', maxPageSize: 100 },
  /** x-acs-action per operation (create's doc page is titled CreateRepositoryWebhook; the SDK action is AddWebhook). */
  actions: { create: 'AddWebhook', list: 'ListRepositoryWebhook', delete: 'DeleteRepositoryWebhook' },
  /**
   * The envelope `{RequestId, Success, ErrorCode, ErrorMessage, Result[, Total]}`: the official SDK
   * models declare every field optional and their deserializer maps a JSON null to an unset field
   * (alibabacloud-typescript-sdk codeup-20200414 ListRepositoryWebhookResponseBody,
   * ListRepositoriesResponseBody: `requestId?: string`, `total?: number`, read by $dara.Model),
   * so null `RequestId`/`Total` are accepted as absent; a present field must have its type (Total
   * a whole number ≥ 0). Source: ../shared/providers/codeup.md §1 "Envelope".
   */
  envelope: { nullMeansAbsent: ['RequestId', 'Success', 'Total'] as const },
  /** PageSize 1–100, default 20. */
  maxPageSize: 100,
  contentType: 'application/json; charset=utf-8',
  requestIdHeader: 'x-acs-request-id',
  /** Gateway codes that mean the credentials were refused, even when the status is 400 or 404. */
  authCodes: [
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'InvalidAccessKeyId.NotFound',
    'InvalidAccessKeyId.Inactive',
    'InvalidTimeStamp.Expired',
    'SignatureNonceUsed',
    'InvalidSecurityToken.Expired',
    'InvalidSecurityToken.Malformed',
    'Forbidden.RAM',
  ],
  notFoundCodes: ['NOT_FOUND', 'SYSTEM_NOT_FOUND_ERROR'],
  /**
   * v3 has no update, so hookctl replaces. AddWebhook accepts a second hook with the same URL
   * [I]: Codeup's hook API is GitLab's (same fields, same snake_case body), and GitLab allows
   * duplicate hook URLs (bitbucket.org/site/master/issues/15163, "both bitbucket and gitlab allow
   * duplicated webhooks pointing to the same url"); no AddWebhook doc page names a duplicate
   * error. So the replacement is created first and the old hook deleted after: a failed create
   * loses nothing.
   */
  replaceOrder: 'create-first',
  /**
   * The list returns SecretToken in clear in the doc examples (codeup.md §6) and the official SDK
   * model types every field of the hook optional (alibabacloud-typescript-sdk
   * codeup-20200414/src/client.ts, ListRepositoryWebhookResponseBodyResult): an empty, absent or
   * masked value means the secret cannot be carried over to the replacement.
   */
  secretReadBack: 'clear-when-returned',
} as const;
