/**
 * Discovery APIs: the repository lists of each provider, served from the registry (registry.ts)
 * with each API's own pagination (research-fleet.md §1; /work/shared discovery-and-deliveries A1–A4):
 * - Codeup v3 ListRepositories `GET /api/v3/projects/all` (Page/PageSize; `Total` + `Result[]`);
 * - Yunxiao `GET /oapi/v1/codeup/organizations/{org}/repositories` (page/perPage; bare array and x-* headers);
 * - CodeArts v4 `subgroups-and-repositories` of a project or group and `repositories` of a project or
 *   group (offset/limit, bare arrays, no total: a client stops on a short page);
 * - ServiceStage namespaces and the projects of a namespace (no pagination).
 * Each passes the same authentication as the hook APIs of its provider.
 */

import { CODEARTS_ERRORS, codeartsError, offsetLimit, unknownOwner } from './codearts.js';
import { CODEUP_ERRORS, CODEUP_PAGE, codeupError, gate } from './codeup.js';
import type { EmulatorContext, EmulatorRequest, Route } from './http.js';
import { alibabaRequestId, formatChinaTime, intQuery, json } from './http.js';
import { checkHuaweiAuth } from './huawei-gateway.js';
import type { CodeartsChild, CodeartsGroup, CodeartsRepository, CodeupRepository } from './registry.js';
import { checkServicestageAuth, SERVICESTAGE_ERRORS, servicestageError } from './servicestage.js';
import { checkYunxiaoToken, YUNXIAO_ERRORS, YUNXIAO_PAGE, yunxiaoError } from './yunxiao.js';

/** Host names the emulator prints in web and clone URLs (placeholders, never contacted). */
const CODEUP_WEB = 'https://codeup.aliyun.com';
const CODEARTS_GIT = 'codehub.devcloud.cn-north-4.huaweicloud.com';

// ---- Codeup (v3 and Yunxiao) ----

const CODEUP_ORDERS = ['created_at', 'name', 'path', 'last_activity_at'] as const;

type Sorted = { ok: true; repos: CodeupRepository[] } | { ok: false; message: string };

/** Order/sort/search/archive as both Codeup list APIs take them (research-fleet §1a, §1b). */
function selectCodeup(repos: CodeupRepository[], q: { order: string | null; sort: string | null; search: string | null; archived: string | null }): Sorted {
  const order = q.order ?? 'created_at';
  if (!(CODEUP_ORDERS as readonly string[]).includes(order)) return { ok: false, message: `order must be one of ${CODEUP_ORDERS.join(', ')}` };
  const sort = q.sort ?? 'desc';
  if (sort !== 'asc' && sort !== 'desc') return { ok: false, message: 'sort must be asc or desc' };
  if (q.archived !== null && q.archived !== 'true' && q.archived !== 'false') return { ok: false, message: 'archived must be true or false' };
  const key = (r: CodeupRepository): string => (order === 'name' ? r.name : order === 'path' ? r.path : r.createdAt);
  const direction = sort === 'asc' ? 1 : -1;
  const selected = repos.filter((r) => (q.search === null || r.path.includes(q.search)) && (q.archived === null || String(r.archived) === q.archived));
  // Ties (a fleet is created in one instant) fall back to the id, in the same direction.
  selected.sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
  return { ok: true, repos: selected };
}

function listCodeupV3(request: EmulatorRequest, _params: Record<string, string>, ctx: EmulatorContext): Response {
  const front = gate(request, 'ListRepositories', ctx);
  if (!front.ok) return front.response;
  const { registry, strict } = ctx.store;
  if (strict && !registry.hasCodeupOrganization(front.organizationId)) {
    // [I] strict mode: an organization the caller cannot see answers NOT_FOUND.
    return codeupError(CODEUP_ERRORS.notFound, `organization ${front.organizationId} not found`);
  }
  const q = request.url.searchParams;
  const page = intQuery(request.url, 'Page') ?? 1;
  const pageSize = intQuery(request.url, 'PageSize') ?? CODEUP_PAGE.defaultSize;
  if (!(page >= 1)) return codeupError(CODEUP_ERRORS.invalidParam, 'Page must be an integer of at least 1');
  if (!(pageSize >= 1 && pageSize <= CODEUP_PAGE.maxSize)) {
    return codeupError(CODEUP_ERRORS.invalidParam, `PageSize must be an integer from 1 to ${CODEUP_PAGE.maxSize}`);
  }
  const selected = selectCodeup(registry.codeupRepositories(front.organizationId), {
    order: q.get('Order'),
    sort: q.get('Sort'),
    search: q.get('Search'),
    archived: q.get('Archive'),
  });
  if (!selected.ok)
    return codeupError(
      CODEUP_ERRORS.invalidParam,
      selected.message
        .replace(/^order/, 'Order')
        .replace(/^sort/, 'Sort')
        .replace(/^archived/, 'Archive'),
    );
  const slice = selected.repos.slice((page - 1) * pageSize, page * pageSize);
  const requestId = alibabaRequestId();
  return json(
    200,
    {
      RequestId: requestId,
      Success: true,
      // ErrorCode is typed as a number for this operation (discovery-and-deliveries A1).
      ErrorCode: 0,
      ErrorMessage: '',
      Total: selected.repos.length,
      Result: slice.map(toV3Repository),
    },
    { 'x-acs-request-id': requestId },
  );
}

function toV3Repository(r: CodeupRepository): Record<string, unknown> {
  const time = formatChinaTime(r.createdAt);
  return {
    Id: r.id,
    Name: r.name,
    Path: r.path,
    NameWithNamespace: `${r.organizationId} / ${r.name}`,
    PathWithNamespace: `${r.organizationId}/${r.path}`,
    NamespaceId: 1,
    WebUrl: `${CODEUP_WEB}/${r.organizationId}/${r.path}`,
    VisibilityLevel: '0',
    AccessLevel: 40,
    Archive: r.archived,
    AvatarUrl: '',
    CreatedAt: time,
    UpdatedAt: time,
    LastActivityAt: time,
    Description: '',
    Star: false,
    StarCount: 0,
    DemoProjectStatus: false,
    ImportStatus: 'finished',
  };
}

function listYunxiao(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const refused = checkYunxiaoToken(request, ctx);
  if (refused) return refused;
  const organizationId = params.organizationId ?? '';
  const { registry, strict } = ctx.store;
  if (strict && !registry.hasCodeupOrganization(organizationId)) {
    return yunxiaoError(YUNXIAO_ERRORS.notFound, `organization ${organizationId} not found`);
  }
  const q = request.url.searchParams;
  const page = intQuery(request.url, 'page') ?? 1;
  const perPage = intQuery(request.url, 'perPage') ?? YUNXIAO_PAGE.defaultSize;
  if (!(page >= 1)) return yunxiaoError(YUNXIAO_ERRORS.badRequest, 'page must be an integer of at least 1');
  if (!(perPage >= 1 && perPage <= YUNXIAO_PAGE.maxSize)) {
    return yunxiaoError(YUNXIAO_ERRORS.badRequest, `perPage must be an integer from 1 to ${YUNXIAO_PAGE.maxSize}`);
  }
  const selected = selectCodeup(registry.codeupRepositories(organizationId), {
    order: q.get('orderBy'),
    sort: q.get('sort'),
    search: q.get('search'),
    archived: q.get('archived'),
  });
  if (!selected.ok) return yunxiaoError(YUNXIAO_ERRORS.badRequest, selected.message.replace(/^order/, 'orderBy'));
  const total = selected.repos.length;
  const totalPages = Math.ceil(total / perPage);
  const slice = selected.repos.slice((page - 1) * perPage, page * perPage);
  return json(200, slice.map(toOapiRepository), {
    'x-request-id': alibabaRequestId(),
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-next-page': page < totalPages ? String(page + 1) : '',
    'x-prev-page': page > 1 ? String(page - 1) : '',
    'x-total': String(total),
    'x-total-pages': String(totalPages),
  });
}

function toOapiRepository(r: CodeupRepository): Record<string, unknown> {
  const time = formatChinaTime(r.createdAt);
  return {
    id: r.id,
    name: r.name,
    path: r.path,
    nameWithNamespace: `${r.organizationId} / ${r.name}`,
    pathWithNamespace: `${r.organizationId}/${r.path}`,
    webUrl: `${CODEUP_WEB}/${r.organizationId}/${r.path}`,
    description: '',
    visibility: 'private',
    namespaceId: 1,
    accessLevel: 40,
    archived: r.archived,
    demoProject: false,
    createdAt: time,
    updatedAt: time,
    lastActivityAt: time,
    starCount: 0,
    starred: false,
    avatarUrl: '',
    repositorySize: '0',
    creatorId: '',
    encrypted: false,
  };
}

// ---- CodeArts ----

/** codearts.md / research-fleet §1c: `{project_id}` is the 32-hex CodeArts project uuid. */
const PROJECT_UUID = /^[0-9a-f]{32}$/;

type ProjectCheck = { ok: true; known: boolean } | { ok: false; response: Response };

function checkProject(projectId: string, ctx: EmulatorContext): ProjectCheck {
  if (!PROJECT_UUID.test(projectId)) {
    return { ok: false, response: codeartsError(CODEARTS_ERRORS.invalidParam, 'project_id must be a 32-character hexadecimal project id') };
  }
  const known = ctx.store.registry.codeartsProject(projectId) !== undefined;
  if (!known && ctx.store.strict) return { ok: false, response: codeartsError(CODEARTS_ERRORS.notFound, `project ${projectId} does not exist`) };
  return { ok: true, known };
}

function groupIdOf(raw: string | undefined): number | undefined {
  const value = /^\d{1,10}$/.test(raw ?? '') ? Number(raw) : 0;
  return value >= 1 && value <= 2_147_483_647 ? value : undefined;
}

const ARCHIVED = new Set(['true', 'false']);
const ORDER_BY = ['id', 'name', 'created_at', 'updated_at'] as const;

type Ordered<T> = { ok: true; items: T[] } | { ok: false; response: Response };

/** `order_by` / `sort` / `archived` of the v4 list operations (research-fleet §1c). */
function orderAndFilter<T extends { id: number; name: string; createdAt: string; archived: boolean }>(
  items: T[],
  url: URL,
  defaultArchived: string | null,
): Ordered<T> {
  const q = url.searchParams;
  const orderBy = q.get('order_by');
  const sort = q.get('sort') ?? 'asc';
  const archived = q.get('archived') ?? defaultArchived;
  const invalid = (message: string): Ordered<T> => ({ ok: false, response: codeartsError(CODEARTS_ERRORS.invalidParam, message) });
  if (orderBy !== null && !(ORDER_BY as readonly string[]).includes(orderBy)) return invalid(`order_by must be one of ${ORDER_BY.join(', ')}`);
  if (sort !== 'asc' && sort !== 'desc') return invalid('sort must be asc or desc');
  if (archived !== null && !ARCHIVED.has(archived)) return invalid('archived must be true or false');
  const selected = items.filter((item) => archived === null || String(item.archived) === archived);
  if (orderBy !== null) {
    const key = (item: T): string | number => (orderBy === 'id' ? item.id : orderBy === 'name' ? item.name : item.createdAt);
    const direction = sort === 'asc' ? 1 : -1;
    selected.sort((a, b) => direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
  }
  return { ok: true, items: selected };
}

type Entry = { id: number; name: string; createdAt: string; archived: boolean; child: CodeartsChild };

function toEntry(child: CodeartsChild): Entry {
  const item = child.kind === 'group' ? child.group : child.repository;
  return { id: item.id, name: item.name, createdAt: item.createdAt, archived: child.kind === 'repository' && child.repository.archived, child };
}

function subgroupDto(child: CodeartsChild, ctx: EmulatorContext): Record<string, unknown> {
  const { registry } = ctx.store;
  if (child.kind === 'group') {
    const g = child.group;
    const children = registry.codeartsChildren(g.projectId, g.id);
    return {
      id: g.id,
      name: g.name,
      path: g.path,
      full_name: g.fullPath.replaceAll('/', ' / '),
      full_path: g.fullPath,
      descendant_type: 'group',
      group_level: g.fullPath.split('/').length,
      subgroup_count: children.filter((c) => c.kind === 'group').length,
      project_count: children.filter((c) => c.kind === 'repository').length,
      archived: false,
      project_id: g.projectId,
      project_name: registry.codeartsProject(g.projectId)?.name ?? '',
      visibility: 'private',
      status: 0,
      created_at: formatChinaTime(g.createdAt),
      updated_at: formatChinaTime(g.createdAt),
    };
  }
  const r = child.repository;
  return {
    id: r.id,
    name: r.name,
    path: r.path,
    full_name: r.fullPath.replaceAll('/', ' / '),
    full_path: r.fullPath,
    // `project` means a repository in this DTO (research-fleet §1c).
    descendant_type: 'project',
    http_url_to_repo: `https://${CODEARTS_GIT}/${r.fullPath}.git`,
    ssh_url_to_repo: `git@${CODEARTS_GIT}:${r.fullPath}.git`,
    archived: r.archived,
    project_id: r.projectId,
    project_name: registry.codeartsProject(r.projectId)?.name ?? '',
    visibility: 'private',
    status: 0,
    created_at: formatChinaTime(r.createdAt),
    updated_at: formatChinaTime(r.createdAt),
  };
}

function basicRepositoryDto(r: CodeartsRepository, ctx: EmulatorContext): Record<string, unknown> {
  const namespace = r.fullPath.split('/').slice(0, -1).join('/') || (ctx.store.registry.codeartsProject(r.projectId)?.name ?? '');
  return {
    id: r.id,
    name: r.name,
    namespace,
    path: r.path,
    name_with_namespace: r.fullPath.replaceAll('/', ' / '),
    develop_mode: 'normal',
    visibility: 'private',
    archived: r.archived,
    // [?] BasicRepositoryDto.status is a string with undocumented values.
    status: 'normal',
  };
}

function pageOf<T>(items: T[], request: EmulatorRequest): { ok: true; page: T[] } | { ok: false; response: Response } {
  const page = offsetLimit(request.url);
  if (!page.ok) return page;
  return { ok: true, page: items.slice(page.offset, page.offset + page.limit) };
}

function childrenOf(scope: { projectId: string; groupId: number | null }, request: EmulatorRequest, ctx: EmulatorContext): Response {
  const entries = ctx.store.registry.codeartsChildren(scope.projectId, scope.groupId).map(toEntry);
  // archived defaults to false on these two operations (discovery-and-deliveries A3).
  const ordered = orderAndFilter(entries, request.url, 'false');
  if (!ordered.ok) return ordered.response;
  const page = pageOf(ordered.items, request);
  if (!page.ok) return page.response;
  return json(
    200,
    page.page.map((entry) => subgroupDto(entry.child, ctx)),
  );
}

function repositoriesOf(repos: CodeartsRepository[], request: EmulatorRequest, ctx: EmulatorContext): Response {
  const search = request.url.searchParams.get('search');
  const matching = search === null || search === '' ? repos : repos.filter((r) => r.name.includes(search));
  const ordered = orderAndFilter(matching, request.url, null);
  if (!ordered.ok) return ordered.response;
  const page = pageOf(ordered.items, request);
  if (!page.ok) return page.response;
  return json(
    200,
    page.page.map((r) => basicRepositoryDto(r, ctx)),
  );
}

/** Huawei auth, then the project id: unknown projects list nothing (lenient) or are 404 (strict). */
function projectRoute(list: (projectId: string, request: EmulatorRequest, ctx: EmulatorContext) => Response): Route['handle'] {
  return (request, params, ctx) => {
    const refused = checkHuaweiAuth(request, ctx);
    if (refused) return refused;
    const projectId = params.projectId ?? '';
    const check = checkProject(projectId, ctx);
    if (!check.ok) return check.response;
    return list(projectId, request, ctx);
  };
}

function groupRoute(list: (group: CodeartsGroup, request: EmulatorRequest, ctx: EmulatorContext) => Response): Route['handle'] {
  return (request, params, ctx) => {
    const refused = checkHuaweiAuth(request, ctx);
    if (refused) return refused;
    const groupId = groupIdOf(params.groupId);
    if (groupId === undefined) return codeartsError(CODEARTS_ERRORS.invalidParam, 'group_id must be an integer from 1 to 2147483647');
    const missing = unknownOwner(ctx, 'group', groupId);
    if (missing) return missing;
    const group = ctx.store.registry.codeartsGroup(groupId);
    return group ? list(group, request, ctx) : codeartsError(CODEARTS_ERRORS.notFound, `group ${groupId} does not exist`);
  };
}

/** Repositories directly in a group or in any of its subgroups. */
function groupRepositories(group: CodeartsGroup, ctx: EmulatorContext): CodeartsRepository[] {
  const { registry } = ctx.store;
  const out: CodeartsRepository[] = [];
  const walk = (g: CodeartsGroup): void => {
    for (const child of registry.codeartsChildren(g.projectId, g.id)) {
      if (child.kind === 'group') walk(child.group);
      else out.push(child.repository);
    }
  };
  if (group.projectId !== '') walk(group);
  return out;
}

// ---- ServiceStage ----

function listNamespaces(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const refused = checkServicestageAuth(request, ctx);
  if (refused) return refused;
  const namespaces = ctx.store.registry.servicestageNamespaces(params.projectId ?? '');
  return json(200, { namespaces: namespaces.map((ns) => ({ id: ns.id, name: ns.name })) });
}

function listProjects(request: EmulatorRequest, params: Record<string, string>, ctx: EmulatorContext): Response {
  const refused = checkServicestageAuth(request, ctx);
  if (refused) return refused;
  const projectId = params.projectId ?? '';
  const { registry, strict } = ctx.store;
  const namespace = registry.servicestageNamespace(projectId, params.namespace ?? '');
  if (!namespace) {
    // Strict: the API's only error status is 400 (servicestage.md §4); the code is [I].
    if (strict) return servicestageError(SERVICESTAGE_ERRORS.notFound, `namespace ${params.namespace ?? ''} not found`);
    return json(200, { projects: [] });
  }
  const projects = registry.servicestageProjects(projectId, namespace.name);
  return json(200, { projects: projects.map((p) => ({ id: p.id, name: p.name, clone_url: p.cloneUrl })) });
}

export const discoveryRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/v3/projects/all', handle: listCodeupV3 },
  { method: 'GET', path: '/oapi/v1/codeup/organizations/:organizationId/repositories', handle: listYunxiao },
  {
    method: 'GET',
    path: '/v4/projects/:projectId/subgroups-and-repositories',
    handle: projectRoute((projectId, request, ctx) => childrenOf({ projectId, groupId: null }, request, ctx)),
  },
  {
    method: 'GET',
    path: '/v4/groups/:groupId/subgroups-and-repositories',
    handle: groupRoute((group, request, ctx) => childrenOf({ projectId: group.projectId, groupId: group.id }, request, ctx)),
  },
  {
    method: 'GET',
    path: '/v4/projects/:projectId/repositories',
    handle: projectRoute((projectId, request, ctx) => repositoriesOf(ctx.store.registry.codeartsProjectRepositories(projectId), request, ctx)),
  },
  {
    method: 'GET',
    path: '/v4/groups/:groupId/repositories',
    handle: groupRoute((group, request, ctx) => repositoriesOf(groupRepositories(group, ctx), request, ctx)),
  },
  { method: 'GET', path: '/v1/:projectId/git/repos/namespaces', handle: listNamespaces },
  { method: 'GET', path: '/v1/:projectId/git/repos/:namespace/projects', handle: listProjects },
];
