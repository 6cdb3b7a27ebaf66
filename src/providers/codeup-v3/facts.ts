import { percentEncode } from '../../http/auth/signing.js';

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
  /**
   * How v3 requests are signed: the legacy ROA "acs" signature, as the official client does. Source:
   * aliyun/alibabacloud-typescript-sdk codeup-20200414/src/client.ts at 80196fd7636524eedec15ad3c6fd81a66b6e5cc4
   * (package @alicloud/codeup20200414 1.0.1): the constructor sets `_signatureAlgorithm = "v2"` and
   * every operation passes `style: "ROA", reqBodyType: "json", authType: "AK"`, so
   * @alicloud/openapi-client 0.4.15 `callApi` takes `doROARequest`: headers date (RFC 1123),
   * host, accept, x-acs-signature-nonce, x-acs-signature-method HMAC-SHA1, x-acs-signature-version
   * 1.0, x-acs-version, x-acs-action, user-agent, content-type for a body,
   * x-acs-credentials-provider, x-acs-accesskey-id + x-acs-security-token for STS, and
   * `Authorization: acs <AccessKeyId>:<base64 HMAC-SHA1>` over @alicloud/openapi-util 0.3.3
   * `getStringToSign` (no Content-MD5 is sent). Nothing shows the gateway takes ACS3 for this API
   * (its pages sit in the old API manual, "不支持在线调试"), so ACS3 is only an explicit opt-in
   * (profile `codeup.signature: acs3`).
   */
  signature: { default: 'roa', optIn: 'acs3' },
  /** Path segments encoded as the official client's `OpenApiUtil.getEncodeParam` (RFC 3986: `!'()*` too). */
  hooksPath: (projectId: string) => `/api/v3/projects/${percentEncode(projectId)}/hooks`,
  hookPath: (projectId: string, hookId: string) => `/api/v3/projects/${percentEncode(projectId)}/hooks/${percentEncode(hookId)}`,
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
