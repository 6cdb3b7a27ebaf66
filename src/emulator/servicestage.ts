/**
 * ServiceStage Git repository project hooks (servicestage.md §3): list, create, delete, behind the
 * Huawei API gateway, with the repository authorization named in `X-Repo-Auth`.
 */
import type { EmulatorContext, EmulatorRequest, Route } from './http.js';
import { asObject, huaweiRequestId, isHttpUrl, json, noContent, parseJsonBody } from './http.js';
import { checkHuaweiAuth } from './huawei-gateway.js';
import { type ServicestageHookRecord, scopeKey } from './store.js';

/**
 * servicestage.md §4 (doc servicestage_06_0162): all repo errors are HTTP 400. An unknown hook id
 * on delete answers 400 too (doc servicestage_api_0068 lists only 204 and 400 for DELETE); its
 * code is [I]: the doc names none, so the generic parameter code is used.
 */
export const SERVICESTAGE_ERRORS = {
  invalidParam: { status: 400, code: 'SVCSTG.REPO.0400', message: 'parameter invalid' },
  alreadyExists: { status: 400, code: 'SVCSTG.REPO.0403', message: 'resource already exist' },
  noAuthorization: { status: 400, code: 'SVCSTG.REPO.0450', message: 'no repository authorization' },
  notFound: { status: 400, code: 'SVCSTG.REPO.0400', message: 'parameter invalid' },
} as const;

/**
 * [?] The `type` enum is undocumented (servicestage.md §3: "value depends on the Git host"). The
 * emulator answers as if every authorization pointed at a GitLab host.
 */
export const SERVICESTAGE_HOOK_TYPE = 'GitLab';

type ErrorKind = (typeof SERVICESTAGE_ERRORS)[keyof typeof SERVICESTAGE_ERRORS];

export function servicestageError(error: ErrorKind, detail?: string): Response {
  const message = detail === undefined ? error.message : `${error.message}: ${detail}`;
  return json(error.status, { error_code: error.code, error_msg: message }, { 'x-request-id': huaweiRequestId() });
}

function toWire(hook: ServicestageHookRecord): Record<string, unknown> {
  return { id: hook.id, type: hook.type, callback_url: hook.url };
}

type Scope = { ok: true; key: string; projectId: string; namespace: string; project: string } | { ok: false; response: Response };

/** Gateway auth, then `X-Repo-Auth` (shared with the namespace and project lists). */
export function checkServicestageAuth(request: EmulatorRequest, ctx: EmulatorContext): Response | undefined {
  const refused = checkHuaweiAuth(request, ctx);
  if (refused) return refused;
  if (request.headers['x-repo-auth'] !== ctx.credentials.servicestageRepoAuth) {
    return servicestageError(SERVICESTAGE_ERRORS.noAuthorization);
  }
  return undefined;
}

/** Auth, then the repository from the path, by id or name (registry.ts decides unknown ones). */
function resolve(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Scope {
  const refused = checkServicestageAuth(request, ctx);
  if (refused) return { ok: false, response: refused };
  const projectId = params.projectId ?? '';
  // A '/' inside the repository path travels as ':' (servicestage.md §3); '%3A' was decoded already.
  const requested = (params.project ?? '').replaceAll(':', '/');
  const known = ctx.store.registry.useServicestageProject(projectId, params.namespace ?? '', requested, ctx.store.strict);
  if (!known) {
    // Strict mode: every repo error of this API is a 400 (servicestage.md §4); the code for a missing
    // repository is undocumented, so the generic parameter code is used [I].
    return { ok: false, response: servicestageError(SERVICESTAGE_ERRORS.notFound, `repository ${params.namespace ?? ''}/${requested} not found`) };
  }
  const { namespace, project } = known;
  return { ok: true, key: scopeKey.servicestage(projectId, namespace, project), projectId, namespace, project };
}

function listHooks(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  return json(200, { hooks: ctx.store.servicestage.list(scope.key).map(toWire) });
}

function parseBody(request: EmulatorRequest): { ok: true; url: string; secret: string } | { ok: false; response: Response } {
  const parsed = parseJsonBody(request);
  if (!parsed.ok) return { ok: false, response: servicestageError(SERVICESTAGE_ERRORS.invalidParam, parsed.reason) };
  const body = asObject(parsed.value) ?? {};
  const { url, secret } = body;
  if (typeof url !== 'string' || url === '') return { ok: false, response: servicestageError(SERVICESTAGE_ERRORS.invalidParam, 'url is required') };
  if (!isHttpUrl(url)) return { ok: false, response: servicestageError(SERVICESTAGE_ERRORS.invalidParam, 'url must be an http(s) URL') };
  if (typeof secret !== 'string' || secret === '') {
    return { ok: false, response: servicestageError(SERVICESTAGE_ERRORS.invalidParam, 'secret is required') };
  }
  return { ok: true, url, secret };
}

function createHook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  const body = parseBody(request);
  if (!body.ok) return body.response;
  if (ctx.store.servicestage.list(scope.key).some((hook) => hook.url === body.url)) {
    return servicestageError(SERVICESTAGE_ERRORS.alreadyExists);
  }
  const hook = ctx.store.servicestage.add(scope.key, {
    id: ctx.store.nextServicestageId(),
    projectId: scope.projectId,
    namespace: scope.namespace,
    project: scope.project,
    url: body.url,
    secret: body.secret,
    type: SERVICESTAGE_HOOK_TYPE,
    createdAt: ctx.store.timestamp(),
  });
  // 200, not 201 (servicestage.md §7).
  return json(200, toWire(hook));
}

function deleteHook(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const scope = resolve(request, params, ctx);
  if (!scope.ok) return scope.response;
  const removed = ctx.store.servicestage.remove(scope.key, params.hookId ?? '');
  return removed ? noContent() : servicestageError(SERVICESTAGE_ERRORS.notFound, `hook ${params.hookId ?? ''}`);
}

const BASE = '/v1/:projectId/git/repos/:namespace/:project/hooks';

export const servicestageRoutes: readonly Route[] = [
  { method: 'GET', path: BASE, handle: listHooks },
  { method: 'POST', path: BASE, handle: createHook },
  { method: 'DELETE', path: `${BASE}/:hookId`, handle: deleteHook },
];
