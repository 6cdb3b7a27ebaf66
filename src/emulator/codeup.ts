/**
 * Codeup OpenAPI v3 (POP product `codeup`, version 2020-04-14, ROA style): create, list and delete
 * repository webhooks (codeup.md §1). Every request passes the POP gateway first: API lookup by
 * x-acs-action/x-acs-version, then the AK/SK signature, then required query parameters.
 */
import { z } from 'zod';
import type { EmulatorContext, EmulatorRequest, Route } from './http.js';
import { alibabaRequestId, asObject, formatChinaTime, intQuery, isHttpUrl, json, parseJsonBody } from './http.js';
import { type CodeupHookRecord, scopeKey } from './store.js';
import { verifyAlibabaRequest } from './verify-alibaba.js';

/** codeup.md §1: the only API version these paths exist in. */
export const CODEUP_API_VERSION = '2020-04-14';

/**
 * Business error codes in the Codeup envelope. Only NOT_FOUND is documented for these APIs
 * (codeup.md §1 "Example error codes"); the other two follow the documented SYSTEM_*_ERROR family
 * and are inferred.
 */
export const CODEUP_ERRORS = {
  notFound: { status: 404, code: 'NOT_FOUND' },
  // [I] name inferred from the SYSTEM_*_ERROR family; status 400.
  invalidParam: { status: 400, code: 'SYSTEM_INVALID_PARAM_ERROR' },
  // [I] name and the 401 status are inferred; the doc only says AccessToken selects permissions.
  badAccessToken: { status: 401, code: 'SYSTEM_UNAUTHORIZED_ERROR' },
} as const;

/** codeup.md §1: PageSize 1–100, default 20; Page ≥ 1, default 1. */
export const CODEUP_PAGE = { defaultSize: 20, maxSize: 100 } as const;

const addWebhookBody = z.object({
  url: z.string({ error: 'url is required (a string)' }).refine(isHttpUrl, 'url must be an http(s) URL'),
  push_events: z.boolean().optional(),
  merge_requests_events: z.boolean().optional(),
  tag_push_events: z.boolean().optional(),
  note_events: z.boolean().optional(),
  enable_ssl_verification: z.boolean().optional(),
  description: z.string().optional(),
  secret_token: z.string().optional(),
});

type Gate = { ok: true; organizationId: string } | { ok: false; response: Response };

/** The POP gateway and Codeup front checks shared by the operations (hooks and ListRepositories). */
export function gate(request: EmulatorRequest, action: string, ctx: EmulatorContext): Gate {
  const fail = (response: Response): Gate => ({ ok: false, response });
  const h = request.headers;
  if (h['x-acs-version'] !== CODEUP_API_VERSION) {
    // [I] POP's usual answer to an unknown version.
    return fail(popError(request, 400, 'InvalidVersion', 'Specified parameter Version is not valid.'));
  }
  if (h['x-acs-action'] !== action) {
    // [I] POP's usual answer when no API matches the action for this path and method.
    return fail(popError(request, 404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'));
  }
  const { alibaba } = ctx.credentials;
  const lookup = (id: string): string | undefined => (id === alibaba.accessKeyId ? alibaba.accessKeySecret : undefined);
  const check = verifyAlibabaRequest(request, lookup, ctx.now());
  if (!check.ok) return fail(popError(request, check.status, check.code, check.message));
  const organizationId = request.url.searchParams.get('OrganizationId') ?? '';
  if (organizationId === '') {
    // [I] POP rejects a missing required parameter as Missing<Name>, HTTP 400.
    return fail(popError(request, 400, 'MissingOrganizationId', 'OrganizationId is mandatory for this action.'));
  }
  const token = request.url.searchParams.get('AccessToken');
  if (token !== null && token !== ctx.credentials.codeupToken) {
    return fail(codeupError(CODEUP_ERRORS.badAccessToken, 'AccessToken is invalid or expired'));
  }
  return { ok: true, organizationId };
}

export function codeupError(error: { status: number; code: string }, message: string): Response {
  const requestId = alibabaRequestId();
  return json(error.status, { RequestId: requestId, Success: false, ErrorCode: error.code, ErrorMessage: message }, { 'x-acs-request-id': requestId });
}

function ok(result: unknown, extra: Record<string, unknown> = {}): Response {
  const requestId = alibabaRequestId();
  return json(200, { RequestId: requestId, Success: true, ErrorCode: '', ErrorMessage: '', Result: result, ...extra }, { 'x-acs-request-id': requestId });
}

/** The v3 hook object (codeup.md §1). The secret is returned in clear, as in the doc examples. */
function toV3(hook: CodeupHookRecord): Record<string, unknown> {
  return {
    Id: hook.id,
    ProjectId: hook.projectId,
    Url: hook.url,
    PushEvents: hook.pushEvents,
    TagPushEvents: hook.tagPushEvents,
    MergeRequestsEvents: hook.mergeRequestsEvents,
    NoteEvents: hook.noteEvents,
    EnableSslVerification: hook.enableSslVerification,
    SecretToken: hook.secretToken,
    Description: hook.description,
    CreatedAt: formatChinaTime(hook.createdAt),
    LastTestResult: hook.lastTestResult,
  };
}

function projectIdOf(params: Record<string, string>): number | undefined {
  const raw = params.projectId ?? '';
  return /^[1-9]\d{0,17}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * The repository check (registry.ts): a NOT_FOUND envelope for an unknown repository in strict
 * mode (the documented Codeup code, codeup.md §1; the message wording is [I]).
 */
function unknownRepository(ctx: EmulatorContext, organizationId: string, projectId: number): Response | undefined {
  const { store } = ctx;
  if (store.registry.useCodeupRepository(organizationId, projectId, store.strict, store.timestamp())) return undefined;
  return codeupError(CODEUP_ERRORS.notFound, `repository ${projectId} not found in organization ${organizationId}`);
}

/** Fields a new Codeup hook gets when a request leaves them out; shared with the Yunxiao API. */
export function newCodeupHook(
  ctx: EmulatorContext,
  organizationId: string,
  projectId: number,
  fields: Partial<CodeupHookRecord> & { url: string },
): CodeupHookRecord {
  const now = ctx.store.timestamp();
  const hook: CodeupHookRecord = {
    pushEvents: true,
    tagPushEvents: false,
    mergeRequestsEvents: false,
    noteEvents: false,
    enableSslVerification: true,
    secretToken: '',
    description: '',
    lastTestResult: '',
    ...fields,
    id: ctx.store.nextCodeupId(),
    organizationId,
    projectId,
    createdAt: now,
    updatedAt: now,
  };
  return ctx.store.codeup.add(scopeKey.codeup(organizationId, projectId), hook);
}

function addWebhook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const front = gate(request, 'AddWebhook', ctx);
  if (!front.ok) return front.response;
  const projectId = projectIdOf(params);
  if (projectId === undefined) return codeupError(CODEUP_ERRORS.invalidParam, 'ProjectId must be a positive number');
  const missing = unknownRepository(ctx, front.organizationId, projectId);
  if (missing) return missing;
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return codeupError(CODEUP_ERRORS.invalidParam, parsed.reason);
  const body = addWebhookBody.safeParse(asObject(parsed.value) ?? {});
  if (!body.success) return codeupError(CODEUP_ERRORS.invalidParam, describeIssue(body.error));
  const b = body.data;
  const hook = newCodeupHook(ctx, front.organizationId, projectId, {
    url: b.url,
    ...(b.push_events !== undefined && { pushEvents: b.push_events }),
    ...(b.merge_requests_events !== undefined && { mergeRequestsEvents: b.merge_requests_events }),
    ...(b.tag_push_events !== undefined && { tagPushEvents: b.tag_push_events }),
    ...(b.note_events !== undefined && { noteEvents: b.note_events }),
    ...(b.enable_ssl_verification !== undefined && { enableSslVerification: b.enable_ssl_verification }),
    ...(b.description !== undefined && { description: b.description }),
    ...(b.secret_token !== undefined && { secretToken: b.secret_token }),
  });
  // The create response also carries the deprecated BuildEvents/IssuesEvents flags (codeup.md §1).
  return ok({ ...toV3(hook), BuildEvents: false, IssuesEvents: false });
}

function listWebhooks(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const front = gate(request, 'ListRepositoryWebhook', ctx);
  if (!front.ok) return front.response;
  const projectId = projectIdOf(params);
  if (projectId === undefined) return codeupError(CODEUP_ERRORS.invalidParam, 'ProjectId must be a positive number');
  const missing = unknownRepository(ctx, front.organizationId, projectId);
  if (missing) return missing;
  const page = intQuery(request.url, 'Page') ?? 1;
  const pageSize = intQuery(request.url, 'PageSize') ?? CODEUP_PAGE.defaultSize;
  if (!(page >= 1)) return codeupError(CODEUP_ERRORS.invalidParam, 'Page must be an integer of at least 1');
  if (!(pageSize >= 1 && pageSize <= CODEUP_PAGE.maxSize)) {
    return codeupError(CODEUP_ERRORS.invalidParam, `PageSize must be an integer from 1 to ${CODEUP_PAGE.maxSize}`);
  }
  const all = ctx.store.codeup.list(scopeKey.codeup(front.organizationId, projectId));
  const slice = all.slice((page - 1) * pageSize, page * pageSize);
  return ok(slice.map(toV3), { Total: all.length });
}

function deleteWebhook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const front = gate(request, 'DeleteRepositoryWebhook', ctx);
  if (!front.ok) return front.response;
  const projectId = projectIdOf(params);
  if (projectId === undefined) return codeupError(CODEUP_ERRORS.invalidParam, 'ProjectId must be a positive number');
  const missing = unknownRepository(ctx, front.organizationId, projectId);
  if (missing) return missing;
  const removed = ctx.store.codeup.remove(scopeKey.codeup(front.organizationId, projectId), params.webhookId ?? '');
  if (!removed) return codeupError(CODEUP_ERRORS.notFound, `webhook ${params.webhookId ?? ''} not found`);
  return ok(toV3(removed));
}

/**
 * The POP gateway's error body `{RequestId, HostId, Code, Message, Recommend}` (codeup.md §1,
 * "Gateway-level errors"). The Recommend link's exact form is [I].
 */
export function popError(request: Pick<EmulatorRequest, 'url'>, status: number, code: string, message: string): Response {
  const requestId = alibabaRequestId();
  const recommend = `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=codeup&requestId=${requestId}`;
  return json(
    status,
    { RequestId: requestId, HostId: request.url.host, Code: code, Message: message, Recommend: recommend },
    { 'x-acs-request-id': requestId },
  );
}

/** One human message naming the offending field, from the first zod issue. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request body';
  const field = issue.path.join('.');
  return issue.message.includes(field) || field === '' ? issue.message : `${field}: ${issue.message}`;
}

export const codeupRoutes: readonly Route[] = [
  { method: 'POST', path: '/api/v3/projects/:projectId/hooks', handle: addWebhook },
  { method: 'GET', path: '/api/v3/projects/:projectId/hooks', handle: listWebhooks },
  { method: 'DELETE', path: '/api/v3/projects/:projectId/hooks/:webhookId', handle: deleteWebhook },
];
