import { AuthError } from '../../errors.js';
import { createHeaderTokenAuth } from '../../http/auth/header-token.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import type { Secret } from '../../model/secret.js';
import { parsePatternOf } from '../../model/target.js';
import { clampPageSize } from '../codeup/page-size.js';
import { type CodeupTarget, codeupTarget } from '../codeup/target.js';
import { clientFor, type ProviderDeps } from '../deps.js';
import { createJsonApi, type JsonApi } from '../json-api.js';
import { pagingGuard } from '../paging.js';
import type { Operation, Provider, UpdateIntent, UpdateResult } from '../types.js';
import { codeupOapiCapabilities } from './capabilities.js';
import { oapiError } from './errors.js';
import { CODEUP_OAPI } from './facts.js';
import { fromWire, toWire } from './mapping.js';
import { OapiWireHookSchema, OapiWireRepositorySchema } from './wire.js';

export interface CodeupOapiOptions {
  /** Base URL: https://openapi-rdc.aliyuncs.com for the central edition, or the emulator. */
  endpoint: URL;
  /** Yunxiao personal access token, sent as x-yunxiao-token. */
  token?: Secret | undefined;
  /** Hooks per list page (1–100, default 100); small pages let tests exercise pagination. */
  pageSize?: number | undefined;
}

/** The Codeup adapter for users who hold only a Yunxiao personal access token (no AccessKey). */
export function createCodeupOapiProvider(options: CodeupOapiOptions, deps: ProviderDeps): Provider {
  const { token } = options;
  if (!token || token.isEmpty) {
    throw new AuthError(`${CODEUP_OAPI.label} needs a Yunxiao personal access token`, {
      hint: `set ${CODEUP_OAPI.tokenVariables.join(' or ')} (or codeup.token in a profile)`,
    });
  }
  const auth = createHeaderTokenAuth(CODEUP_OAPI.tokenHeader, token, 'yunxiao-token');
  const http = clientFor(deps, options.endpoint, auth);
  const api = createJsonApi({
    label: CODEUP_OAPI.label,
    http,
    toError: oapiError,
    requestIdHeader: CODEUP_OAPI.requestIdHeader,
    contentType: CODEUP_OAPI.contentType,
  });
  return new CodeupOapiProvider(api, clampPageSize(options.pageSize, CODEUP_OAPI.maxPageSize));
}

class CodeupOapiProvider implements Provider<CodeupTarget> {
  readonly id = 'codeup' as const;
  readonly label = CODEUP_OAPI.label;
  readonly capabilities = codeupOapiCapabilities;

  constructor(
    private readonly api: JsonApi,
    private readonly pageSize: number,
  ) {}

  async *list(target: CodeupTarget): AsyncIterable<Hook> {
    const { organizationId, projectId } = target;
    const guard = pagingGuard(this.label);
    for (let page = 1; ; page++) {
      const path = CODEUP_OAPI.hooksPath(organizationId, projectId);
      const res = await this.api.send(this.api.request('GET', path, { query: { page, perPage: this.pageSize } }));
      const hooks = this.api.parse(res, OapiWireHookSchema.array(), 'not a list of hooks');
      guard(hooks.map((wire) => wire.id));
      for (const wire of hooks) yield fromWire(wire);
      // An empty x-next-page marks the last page; a short page does too, when the header is absent.
      const next = res.headers[CODEUP_OAPI.nextPageHeader];
      if (hooks.length < this.pageSize || (next !== undefined && next.trim() === '')) return;
    }
  }

  /** `codeup:<org>/*`: ListRepositories, page by page (page/perPage), until x-next-page is empty or a short page. */
  async *expand(pattern: string, signal?: AbortSignal): AsyncIterable<CodeupTarget> {
    const { organizationId } = parsePatternOf(pattern, codeupTarget);
    const guard = pagingGuard(this.label, 'repositories');
    for (let page = 1; ; page++) {
      const request = this.api.request('GET', CODEUP_OAPI.repositoriesPath(organizationId), { query: { page, perPage: this.pageSize }, signal });
      const res = await this.api.send(request);
      const ids = this.api.parse(res, OapiWireRepositorySchema.array(), 'not a list of repositories').map((repo) => repo.id);
      guard(ids);
      for (const projectId of ids) yield { provider: 'codeup', organizationId, projectId };
      const next = res.headers[CODEUP_OAPI.nextPageHeader];
      if (ids.length < this.pageSize || (next !== undefined && next.trim() === '')) return;
    }
  }

  async get(target: CodeupTarget, id: string): Promise<Hook> {
    const { organizationId, projectId } = target;
    return fromWire(await this.api.call(this.api.request('GET', CODEUP_OAPI.hookPath(organizationId, projectId, id)), OapiWireHookSchema, 'not a hook'));
  }

  async create(target: CodeupTarget, spec: HookSpec): Promise<Hook> {
    return fromWire(await this.api.call(this.requests.create(target, spec), OapiWireHookSchema, 'not a hook'));
  }

  async update(target: CodeupTarget, id: string, spec: HookSpec, intent: UpdateIntent = {}): Promise<UpdateResult> {
    return { hook: fromWire(await this.api.call(this.requests.update(target, id, spec, intent.dropSecret === true), OapiWireHookSchema, 'not a hook')) };
  }

  async delete(target: CodeupTarget, id: string): Promise<void> {
    // The answer is {"result": true}; a 2xx status is what counts.
    await this.api.send(this.requests.delete(target, id));
  }

  async preview(operation: Operation<CodeupTarget>) {
    const { target } = operation;
    if (operation.kind === 'delete') return [this.api.preview(this.requests.delete(target, operation.id))];
    const spec =
      operation.kind === 'create'
        ? this.requests.create(target, operation.spec)
        : this.requests.update(target, operation.id, operation.spec, operation.dropSecret === true);
    return [this.api.preview(spec)];
  }

  private readonly requests = {
    create: (t: CodeupTarget, spec: HookSpec) => this.api.request('POST', CODEUP_OAPI.hooksPath(t.organizationId, t.projectId), { json: toWire(spec) }),
    update: (t: CodeupTarget, id: string, spec: HookSpec, dropSecret: boolean) =>
      this.api.request('PUT', CODEUP_OAPI.hookPath(t.organizationId, t.projectId, id), { json: dropSecret ? { ...toWire(spec), token: '' } : toWire(spec) }),
    delete: (t: CodeupTarget, id: string) => this.api.request('DELETE', CODEUP_OAPI.hookPath(t.organizationId, t.projectId, id)),
  };
}

export { codeupOapiCapabilities };
