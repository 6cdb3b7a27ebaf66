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
  hookPath: (projectId: string, hookId: string) =>
    `/api/v3/projects/${encodeURIComponent(projectId)}/hooks/${encodeURIComponent(hookId)}`,
  /** x-acs-action per operation (create's doc page is titled CreateRepositoryWebhook; the SDK action is AddWebhook). */
  actions: { create: 'AddWebhook', list: 'ListRepositoryWebhook', delete: 'DeleteRepositoryWebhook' },
  /** PageSize 1–100, default 20. */
  maxPageSize: 100,
  contentType: 'application/json; charset=utf-8',
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

/** Central-edition path; `repositoryId` may also be the URL-encoded full path (`org%2Frepo`). */
function oapiHooksPath(organizationId: string, repositoryId: string): string {
  return `/oapi/v1/codeup/organizations/${encodeURIComponent(organizationId)}/repositories/${encodeURIComponent(repositoryId)}/webhooks`;
}

/**
 * Yunxiao OpenAPI ("oapi", central edition) webhook facts: the one Codeup API a personal access
 * token can call alone. Source: ../shared/providers/codeup.md §3 and §6, which cite the Yunxiao
 * doc pages ListWebHooks ("通过OpenAPI查询WebHook列表"), GetWebHook, CreateWebHook (206871),
 * UpdateWebHook, DeleteWebHook, the error-code centre ("错误码中心"), and
 * aliyun/alibabacloud-devops-mcp-server (error body, pagination headers).
 */
export const CODEUP_OAPI = {
  label: 'Codeup (Yunxiao OpenAPI)',
  /** Central edition; a Region-edition instance has its own domain (and paths without /organizations/…). */
  defaultEndpoint: 'https://openapi-rdc.aliyuncs.com',
  /** The personal access token (`pt-…`) travels in this header; no signature. */
  tokenHeader: 'x-yunxiao-token',
  hooksPath: oapiHooksPath,
  hookPath: (organizationId: string, repositoryId: string, hookId: string) =>
    `${oapiHooksPath(organizationId, repositoryId)}/${encodeURIComponent(hookId)}`,
  /** `perPage` 1–100 (default 20); `page` from 1. */
  maxPageSize: 100,
  /** The list answer's pagination headers; an empty x-next-page means the last page [I for webhooks]. */
  nextPageHeader: 'x-next-page',
  requestIdHeader: 'x-request-id',
  contentType: 'application/json',
  /** The doc gives the URL as "≈≤1024 characters": enforced as exactly 1024 [?]. */
  limits: { url: 1024 },
  /**
   * Codes that mean the token was refused. The 401/403 statuses say so anyway; a 400
   * UnsupportedCurrentTokenType is a token problem too, so it is listed here.
   */
  authCodes: ['Unauthorized', 'ExpiredTokenError', 'InvalidTokenError', 'UnsupportedCurrentTokenType'],
  /** 403 codes: the token is valid but its user is not in the organization. */
  notMemberCodes: ['Forbidden.InvalidUser.UserNotInCurrentOrganization', 'Forbidden.InvalidOrganizationMember'],
  /** Where users keep the token: hookctl's own name and the one Alibaba's Yunxiao CLI reads. */
  tokenVariables: ['CODEUP_TOKEN', 'ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN'],
} as const;
