import { z } from 'zod';
import type { DeliveryDetail, DeliveryQuery, DeliveryRecord } from '../../deliveries/history.js';
import { AuthError } from '../../errors.js';
import { createHuaweiAkskAuth } from '../../http/auth/huawei-sign.js';
import { type Bounds, boundReached, DEFAULT_BOUNDS } from '../../model/bounds.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { parsePatternOf } from '../../model/target.js';
import { clientFor, type ProviderDeps } from '../deps.js';
import { discovered } from '../discovered.js';
import { parseJsonBody, unexpectedShape } from '../errors.js';
import { createHuaweiAuth, type HuaweiAuthOptions } from '../huawei/auth.js';
import { huaweiError } from '../huawei/errors.js';
import { createJsonApi, type JsonApi } from '../json-api.js';
import { pagedList } from '../paging.js';
import type { Operation, Provider, UpdateIntent, UpdateResult } from '../types.js';
import { codeartsCapabilities } from './capabilities.js';
import { listCodeartsLogs, showCodeartsLog } from './delivery-logs.js';
import { CODEARTS } from './facts.js';
import { fromWire, toWire } from './mapping.js';
import { type CodeArtsTarget, codeartsTarget, hookOwner } from './target.js';
import { CodeArtsWireChildSchema, CodeArtsWireHookSchema } from './wire.js';

/** WebhookLogDto items: read loosely, mapped in deliveries/history.ts. */
const DeliveryLogSchema = z.record(z.string(), z.unknown());
const DeliveryLogsSchema = z.array(DeliveryLogSchema);

export interface CodeArtsOptions {
  endpoint: URL;
  auth: HuaweiAuthOptions;
  /** Sent as X-Project-Id when known (SDKs add it for AK/SK calls; whether required is unconfirmed). */
  projectId?: string | undefined;
  /**
   * AK/SK mode without a project id: the IAM endpoint and region to look the id up from, once
   * (facts.ts projectLookupPath). Without them no X-Project-Id is sent.
   */
  projectLookup?: { iamEndpoint: URL; region: string } | undefined;
  /** Hooks per list page (1–100, default 100); small pages let tests exercise pagination. */
  pageSize?: number | undefined;
}

/** KeystoneListProjects answer: only the ids and names are read. */
const ProjectListSchema = z.looseObject({ projects: z.array(z.looseObject({ id: z.string(), name: z.string().nullish() })).nullish() });

/** Resolves the region's IAM project id at most once per run (a failed lookup is not cached). */
function projectIdResolver(options: CodeArtsOptions, deps: ProviderDeps): (() => Promise<string>) | undefined {
  const { auth, projectLookup } = options;
  if (options.projectId || auth.token || !auth.accessKey || !auth.secretKey || !projectLookup) return undefined;
  const signer = createHuaweiAkskAuth({ accessKey: auth.accessKey, secretKey: auth.secretKey, securityToken: auth.securityToken }, deps);
  const iam = clientFor(deps, projectLookup.iamEndpoint, signer);
  const { region } = projectLookup;
  let pending: Promise<string> | undefined;
  const lookUp = async (): Promise<string> => {
    const res = await iam.send({
      method: 'GET',
      path: CODEARTS.projectLookupPath,
      query: { name: region },
      headers: { accept: 'application/json', 'content-type': 'application/json' },
    });
    const requestId = res.headers['x-request-id'];
    // Same AK/SK, same fixes: errors carry the CodeArts label (--debug shows the IAM request).
    if (res.status >= 400) throw huaweiError(res, CODEARTS.label);
    const parsed = ProjectListSchema.safeParse(parseJsonBody(res, CODEARTS.label, requestId));
    if (!parsed.success) throw unexpectedShape(CODEARTS.label, res.status, 'the IAM project list is not a list of projects', requestId);
    const projects = parsed.data.projects ?? [];
    const [only] = projects;
    if (projects.length !== 1 || !only) {
      throw new AuthError(
        `${CODEARTS.label}: the IAM project id of region ${region} could not be found (IAM listed ${projects.length} projects named ${region})`,
        {
          hint: 'set HUAWEICLOUD_SDK_PROJECT_ID (or codearts.projectId in a profile)',
        },
      );
    }
    deps.debug?.(`codearts: IAM project id of ${region} is ${only.id}`);
    return only.id;
  };
  return () => {
    pending ??= lookUp().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

export function createCodeArtsProvider(options: CodeArtsOptions, deps: ProviderDeps): Provider {
  const auth = createHuaweiAuth(options.auth, deps, CODEARTS.label);
  const http = clientFor(deps, options.endpoint, auth);
  const resolveProjectId = projectIdResolver(options, deps);
  const api = createJsonApi({
    label: CODEARTS.label,
    http,
    toError: (res) => huaweiError(res, CODEARTS.label, CODEARTS.notFoundCodes),
    requestIdHeader: 'x-request-id',
    contentType: CODEARTS.contentType,
    headers: options.projectId ? { 'x-project-id': options.projectId } : undefined,
    beforeSend: resolveProjectId ? async (spec) => ({ ...spec, headers: { ...spec.headers, 'x-project-id': await resolveProjectId() } }) : undefined,
  });
  return new CodeArtsProvider(
    api,
    options.pageSize ?? CODEARTS.maxPageSize,
    resolveProjectId !== undefined,
    options.projectLookup?.region,
    deps.bounds ?? DEFAULT_BOUNDS,
  );
}

class CodeArtsProvider implements Provider<CodeArtsTarget> {
  readonly id = 'codearts' as const;
  readonly label = CODEARTS.label;
  readonly capabilities = codeartsCapabilities;

  constructor(
    private readonly api: JsonApi,
    private readonly pageSize: number,
    /** The project id is looked up from IAM when the first request is sent. */
    private readonly looksUpProjectId: boolean,
    private readonly region: string | undefined,
    private readonly bounds: Bounds,
  ) {}

  list(target: CodeArtsTarget): AsyncIterable<Hook> {
    const owner = hookOwner(target);
    const listing = { provider: this.label, what: 'hooks', pageSize: this.pageSize, bounds: this.bounds, itemBound: 'maxHooks' } as const;
    return pagedList(listing, async (_page, offset, watch) => {
      const res = await this.api.send(this.api.request('GET', CODEARTS.hooksPath(owner), { query: { offset, limit: this.pageSize }, watch }));
      const page = this.api.parse(res, CodeArtsWireHookSchema.array(), 'not a list of hooks');
      const total = Number(res.headers['x-total'] ?? Number.NaN);
      return {
        items: page.map(fromWire),
        ids: page.map((wire) => wire.id),
        bytes: res.body.byteLength,
        last: Number.isFinite(total) && offset + page.length >= total,
      };
    });
  }

  /**
   * `codearts:project/<projectId>/groups|repos|*`: walks the project's subgroups and repositories
   * (offset/limit pages, a short page is the last), breadth first, into every group found. Groups
   * come out as `codearts:<groupId>`, repositories as `codearts:repo/<id>`, each page's as it arrives.
   * Bounded: --max-discovery-depth levels of groups, --max-groups groups, --max-repositories
   * repositories (what is remembered to skip repeats is capped by the same bounds), and every
   * listing by the page bounds; a listed id that is no valid target stops it before any request to it.
   */
  async *expand(pattern: string, signal?: AbortSignal): AsyncIterable<CodeArtsTarget> {
    const wanted = parsePatternOf(pattern, codeartsTarget);
    const { maxDiscoveryDepth, maxGroups, maxRepositories } = this.bounds;
    const where = `${this.label}: the discovery of ${pattern}`;
    const queue: { kind: 'project' | 'group'; id: string; depth: number }[] = [{ kind: 'project', id: wanted.projectId, depth: 0 }];
    const visited = new Set<string>();
    const repositories = new Set<string>();
    for (let scope = queue.shift(); scope; scope = queue.shift()) {
      for await (const child of this.children(scope, signal)) {
        if (child.descendant_type === CODEARTS.descendantTypes.group) {
          // A group listed twice (a server that repeats one) is walked once.
          if (visited.has(child.id)) continue;
          const group = discovered(codeartsTarget, { provider: 'codearts', groupId: child.id }, this.label);
          if (visited.size >= maxGroups) throw boundReached('maxGroups', maxGroups, where);
          if (scope.depth + 1 > maxDiscoveryDepth) throw boundReached('maxDiscoveryDepth', maxDiscoveryDepth, where);
          visited.add(child.id);
          queue.push({ kind: 'group', id: child.id, depth: scope.depth + 1 });
          if (wanted.groups) yield group;
        } else if (child.descendant_type === CODEARTS.descendantTypes.repository) {
          if (repositories.has(child.id)) continue;
          const repository = discovered(codeartsTarget, { provider: 'codearts', repositoryId: child.id }, this.label);
          if (repositories.size >= maxRepositories) throw boundReached('maxRepositories', maxRepositories, where);
          repositories.add(child.id);
          if (wanted.repositories) yield repository;
        }
      }
    }
  }

  /** The subgroups and repositories of one project or group, page by page. */
  private children(scope: { kind: 'project' | 'group'; id: string }, signal?: AbortSignal) {
    const listing = { provider: this.label, what: 'groups and repositories', pageSize: this.pageSize, bounds: this.bounds };
    return pagedList(listing, async (_page, offset, watch) => {
      const request = this.api.request('GET', CODEARTS.subgroupsAndRepositoriesPath(scope), { query: { offset, limit: this.pageSize }, signal, watch });
      const res = await this.api.send(request);
      const page = this.api.parse(res, CodeArtsWireChildSchema.array(), 'not a list of subgroups and repositories');
      return { items: page, ids: page.map((child) => `${child.descendant_type}/${child.id}`), bytes: res.body.byteLength };
    });
  }

  async get(target: CodeArtsTarget, id: string): Promise<Hook> {
    return fromWire(await this.api.call(this.api.request('GET', CODEARTS.hookPath(hookOwner(target), id)), CodeArtsWireHookSchema, 'not a hook'));
  }

  async create(target: CodeArtsTarget, spec: HookSpec): Promise<Hook> {
    const request = this.api.request('POST', CODEARTS.hooksPath(hookOwner(target)), { json: toWire(spec) });
    return fromWire(await this.api.call(request, CodeArtsWireHookSchema, 'not a hook'));
  }

  async update(target: CodeArtsTarget, id: string, spec: HookSpec, intent: UpdateIntent = {}): Promise<UpdateResult> {
    const body = toWire(spec, intent.dropSecret === true);
    const request = this.api.request('PUT', CODEARTS.hookPath(hookOwner(target), id), { json: body });
    return { hook: fromWire(await this.api.call(request, CodeArtsWireHookSchema, 'not a hook')) };
  }

  async delete(target: CodeArtsTarget, id: string): Promise<void> {
    await this.api.send(this.api.request('DELETE', CODEARTS.hookPath(hookOwner(target), id)));
  }

  /** The delivery-log API of group and repository hooks (research-fleet §2a): `…/hooks/{id}/logs`, newest first. */
  async deliveries(target: CodeArtsTarget, id: string, query: DeliveryQuery): Promise<DeliveryRecord[]> {
    const page = (path: string, q: Record<string, string | number>) =>
      this.api.call(this.api.request('GET', path, { query: q }), DeliveryLogsSchema, 'not a list of delivery logs');
    return listCodeartsLogs(page, CODEARTS.hookPath(hookOwner(target), id), query);
  }

  /** `…/hooks/{id}/logs/{log_id}`: request and response, the token masked by CodeArts. */
  async delivery(target: CodeArtsTarget, id: string, logId: string): Promise<DeliveryDetail> {
    const one = (path: string) => this.api.call(this.api.request('GET', path), DeliveryLogSchema, 'not a delivery log');
    return showCodeartsLog(one, CODEARTS.hookPath(hookOwner(target), id), logId);
  }

  async preview(operation: Operation<CodeArtsTarget>) {
    const owner = hookOwner(operation.target);
    if (operation.kind === 'delete') return [this.api.preview(this.api.request('DELETE', CODEARTS.hookPath(owner, operation.id)))];
    const spec =
      operation.kind === 'create'
        ? this.api.request('POST', CODEARTS.hooksPath(owner), { json: toWire(operation.spec) })
        : this.api.request('PUT', CODEARTS.hookPath(owner, operation.id), { json: toWire(operation.spec, operation.dropSecret === true) });
    // The project id is looked up when the request is sent; a preview sends nothing.
    if (this.looksUpProjectId) spec.headers = { ...spec.headers, 'x-project-id': `<IAM project id of ${this.region ?? 'the region'}, looked up when sent>` };
    return [this.api.preview(spec)];
  }
}

export { codeartsCapabilities };
