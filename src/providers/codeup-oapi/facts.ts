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
  hookPath: (organizationId: string, repositoryId: string, hookId: string) => `${oapiHooksPath(organizationId, repositoryId)}/${encodeURIComponent(hookId)}`,
  /**
   * ListRepositories, the repositories of an organization (for `codeup:<org>/*`): GET
   * /oapi/v1/codeup/organizations/{organizationId}/repositories, query page (from 1) and perPage
   * (1–100, default 20); the answer is a bare array (items' `id` is the repository id of the hook
   * paths) with the x-next-page / x-total paging headers. Sources: help.aliyun.com/zh/yunxiao/
   * developer-reference/listrepositories-query-code-base-list and
   * aliyun/alibabacloud-devops-mcp-server docs/repository.swagger.json.
   */
  repositoriesPath: (organizationId: string) => `/oapi/v1/codeup/organizations/${encodeURIComponent(organizationId)}/repositories`,
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
  /**
   * ListWebHooks and GetWebHook list `token` among the hook fields (codeup.md §3 [C]) without saying
   * whether it is masked: at least whether a secret is set is reported (a clear value is used as
   * such by fromWire). An update that keeps an omitted token [I] is read back and checked.
   */
  secretReadback: 'masked',
  /** Where users keep the token: hookctl's own name and the one Alibaba's Yunxiao CLI reads. */
  tokenVariables: ['CODEUP_TOKEN', 'ALIBABA_CLOUD_YUNXIAO_ACCESS_TOKEN'],
} as const;
