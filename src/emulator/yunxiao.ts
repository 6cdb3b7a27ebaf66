/**
 * The Yunxiao OpenAPI (`oapi`, central edition) webhook endpoints for Codeup repositories
 * (codeup.md §3). They act on the same hooks as the v3 API, as the real service does.
 */
import { z } from 'zod';
import { describeIssue, newCodeupHook } from './codeup.js';
import type { EmulatorContext, EmulatorRequest, Route } from './http.js';
import { alibabaRequestId, asObject, formatChinaTime, intQuery, isHttpUrl, json, parseJsonBody } from './http.js';
import { type CodeupHookRecord, scopeKey } from './store.js';

/** codeup.md §3 (doc "错误码中心"); NotFound for an unknown hook is [I]: no code is listed for 404. */
export const YUNXIAO_ERRORS = {
  missingToken: { status: 401, code: 'Unauthorized' },
  badToken: { status: 401, code: 'InvalidTokenError' },
  badRequest: { status: 400, code: 'BadRequest' },
  notFound: { status: 404, code: 'NotFound' },
} as const;

/** codeup.md §3: perPage 1–100, default 20; page ≥ 1, default 1. */
export const YUNXIAO_PAGE = { defaultSize: 20, maxSize: 100 } as const;
/** codeup.md §3 gives the URL as "≈≤1024 chars" [?]; enforced here as exactly 1024. */
export const YUNXIAO_URL_MAX = 1024;

const BASE = '/oapi/v1/codeup/organizations/:organizationId/repositories/:repositoryId/webhooks';

// Request bodies spell it `enableSslVerification`; responses spell it `enableSSLVerification` (codeup.md §3).
const hookBody = z.object({
  url: z
    .string({ error: 'url is required (a string)' })
    .max(YUNXIAO_URL_MAX, `url must be at most ${YUNXIAO_URL_MAX} characters`)
    .refine(isHttpUrl, 'url must be an http(s) URL'),
  pushEvents: z.boolean().optional(),
  tagPushEvents: z.boolean().optional(),
  mergeRequestsEvents: z.boolean().optional(),
  noteEvents: z.boolean().optional(),
  enableSslVerification: z.boolean().optional(),
  token: z.string().optional(),
  description: z.string().optional(),
});

type HookBody = z.infer<typeof hookBody>;

function fail(error: { status: number; code: string }, message: string): Response {
  const requestId = alibabaRequestId();
  return json(error.status, { errorCode: error.code, errorMessage: message }, { 'x-request-id': requestId });
}

function ok(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return json(status, body, { 'x-request-id': alibabaRequestId(), ...headers });
}

function toOapi(hook: CodeupHookRecord): Record<string, unknown> {
  return {
    id: hook.id,
    repositoryId: hook.projectId,
    url: hook.url,
    pushEvents: hook.pushEvents,
    tagPushEvents: hook.tagPushEvents,
    mergeRequestsEvents: hook.mergeRequestsEvents,
    noteEvents: hook.noteEvents,
    enableSSLVerification: hook.enableSslVerification,
    // Returned as stored: codeup.md §3 lists `token` among the read fields without saying it is masked [?].
    token: hook.secretToken,
    description: hook.description,
    // [I] format: the same ISO form with +08:00 as v3 `CreatedAt`.
    createdAt: formatChinaTime(hook.createdAt),
    updatedAt: formatChinaTime(hook.updatedAt),
  };
}

function fieldsOf(body: HookBody): Partial<CodeupHookRecord> & { url: string } {
  return {
    url: body.url,
    ...(body.pushEvents !== undefined && { pushEvents: body.pushEvents }),
    ...(body.tagPushEvents !== undefined && { tagPushEvents: body.tagPushEvents }),
    ...(body.mergeRequestsEvents !== undefined && { mergeRequestsEvents: body.mergeRequestsEvents }),
    ...(body.noteEvents !== undefined && { noteEvents: body.noteEvents }),
    ...(body.enableSslVerification !== undefined && { enableSslVerification: body.enableSslVerification }),
    ...(body.token !== undefined && { secretToken: body.token }),
    ...(body.description !== undefined && { description: body.description }),
  };
}

type Scope = { ok: true; organizationId: string; projectId: number; key: string } | { ok: false; response: Response };

/** Token check, then the repository. Only numeric repository ids are known to the emulator. */
/** The personal-token check every oapi call passes first; a refusal, or undefined. */
export function checkYunxiaoToken(request: EmulatorRequest, ctx: EmulatorContext): Response | undefined {
  const token = request.headers['x-yunxiao-token'];
  if (token === undefined || token === '') return fail(YUNXIAO_ERRORS.missingToken, 'x-yunxiao-token header is required');
  if (token !== ctx.credentials.codeupToken) return fail(YUNXIAO_ERRORS.badToken, 'the personal access token is invalid');
  return undefined;
}

export function yunxiaoError(error: { status: number; code: string }, message: string): Response {
  return fail(error, message);
}

function resolve(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Scope {
  const refused = checkYunxiaoToken(request, ctx);
  if (refused) return { ok: false, response: refused };
  const organizationId = params.organizationId ?? '';
  const raw = params.repositoryId ?? '';
  if (!/^[1-9]\d{0,17}$/.test(raw)) {
    // [I] The real API also accepts the URL-encoded full path; the emulator has no path registry.
    return { ok: false, response: fail(YUNXIAO_ERRORS.notFound, `repository ${raw} not found`) };
  }
  const projectId = Number(raw);
  // Strict mode (registry.ts): an unknown repository is the same 404 as an unparsable one.
  if (!ctx.store.registry.useCodeupRepository(organizationId, projectId, ctx.store.strict, ctx.store.timestamp())) {
    return { ok: false, response: fail(YUNXIAO_ERRORS.notFound, `repository ${raw} not found`) };
  }
  return { ok: true, organizationId, projectId, key: scopeKey.codeup(organizationId, projectId) };
}

function parseHookBody(request: EmulatorRequest): { ok: true; body: HookBody } | { ok: false; response: Response } {
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return { ok: false, response: fail(YUNXIAO_ERRORS.badRequest, parsed.reason) };
  const body = hookBody.safeParse(asObject(parsed.value) ?? {});
  if (!body.success) return { ok: false, response: fail(YUNXIAO_ERRORS.badRequest, describeIssue(body.error)) };
  return { ok: true, body: body.data };
}

function listHooks(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  const page = intQuery(request.url, 'page') ?? 1;
  const perPage = intQuery(request.url, 'perPage') ?? YUNXIAO_PAGE.defaultSize;
  if (!(page >= 1)) return fail(YUNXIAO_ERRORS.badRequest, 'page must be an integer of at least 1');
  if (!(perPage >= 1 && perPage <= YUNXIAO_PAGE.maxSize)) {
    return fail(YUNXIAO_ERRORS.badRequest, `perPage must be an integer from 1 to ${YUNXIAO_PAGE.maxSize}`);
  }
  const all = ctx.store.codeup.list(scope.key);
  const totalPages = Math.ceil(all.length / perPage);
  // Header names from codeup.md §3; an empty x-next-page means "last page".
  return ok(200, all.slice((page - 1) * perPage, page * perPage).map(toOapi), {
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-next-page': page < totalPages ? String(page + 1) : '',
    'x-prev-page': page > 1 ? String(page - 1) : '',
    'x-total': String(all.length),
    'x-total-pages': String(totalPages),
  });
}

function getHook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  const hook = ctx.store.codeup.get(scope.key, params.hookId ?? '');
  return hook ? ok(200, toOapi(hook)) : fail(YUNXIAO_ERRORS.notFound, `webhook ${params.hookId ?? ''} not found`);
}

function createHook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  const parsed = parseHookBody(request);
  if (!parsed.ok) return parsed.response;
  // [I] 200 rather than 201: the doc shows only the returned hook.
  return ok(200, toOapi(newCodeupHook(ctx, scope.organizationId, scope.projectId, fieldsOf(parsed.body))));
}

function updateHook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  const existing = ctx.store.codeup.get(scope.key, params.hookId ?? '');
  if (!existing) return fail(YUNXIAO_ERRORS.notFound, `webhook ${params.hookId ?? ''} not found`);
  const parsed = parseHookBody(request);
  if (!parsed.ok) return parsed.response;
  // [I] GitLab-style PUT: fields left out keep their value; url is required as on create.
  const updated: CodeupHookRecord = { ...existing, ...fieldsOf(parsed.body), updatedAt: ctx.store.timestamp() };
  ctx.store.codeup.replace(scope.key, updated);
  return ok(200, toOapi(updated));
}

function deleteHook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  const removed = ctx.store.codeup.remove(scope.key, params.hookId ?? '');
  return removed ? ok(200, { result: true }) : fail(YUNXIAO_ERRORS.notFound, `webhook ${params.hookId ?? ''} not found`);
}

export const yunxiaoRoutes: readonly Route[] = [
  { method: 'GET', path: BASE, handle: listHooks },
  { method: 'POST', path: BASE, handle: createHook },
  { method: 'GET', path: `${BASE}/:hookId`, handle: getHook },
  { method: 'PUT', path: `${BASE}/:hookId`, handle: updateHook },
  { method: 'DELETE', path: `${BASE}/:hookId`, handle: deleteHook },
];
