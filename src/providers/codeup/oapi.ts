import { AuthError } from '../../errors.js';
import { createHeaderTokenAuth } from '../../http/auth/header-token.js';
import type { HttpClient, RequestSpec } from '../../http/client.js';
import type { HttpResponse } from '../../http/types.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import type { Secret } from '../../model/secret.js';
import { type Target, type TargetOf, targetOf } from '../../model/target.js';
import { type ProviderDeps, clientFor } from '../deps.js';
import { parseJsonBody, rejectHtml, unexpectedShape } from '../errors.js';
import type { Capabilities, Operation, Provider, UpdateIntent, UpdateResult } from '../types.js';
import { pagingGuard } from '../paging.js';
import { checkSpec } from '../validate.js';
import { CODEUP_OAPI } from './facts.js';
import { oapiError } from './oapi-errors.js';
import { fromWire, toWire } from './oapi-mapping.js';
import { clampPageSize } from './page-size.js';
import { OapiWireHookSchema } from './oapi-wire.js';

export interface CodeupOapiOptions {
  /** Base URL: https://openapi-rdc.aliyuncs.com for the central edition, or the emulator. */
  endpoint: URL;
  /** Yunxiao personal access token, sent as x-yunxiao-token. */
  token?: Secret | undefined;
  /** Hooks per list page (1–100, default 100); small pages let tests exercise pagination. */
  pageSize?: number | undefined;
}

export const codeupOapiCapabilities: Capabilities = {
  fields: {
    url: 'required',
    name: 'unsupported',
    description: 'optional',
    events: 'optional',
    branchFilter: 'unsupported',
    noteFilters: 'unsupported',
    secret: 'optional',
    sslVerify: 'optional',
  },
  events: ['push', 'tag_push', 'merge_request', 'note'],
  limits: CODEUP_OAPI.limits,
  update: 'native',
  /** [I] UpdateWebHook is a PUT that keeps fields it is not given (oapi-mapping.ts); `token: ""` clears it. */
  secretOnUpdate: 'kept',
  get: 'native',
};

type CodeupTarget = TargetOf<'codeup'>;


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
  return new CodeupOapiProvider(http, clampPageSize(options.pageSize, CODEUP_OAPI.maxPageSize));
}

class CodeupOapiProvider implements Provider {
  readonly id = 'codeup' as const;
  readonly label = CODEUP_OAPI.label;
  readonly capabilities = codeupOapiCapabilities;

  constructor(
    private readonly http: HttpClient,
    private readonly pageSize: number,
  ) {}

  async *list(target: Target): AsyncIterable<Hook> {
    const { organizationId, projectId } = targetOf(target, 'codeup');
    const guard = pagingGuard(this.label);
    for (let page = 1; ; page++) {
      const path = CODEUP_OAPI.hooksPath(organizationId, projectId);
      const res = await this.call(this.request('GET', path, { query: { page, perPage: this.pageSize } }));
      const hooks = this.parse(res, OapiWireHookSchema.array(), 'not a list of hooks');
      guard(hooks.map((wire) => wire.id));
      for (const wire of hooks) yield fromWire(wire);
      // An empty x-next-page marks the last page; a short page does too, when the header is absent.
      const next = res.headers[CODEUP_OAPI.nextPageHeader];
      if (hooks.length < this.pageSize || (next !== undefined && next.trim() === '')) return;
    }
  }

  async get(target: Target, id: string): Promise<Hook> {
    const { organizationId, projectId } = targetOf(target, 'codeup');
    const res = await this.call(this.request('GET', CODEUP_OAPI.hookPath(organizationId, projectId, id)));
    return fromWire(this.parse(res, OapiWireHookSchema, 'not a hook'));
  }

  async create(target: Target, spec: HookSpec): Promise<Hook> {
    checkSpec(this.label, this.capabilities, spec);
    const res = await this.call(this.requests.create(targetOf(target, 'codeup'), spec));
    return fromWire(this.parse(res, OapiWireHookSchema, 'not a hook'));
  }

  async update(target: Target, id: string, spec: HookSpec, intent: UpdateIntent = {}): Promise<UpdateResult> {
    checkSpec(this.label, this.capabilities, spec);
    const res = await this.call(this.requests.update(targetOf(target, 'codeup'), id, spec, intent.dropSecret === true));
    return { hook: fromWire(this.parse(res, OapiWireHookSchema, 'not a hook')) };
  }

  async delete(target: Target, id: string): Promise<void> {
    // The answer is {"result": true}; a 2xx status is what counts.
    await this.call(this.requests.delete(targetOf(target, 'codeup'), id));
  }

  async preview(operation: Operation) {
    const target = targetOf(operation.target, 'codeup');
    if (operation.kind === 'delete') return [this.http.preview(this.requests.delete(target, operation.id))];
    checkSpec(this.label, this.capabilities, operation.spec);
    const spec =
      operation.kind === 'create'
        ? this.requests.create(target, operation.spec)
        : this.requests.update(target, operation.id, operation.spec, operation.dropSecret === true);
    return [this.http.preview(spec)];
  }

  private readonly requests = {
    create: (t: CodeupTarget, spec: HookSpec) => this.request('POST', CODEUP_OAPI.hooksPath(t.organizationId, t.projectId), { json: toWire(spec) }),
    update: (t: CodeupTarget, id: string, spec: HookSpec, dropSecret: boolean) =>
      this.request('PUT', CODEUP_OAPI.hookPath(t.organizationId, t.projectId, id), { json: dropSecret ? { ...toWire(spec), token: '' } : toWire(spec) }),
    delete: (t: CodeupTarget, id: string) => this.request('DELETE', CODEUP_OAPI.hookPath(t.organizationId, t.projectId, id)),
  };

  private request(method: RequestSpec['method'], path: string, extra: Partial<RequestSpec> = {}): RequestSpec {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (extra.json !== undefined) headers['content-type'] = CODEUP_OAPI.contentType;
    return { method, path, headers, ...extra };
  }

  private async call(spec: RequestSpec): Promise<HttpResponse> {
    const res = await this.http.send(spec);
    if (res.status >= 400) throw oapiError(res);
    rejectHtml(res, this.label, res.headers[CODEUP_OAPI.requestIdHeader]);
    return res;
  }

  private parse<T>(res: HttpResponse, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, what: string): T {
    const requestId = res.headers[CODEUP_OAPI.requestIdHeader];
    const parsed = schema.safeParse(parseJsonBody(res, this.label, requestId));
    if (!parsed.success) throw unexpectedShape(this.label, res.status, what, requestId);
    return parsed.data;
  }
}
