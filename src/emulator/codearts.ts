/**
 * CodeArts Repo v4 group webhooks (codearts.md §2): list, create, get, update, delete, behind the
 * Huawei API gateway (IAM token or AK/SK, codearts.md §3–§4).
 */
import { z } from 'zod';
import { describeIssue } from './codeup.js';
import type { EmulatorContext, EmulatorRequest, Route } from './http.js';
import { asObject, formatChinaTime, huaweiRequestId, intQuery, isHttpUrl, json, noContent, parseJsonBody } from './http.js';
import { checkHuaweiAuth } from './huawei-gateway.js';
import { type CodeartsDeliveryLog, type CodeartsHookRecord, scopeKey } from './store.js';

/**
 * Service error codes. `CH.00406026` is listed as a 404 code in codearts.md §3; the two 400 codes
 * are [I]: the docs name no code for a parameter error or the hook limit.
 */
export const CODEARTS_ERRORS = {
  invalidParam: { status: 400, code: 'CH.00400001' },
  hookLimit: { status: 400, code: 'CH.00400002' },
  notFound: { status: 404, code: 'CH.00406026' },
} as const;

/** codearts.md §2 (field rules), §6 (20 hooks), pagination (limit 1–100, default 20). */
export const CODEARTS_LIMITS = {
  url: 500,
  name: 200,
  description: 200,
  branchFilter: 500,
  noteFilters: 10,
  noteFilterLength: 50,
  token: 2000,
  tokenType: 200,
  hooksPerGroup: 20,
  defaultPageSize: 20,
  maxPageSize: 100,
  maxId: 2_147_483_647,
} as const;

/** codearts.md §2: `token_type` default. */
export const CODEARTS_DEFAULT_TOKEN_TYPE = 'X-Repo-Token';
/** [?] WebhookDto.service is "internal service name"; its values are undocumented. */
export const CODEARTS_HOOK_SERVICE = 'codehub';
/** codearts.md §2: the token is masked in every response. */
export const CODEARTS_TOKEN_MASK = '******';

const L = CODEARTS_LIMITS;
const max = (field: string, n: number) => ({ error: `${field} must be at most ${n} characters` });

const webhookParams = z.object({
  url: z.string({ error: 'url is required (a string)' }).max(L.url, max('url', L.url)).refine(isHttpUrl, 'url must be an http(s) URL'),
  name: z.string({ error: 'name is required (a string)' }).min(1, 'name is required').max(L.name, max('name', L.name)),
  description: z.string().max(L.description, max('description', L.description)).optional(),
  push_events: z.boolean().optional(),
  push_events_branch_regex_filter: z.string().max(L.branchFilter, max('push_events_branch_regex_filter', L.branchFilter)).optional(),
  tag_push_events: z.boolean().optional(),
  merge_requests_events: z.boolean().optional(),
  note_events: z.boolean().optional(),
  note_plain_text_filter: z
    .array(z.string().max(L.noteFilterLength, max('each note_plain_text_filter item', L.noteFilterLength)))
    .max(L.noteFilters, `note_plain_text_filter must have at most ${L.noteFilters} items`)
    .optional(),
  token: z.string().max(L.token, max('token', L.token)).optional(),
  token_type: z.string().max(L.tokenType, max('token_type', L.tokenType)).optional(),
});

type WebhookParams = z.infer<typeof webhookParams>;
type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

function fail(error: { status: number; code: string }, message: string): Response {
  return json(error.status, { error_code: error.code, error_msg: message }, { 'x-request-id': huaweiRequestId() });
}

/** Body rules of WebhookParamsRequestDto, including the cross-field ones (codearts.md §2). */
function parseParams(request: EmulatorRequest): Parsed<WebhookParams> {
  const invalid = (message: string): Parsed<WebhookParams> => ({
    ok: false,
    response: fail(CODEARTS_ERRORS.invalidParam, message),
  });
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return invalid(parsed.reason);
  const result = webhookParams.safeParse(asObject(parsed.value) ?? {});
  if (!result.success) return invalid(describeIssue(result.error));
  const p = result.data;
  if (!(p.push_events || p.tag_push_events || p.merge_requests_events || p.note_events)) {
    return invalid('at least one of push_events, tag_push_events, merge_requests_events, note_events must be true');
  }
  if (p.push_events) {
    const filter = p.push_events_branch_regex_filter;
    if (filter === undefined || filter === '') return invalid('push_events_branch_regex_filter is required when push_events is true');
    if (!isRegex(filter)) return invalid('push_events_branch_regex_filter is not a valid regular expression');
  }
  // The request model asks for note_plain_text_filter with note_events, as for the branch filter
  // with push_events (huaweicloud-sdk-go-v3 model_webhook_params_request_dto.go). [C as written]
  if (p.note_events) {
    const filters = p.note_plain_text_filter ?? [];
    if (filters.length === 0) return invalid('note_plain_text_filter is required when note_events is true');
    if (!filters.every(isRegex)) return invalid('note_plain_text_filter items must be valid regular expressions');
  }
  return { ok: true, value: p };
}

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

function idParam(raw: string | undefined, what: string): Parsed<number> {
  const value = /^\d{1,10}$/.test(raw ?? '') ? Number(raw) : 0;
  if (value >= 1 && value <= L.maxId) return { ok: true, value };
  return { ok: false, response: fail(CODEARTS_ERRORS.invalidParam, `${what} must be an integer from 1 to ${L.maxId}`) };
}

/** Where a hook lives: a group (`/v4/groups/{id}`) or a repository (`/v4/repositories/{id}`). */
interface HookScope {
  kind: 'group' | 'repository';
  id: number;
  /** The HookTable scope key: `<groupId>` or `repo/<repositoryId>`. */
  key: string;
}

function toRecord(p: WebhookParams, base: { id: number; scope: HookScope; createdAt: string; token: string; url?: string }, now: string): CodeartsHookRecord {
  return {
    id: base.id,
    groupId: base.scope.kind === 'group' ? String(base.scope.id) : '',
    ...(base.scope.kind === 'repository' && { repositoryId: String(base.scope.id) }),
    url: p.url,
    name: p.name,
    description: p.description ?? '',
    pushEvents: p.push_events ?? false,
    pushEventsBranchRegexFilter: p.push_events_branch_regex_filter ?? '',
    tagPushEvents: p.tag_push_events ?? false,
    mergeRequestsEvents: p.merge_requests_events ?? false,
    noteEvents: p.note_events ?? false,
    notePlainTextFilter: p.note_plain_text_filter ?? [],
    // A PUT without `token` keeps the old one unless the URL changes, as GitLab does; an empty
    // token clears it (src/providers/codearts/facts.ts secretOnUpdate). [I]
    token: p.token ?? (base.url === undefined || base.url === p.url ? base.token : ''),
    tokenType: p.token_type || CODEARTS_DEFAULT_TOKEN_TYPE,
    service: CODEARTS_HOOK_SERVICE,
    createdAt: base.createdAt,
    updatedAt: now,
  };
}

/** WebhookDto (codearts.md §2). The reserved arrays appear on list/get only, as in the Go SDK models. */
function toDto(hook: CodeartsHookRecord, withReserved: boolean): Record<string, unknown> {
  return {
    id: hook.id,
    url: hook.url,
    name: hook.name,
    description: hook.description,
    push_events: hook.pushEvents,
    push_events_branch_regex_filter: hook.pushEventsBranchRegexFilter,
    tag_push_events: hook.tagPushEvents,
    merge_requests_events: hook.mergeRequestsEvents,
    note_events: hook.noteEvents,
    note_plain_text_filter: hook.notePlainTextFilter,
    ...(hook.token !== '' && { token: CODEARTS_TOKEN_MASK }),
    token_type: hook.tokenType,
    created_at: formatChinaTime(hook.createdAt),
    updated_at: formatChinaTime(hook.updatedAt),
    service: hook.service,
    ...(withReserved && { event_cfgs: [], project_cfgs: [], branch_cfgs: [] }),
  };
}

type Handler = (request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope, hookId?: number, logId?: number) => Response;

/**
 * Gateway auth, then the path ids (the group or repository must exist in strict mode, registry.ts),
 * then the operation. Group and repository hooks share every handler (research-fleet §1d: same five
 * operations, same fields).
 */
function guarded(kind: HookScope['kind'], handler: Handler, ids: { hook?: boolean; log?: boolean } = {}): Route['handle'] {
  return (request, params, ctx) => {
    const refused = checkHuaweiAuth(request, ctx);
    if (refused) return refused;
    const owner = kind === 'group' ? idParam(params.groupId, 'group_id') : idParam(params.repositoryId, 'repository_id');
    if (!owner.ok) return owner.response;
    const missing = unknownOwner(ctx, kind, owner.value);
    if (missing) return missing;
    const key = kind === 'group' ? scopeKey.codearts(String(owner.value)) : scopeKey.codeartsRepository(owner.value);
    const scope: HookScope = { kind, id: owner.value, key };
    if (!ids.hook) return handler(request, ctx, scope);
    const hook = idParam(params.hookId, 'hook_id');
    if (!hook.ok) return hook.response;
    if (!ids.log) return handler(request, ctx, scope, hook.value);
    const log = idParam(params.logId, 'log_id');
    if (!log.ok) return log.response;
    return handler(request, ctx, scope, hook.value, log.value);
  };
}

/**
 * Strict mode: an unknown group or repository is a 404 with the service's not-found code. The docs
 * list `CH.00406026` as a 404 code without naming the resource; using it for groups and repositories
 * too is [I].
 */
export function unknownOwner(ctx: EmulatorContext, kind: HookScope['kind'], id: number): Response | undefined {
  const { registry, strict } = ctx.store;
  const now = ctx.store.timestamp();
  const known = kind === 'group' ? registry.useCodeartsGroup(id, strict, now) : registry.useCodeartsRepository(id, strict, now);
  return known ? undefined : codeartsError(CODEARTS_ERRORS.notFound, `${kind} ${id} does not exist`);
}

/** The service error body `{error_code, error_msg}` (codearts.md §3). */
export function codeartsError(error: { status: number; code: string }, message: string): Response {
  return fail(error, message);
}

/** Offset/limit as every CodeArts v4 list takes them (0–2147483647; 1–100, default 20). */
export function offsetLimit(url: URL): { ok: true; offset: number; limit: number } | { ok: false; response: Response } {
  const offset = intQuery(url, 'offset') ?? 0;
  const limit = intQuery(url, 'limit') ?? L.defaultPageSize;
  if (!(offset >= 0 && offset <= L.maxId)) {
    return { ok: false, response: fail(CODEARTS_ERRORS.invalidParam, `offset must be an integer from 0 to ${L.maxId}`) };
  }
  if (!(limit >= 1 && limit <= L.maxPageSize)) {
    return { ok: false, response: fail(CODEARTS_ERRORS.invalidParam, `limit must be an integer from 1 to ${L.maxPageSize}`) };
  }
  return { ok: true, offset, limit };
}

const notFound = (hookId: number | undefined): Response => fail(CODEARTS_ERRORS.notFound, `webhook ${hookId ?? ''} does not exist`);

function listHooks(request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope): Response {
  const page = offsetLimit(request.url);
  if (!page.ok) return page.response;
  const all = ctx.store.codearts.list(scope.key);
  const slice = all.slice(page.offset, page.offset + page.limit).map((hook) => toDto(hook, true));
  return json(200, slice, { 'X-Total': String(all.length) });
}

function createHook(request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope): Response {
  const params = parseParams(request);
  if (!params.ok) return params.response;
  // [I] The 20-hook limit is documented for groups; repositories get the same one.
  if (ctx.store.codearts.list(scope.key).length >= L.hooksPerGroup) {
    return fail(CODEARTS_ERRORS.hookLimit, `a ${scope.kind} can have at most ${L.hooksPerGroup} webhooks`);
  }
  const now = ctx.store.timestamp();
  const record = toRecord(params.value, { id: ctx.store.nextCodeartsId(), scope, createdAt: now, token: '' }, now);
  return json(201, toDto(ctx.store.codearts.add(scope.key, record), false));
}

function getHook(_request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope, hookId?: number): Response {
  const hook = ctx.store.codearts.get(scope.key, hookId ?? 0);
  return hook ? json(200, toDto(hook, true)) : notFound(hookId);
}

function updateHook(request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope, hookId?: number): Response {
  const existing = ctx.store.codearts.get(scope.key, hookId ?? 0);
  if (!existing) return notFound(hookId);
  const params = parseParams(request);
  if (!params.ok) return params.response;
  const updated = toRecord(params.value, { ...existing, scope }, ctx.store.timestamp());
  ctx.store.codearts.replace(scope.key, updated);
  return json(200, toDto(updated, false));
}

function deleteHook(_request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope, hookId?: number): Response {
  if (!ctx.store.codearts.remove(scope.key, hookId ?? 0)) return notFound(hookId);
  ctx.store.codeartsLogs.delete(String(hookId));
  return noContent();
}

/** WebhookLogDto; group-hook logs add `repository` (WebhookLogExtendDto), research-fleet §2a. */
function toLogDto(log: CodeartsDeliveryLog, scope: HookScope): Record<string, unknown> {
  return {
    id: log.id,
    web_hook_id: log.webHookId,
    trigger: log.trigger,
    url: log.url,
    response_status: log.responseStatus,
    execution_duration: log.executionDuration,
    uuid: log.uuid,
    created_at: formatChinaTime(log.createdAt),
    updated_at: formatChinaTime(log.updatedAt),
    ...(scope.kind === 'group' && log.repository && { repository: log.repository }),
  };
}

/** Parses `created_after`/`created_before` (`yyyy-MM-ddTHH:mm:ssZ` or any ISO form); NaN when unreadable. */
function timeQuery(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  return raw === null || raw === '' ? undefined : Date.parse(raw);
}

function listLogs(request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope, hookId?: number): Response {
  if (!ctx.store.codearts.get(scope.key, hookId ?? 0)) return notFound(hookId);
  const page = offsetLimit(request.url);
  if (!page.ok) return page.response;
  const after = timeQuery(request.url, 'created_after');
  const before = timeQuery(request.url, 'created_before');
  for (const [name, value] of [
    ['created_after', after],
    ['created_before', before],
  ] as const) {
    if (value !== undefined && Number.isNaN(value)) return fail(CODEARTS_ERRORS.invalidParam, `${name} must be a time such as 2024-01-02T03:04:05Z`);
  }
  const uuid = request.url.searchParams.get('uuid');
  const repositoryId = scope.kind === 'group' ? intQuery(request.url, 'repository_id') : undefined;
  const all = (ctx.store.codeartsLogs.get(String(hookId)) ?? []).filter((log) => {
    const at = Date.parse(log.createdAt);
    if (after !== undefined && at < after) return false;
    if (before !== undefined && at > before) return false;
    if (uuid !== null && uuid !== '' && !log.uuid.includes(uuid)) return false;
    return repositoryId === undefined || log.repository?.id === repositoryId;
  });
  const slice = all.slice(page.offset, page.offset + page.limit).map((log) => toLogDto(log, scope));
  return json(200, slice, { 'X-Total': String(all.length) });
}

function showLog(_request: EmulatorRequest, ctx: EmulatorContext, scope: HookScope, hookId?: number, logId?: number): Response {
  if (!ctx.store.codearts.get(scope.key, hookId ?? 0)) return notFound(hookId);
  const log = (ctx.store.codeartsLogs.get(String(hookId)) ?? []).find((l) => l.id === logId);
  if (!log) return fail(CODEARTS_ERRORS.notFound, `webhook log ${logId ?? ''} does not exist`);
  return json(200, {
    ...toLogDto(log, scope),
    request_headers: log.requestHeaders,
    request_data: log.requestData,
    response_headers: log.responseHeaders,
    response_body: log.responseBody,
  });
}

function hookRoutes(kind: HookScope['kind'], base: string): Route[] {
  return [
    { method: 'GET', path: base, handle: guarded(kind, listHooks) },
    { method: 'POST', path: base, handle: guarded(kind, createHook) },
    { method: 'GET', path: `${base}/:hookId`, handle: guarded(kind, getHook, { hook: true }) },
    { method: 'PUT', path: `${base}/:hookId`, handle: guarded(kind, updateHook, { hook: true }) },
    { method: 'DELETE', path: `${base}/:hookId`, handle: guarded(kind, deleteHook, { hook: true }) },
    { method: 'GET', path: `${base}/:hookId/logs`, handle: guarded(kind, listLogs, { hook: true }) },
    { method: 'GET', path: `${base}/:hookId/logs/:logId`, handle: guarded(kind, showLog, { hook: true, log: true }) },
  ];
}

export const codeartsRoutes: readonly Route[] = [
  ...hookRoutes('group', '/v4/groups/:groupId/hooks'),
  ...hookRoutes('repository', '/v4/repositories/:repositoryId/hooks'),
];
