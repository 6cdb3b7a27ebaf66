import { AuthError, NotFoundError, ProviderError } from '../../errors.js';
import type { RequestSpec } from '../../http/client.js';
import { GoneOnRetryError } from '../../http/retry.js';
import type { Transport } from '../../http/types.js';
import { type Bounds, boundReached, DEFAULT_BOUNDS } from '../../model/bounds.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import { parsePatternOf } from '../../model/target.js';
import { clientFor, type ProviderDeps } from '../deps.js';
import { discovered } from '../discovered.js';
import { createHuaweiAuth, type HuaweiAuthOptions } from '../huawei/auth.js';
import { huaweiError } from '../huawei/errors.js';
import { createJsonApi, type JsonApi } from '../json-api.js';
import { unpagedWatch } from '../paging.js';
import type { Operation, Provider } from '../types.js';
import { servicestageCapabilities } from './capabilities.js';
import { SERVICESTAGE } from './facts.js';
import { fromWire, toWire } from './mapping.js';
import { formatServiceStageTarget, type ServiceStageTarget, servicestageTarget } from './target.js';
import { ServiceStageWireHookSchema, ServiceStageWireListSchema, ServiceStageWireNamespacesSchema, ServiceStageWireProjectsSchema } from './wire.js';

export interface ServiceStageOptions {
  endpoint: URL;
  auth: HuaweiAuthOptions;
  /** Name of a repository authorization (X-Repo-Auth), required on every call. */
  repoAuth?: string | undefined;
}

export function createServiceStageProvider(options: ServiceStageOptions, deps: ProviderDeps): Provider {
  if (!options.repoAuth) {
    throw new AuthError('ServiceStage needs the name of a repository authorization (X-Repo-Auth)', {
      hint: 'set SERVICESTAGE_REPO_AUTH, or servicestage.repoAuth in a profile, or run hookctl auth login servicestage --repo-auth NAME',
    });
  }
  const auth = createHuaweiAuth(options.auth, deps, SERVICESTAGE.label);
  // DELETE attempts per path: a repeated DELETE that then finds the hook gone had worked before.
  const deleteAttempts = new Map<string, number>();
  const transport: Transport = (request) => {
    if (request.method === 'DELETE') deleteAttempts.set(request.url.pathname, (deleteAttempts.get(request.url.pathname) ?? 0) + 1);
    return deps.transport(request);
  };
  const http = clientFor({ ...deps, transport }, options.endpoint, auth);
  const api = createJsonApi({
    label: SERVICESTAGE.label,
    http,
    toError: (res) => huaweiError(res, SERVICESTAGE.label, SERVICESTAGE.notFoundCodes),
    requestIdHeader: 'x-request-id',
    contentType: SERVICESTAGE.contentType,
    headers: { 'x-repo-auth': options.repoAuth },
    alwaysContentType: true,
  });
  return new ServiceStageProvider(api, deleteAttempts, deps.bounds ?? DEFAULT_BOUNDS);
}

class ServiceStageProvider implements Provider<ServiceStageTarget> {
  readonly id = 'servicestage' as const;
  readonly label = SERVICESTAGE.label;
  readonly capabilities = servicestageCapabilities;

  constructor(
    private readonly api: JsonApi,
    private readonly deleteAttempts: Map<string, number>,
    private readonly bounds: Bounds,
  ) {}

  async *list(target: ServiceStageTarget): AsyncIterable<Hook> {
    const watch = unpagedWatch({ provider: this.label, what: 'hooks', bounds: this.bounds, itemBound: 'maxHooks' });
    const list = await this.api.call({ ...this.request('GET', this.hooksPath(target)), watch }, ServiceStageWireListSchema, 'not a list of hooks');
    const hooks = list.hooks ?? [];
    // One unpaged answer: the watch stops its read at the hook bound and --max-listing-mib; checked again here.
    if (hooks.length > this.bounds.maxHooks) throw boundReached('maxHooks', this.bounds.maxHooks, `${this.label}: the list of hooks`);
    for (const wire of hooks) yield fromWire(wire);
  }

  /**
   * `servicestage:<pid>/<ns>/*`: ListProjects of the namespace; the pattern with `*` for the namespace:
   * ListNamespaces, then ListProjects of each (one request each, no paging in this API).
   */
  async *expand(pattern: string, signal?: AbortSignal): AsyncIterable<ServiceStageTarget> {
    const { projectId, namespace } = parsePatternOf(pattern, servicestageTarget);
    const { maxGroups, maxRepositories } = this.bounds;
    const where = `${this.label}: the discovery of ${pattern}`;
    const namespaces = namespace !== undefined ? [namespace] : (await this.namespaces(projectId, signal, where)).map((ns) => ns.name);
    // Namespaces are the groups of this API.
    if (namespaces.length > maxGroups) throw boundReached('maxGroups', maxGroups, where);
    let found = 0;
    for (const ns of namespaces) {
      // A listed namespace goes into the next request's path: checked first (in a target whose repository is a placeholder).
      discovered(servicestageTarget, { provider: 'servicestage', projectId, namespace: ns, project: 'repository' }, this.label);
      for (const project of await this.projects(projectId, ns, signal, { where, limit: maxRepositories - found })) {
        if (++found > maxRepositories) throw boundReached('maxRepositories', maxRepositories, where);
        yield discovered(servicestageTarget, { provider: 'servicestage', projectId, namespace: ns, project }, this.label);
      }
    }
  }

  private async namespaces(projectId: string, signal?: AbortSignal, where?: string) {
    const watch = unpagedWatch({ provider: this.label, what: 'namespaces', bounds: this.bounds, itemBound: 'maxGroups', where });
    const request = { ...this.request('GET', SERVICESTAGE.namespacesPath(projectId)), signal, watch };
    return (await this.api.call(request, ServiceStageWireNamespacesSchema, 'not a list of namespaces')).namespaces ?? [];
  }

  /**
   * The repositories of one namespace. An unknown namespace answers 400 SVCSTG.REPO.* (like an
   * unknown hook, facts.ts): when the namespace list confirms it is absent, a NotFoundError (exit 3).
   */
  private async projects(projectId: string, namespace: string, signal?: AbortSignal, discovery?: { where: string; limit: number }): Promise<string[]> {
    const watch = unpagedWatch({ provider: this.label, what: 'projects', bounds: this.bounds, itemBound: 'maxRepositories', ...discovery });
    const request = { ...this.request('GET', SERVICESTAGE.projectsPath(projectId, namespace)), signal, watch };
    try {
      return ((await this.api.call(request, ServiceStageWireProjectsSchema, 'not a list of projects')).projects ?? []).map((p) => p.name);
    } catch (error) {
      const repoError = error instanceof ProviderError && error.info.status === 400 && error.info.providerCode?.startsWith(SERVICESTAGE.repoErrorPrefix);
      if (!repoError && !(error instanceof NotFoundError)) throw error;
      const known = await this.namespaces(projectId, signal);
      if (known.some((ns) => ns.name === namespace || ns.id === namespace)) throw error;
      const names = known.map((ns) => ns.name);
      throw new NotFoundError(`${this.label}: no namespace ${namespace} in project ${projectId}`, {
        hint:
          names.length > 0
            ? `its namespaces: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`
            : 'the project has no namespaces this repository authorization can see',
      });
    }
  }

  async get(target: ServiceStageTarget, id: string): Promise<Hook> {
    for await (const hook of this.list(target)) if (hook.id === id) return hook;
    throw new NotFoundError(`${this.label}: no hook ${id} on ${target.namespace}/${target.project}`);
  }

  async create(target: ServiceStageTarget, spec: HookSpec): Promise<Hook> {
    return fromWire(await this.api.call(this.request('POST', this.hooksPath(target), toWire(spec)), ServiceStageWireHookSchema, 'not a hook'));
  }

  async delete(target: ServiceStageTarget, id: string): Promise<void> {
    const path = this.hookPath(target, id);
    // The endpoint may carry a path prefix: attempts are matched by the end of the path.
    const pathname = new URL(path, 'http://x').pathname;
    const attempts = (): number => [...this.deleteAttempts].reduce((sum, [key, n]) => (key.endsWith(pathname) ? sum + n : sum), 0);
    const forget = (): void => {
      for (const key of [...this.deleteAttempts.keys()]) if (key.endsWith(pathname)) this.deleteAttempts.delete(key);
    };
    forget();
    try {
      await this.api.send(this.request('DELETE', path));
    } catch (error) {
      const confirmed = await this.confirmNotFound(target, id, error);
      // The client repeated the DELETE (e.g. after a reset) and the hook is now gone: an earlier
      // attempt deleted it. The 404 the client watches for never comes: this API answers 400.
      if (confirmed instanceof NotFoundError && attempts() > 1) {
        throw new GoneOnRetryError(path, 'an earlier attempt that failed');
      }
      throw confirmed;
    } finally {
      forget();
    }
  }

  /**
   * An unknown hook id answers 400 with an undocumented SVCSTG.REPO.* code (facts.ts): when the
   * list confirms the id is absent, that is a NotFoundError (exit 3); otherwise the error stands.
   */
  private async confirmNotFound(target: ServiceStageTarget, id: string, error: unknown): Promise<unknown> {
    if (!(error instanceof ProviderError) || error.info.status !== 400) return error;
    if (!error.info.providerCode?.startsWith(SERVICESTAGE.repoErrorPrefix)) return error;
    for await (const hook of this.list(target)) if (hook.id === id) return error;
    return new NotFoundError(`${this.label}: no hook ${id} on ${target.namespace}/${target.project}`, {
      hint: `the provider answered ${error.info.providerCode}; list the hooks with hookctl hooks list ${formatServiceStageTarget(target)}`,
    });
  }

  async preview(operation: Operation<ServiceStageTarget>) {
    const { target } = operation;
    if (operation.kind === 'delete') return [this.api.preview(this.request('DELETE', this.hookPath(target, operation.id)))];
    const create = this.api.preview(this.request('POST', this.hooksPath(target), toWire(operation.spec)));
    if (operation.kind === 'create') return [create];
    return [this.api.preview(this.request('DELETE', this.hookPath(target, operation.id))), create];
  }

  private hooksPath(target: ServiceStageTarget): string {
    const { projectId, namespace, project } = target;
    return SERVICESTAGE.hooksPath(projectId, namespace, project);
  }

  private hookPath(target: ServiceStageTarget, id: string): string {
    const { projectId, namespace, project } = target;
    return SERVICESTAGE.hookPath(projectId, namespace, project, id);
  }

  private request(method: RequestSpec['method'], path: string, json?: unknown): RequestSpec {
    return this.api.request(method, path, json === undefined ? {} : { json });
  }
}

export { servicestageCapabilities };
