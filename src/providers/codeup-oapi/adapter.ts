import { AuthError } from '../../errors.js';
import { createHeaderTokenAuth } from '../../http/auth/header-token.js';
import type { Bounds } from '../../model/bounds.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import type { Secret } from '../../model/secret.js';
import { parsePatternOf } from '../../model/target.js';
import { clampPageSize } from '../codeup/page-size.js';
import { type CodeupTarget, codeupTarget } from '../codeup/target.js';
import { clientFor, type ProviderDeps } from '../deps.js';
import { discovered } from '../discovered.js';
import { createJsonApi, type JsonApi } from '../json-api.js';
import { pagedList } from '../paging.js';
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
      hint: `set ${CODEUP_OAPI.tokenVariables.join(' or ')} (or codeup.token in a profile), or run hookctl auth login codeup`,
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
  return new CodeupOapiProvider(api, clampPageSize(options.pageSize, CODEUP_OAPI.maxPageSize), deps.bounds);
}

class CodeupOapiProvider implements Provider<CodeupTarget> {
  readonly id = 'codeup' as const;
  readonly label = CODEUP_OAPI.label;
  readonly capabilities = codeupOapiCapabilities;

  constructor(
    private readonly api: JsonApi,
    private readonly pageSize: number,
    private readonly bounds: Bounds | undefined,
  ) {}

  list(target: CodeupTarget): AsyncIterable<Hook> {
    const { organizationId, projectId } = target;
    const listing = { provider: this.label, what: 'hooks', pageSize: this.pageSize, bounds: this.bounds, itemBound: 'maxHooks' } as const;
    return pagedList(listing, async (page, _offset, watch) => {
      const path = CODEUP_OAPI.hooksPath(organizationId, projectId);
      const res = await this.api.send(this.api.request('GET', path, { query: { page, perPage: this.pageSize }, watch }));
      const hooks = this.api.parse(res, OapiWireHookSchema.array(), 'not a list of hooks');
      return { items: hooks.map(fromWire), ids: hooks.map((wire) => wire.id), bytes: res.body.byteLength, last: lastPage(res.headers) };
    });
  }

  /** `codeup:<org>/*`: ListRepositories, page by page (page/perPage), until x-next-page is empty or a short page. */
  async *expand(pattern: string, signal?: AbortSignal): AsyncIterable<CodeupTarget> {
    const { organizationId } = parsePatternOf(pattern, codeupTarget);
    const listing = { provider: this.label, what: 'repositories', pageSize: this.pageSize, bounds: this.bounds, itemBound: 'maxRepositories' } as const;
    const ids = pagedList(listing, async (page, _offset, watch) => {
      const request = this.api.request('GET', CODEUP_OAPI.repositoriesPath(organizationId), { query: { page, perPage: this.pageSize }, signal, watch });
      const res = await this.api.send(request);
      const found = this.api.parse(res, OapiWireRepositorySchema.array(), 'not a list of repositories').map((repo) => repo.id);
      return { items: found, ids: found, bytes: res.body.byteLength, last: lastPage(res.headers) };
    });
    for await (const projectId of ids) yield discovered(codeupTarget, { provider: 'codeup', organizationId, projectId }, this.label);
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

/** An empty x-next-page marks the last page; a short page does too, when the header is absent. */
function lastPage(headers: Record<string, string>): boolean {
  const next = headers[CODEUP_OAPI.nextPageHeader];
  return next !== undefined && next.trim() === '';
}

export { codeupOapiCapabilities };
