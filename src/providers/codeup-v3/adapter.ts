import { type DeliveryQuery, type DeliveryRecord, filterRecords } from '../../deliveries/history.js';
import { AuthError, NotFoundError } from '../../errors.js';
import { createAlibabaAcs3Auth } from '../../http/auth/alibaba-sign.js';
import { composeAuth } from '../../http/auth/compose.js';
import { createQueryTokenAuth } from '../../http/auth/query-token.js';
import { createAlibabaRoaAuth } from '../../http/auth/roa-sign.js';
import type { RequestSpec } from '../../http/client.js';
import type { Redactor } from '../../http/redact.js';
import type { Bounds } from '../../model/bounds.js';
import type { Hook, HookSpec } from '../../model/hook.js';
import type { Secret } from '../../model/secret.js';
import { parsePatternOf } from '../../model/target.js';
import { fromCodeupLastTestResult } from '../codeup/delivery.js';
import { clampPageSize } from '../codeup/page-size.js';
import { type CodeupTarget, codeupTarget } from '../codeup/target.js';
import { clientFor, type ProviderDeps } from '../deps.js';
import { discovered } from '../discovered.js';
import { unexpectedShape } from '../errors.js';
import { createJsonApi, type JsonApi } from '../json-api.js';
import { pagedList } from '../paging.js';
import type { Operation, Provider } from '../types.js';
import { refuseSecretLoss } from '../update-secret.js';
import { codeupV3Capabilities } from './capabilities.js';
import { codeupError } from './errors.js';
import { CODEUP_V3 } from './facts.js';
import { fromWire, toWire } from './mapping.js';
import { CodeupEnvelopeSchema, CodeupWireHookSchema, CodeupWireRepositorySchema } from './wire.js';

export interface CodeupOptions {
  endpoint: URL;
  accessKeyId?: string | undefined;
  accessKeySecret?: Secret | undefined;
  securityToken?: Secret | undefined;
  /** Personal access token: sent as the AccessToken query, selects whose Codeup permissions apply. */
  token?: Secret | undefined;
  /** Hooks per list page (PageSize 1–100, default 100); small pages let tests exercise pagination. */
  pageSize?: number | undefined;
  /** Profile `codeup.signature`: `acs3` only when asked; otherwise the official client's ROA signature. */
  signature?: 'roa' | 'acs3' | undefined;
}

export function createCodeupV3Provider(options: CodeupOptions, deps: ProviderDeps): Provider {
  const { accessKeyId, accessKeySecret } = options;
  if (!accessKeyId || !accessKeySecret) {
    throw new AuthError('Codeup OpenAPI v3 needs an Alibaba Cloud access key: every request is signed', {
      hint: 'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or use a profile); with only a personal token, use --codeup-mode oapi',
    });
  }
  const credentials = { accessKeyId, accessKeySecret, securityToken: options.securityToken };
  const signer = options.signature === 'acs3' ? createAlibabaAcs3Auth(credentials, deps) : createAlibabaRoaAuth(credentials, deps);
  // The token goes into the query before signing, so the signature covers it.
  const auth = options.token ? composeAuth(createQueryTokenAuth('AccessToken', options.token, 'codeup-token'), signer) : signer;
  const http = clientFor(deps, options.endpoint, auth);
  const api = createJsonApi({
    label: CODEUP_V3.label,
    http,
    toError: codeupError,
    requestIdHeader: CODEUP_V3.requestIdHeader,
    contentType: CODEUP_V3.contentType,
  });
  return new CodeupV3Provider(api, clampPageSize(options.pageSize, CODEUP_V3.maxPageSize), deps.redactor, deps.bounds);
}

class CodeupV3Provider implements Provider<CodeupTarget> {
  readonly id = 'codeup' as const;
  readonly label = CODEUP_V3.label;
  readonly capabilities = codeupV3Capabilities;

  constructor(
    private readonly api: JsonApi,
    private readonly pageSize: number,
    private readonly redactor: Redactor,
    private readonly bounds: Bounds | undefined,
  ) {}

  async *list(target: CodeupTarget): AsyncIterable<Hook> {
    for await (const wire of this.wires(target)) yield fromWire(wire);
  }

  /** Codeup keeps no delivery log: only the hook's `LastTestResult` (`ok` / `error` / ""), research-fleet §2b. */
  async deliveries(target: CodeupTarget, id: string, query: DeliveryQuery): Promise<DeliveryRecord[]> {
    for await (const wire of this.wires(target)) {
      if (String(wire.Id) === id) return filterRecords(fromCodeupLastTestResult(wire.LastTestResult), query);
    }
    throw new NotFoundError(`${this.label}: no hook ${id} on ${describe(target)}`);
  }

  private wires(target: CodeupTarget) {
    const { organizationId, projectId } = target;
    const listing = { provider: this.label, what: 'hooks', pageSize: this.pageSize, bounds: this.bounds, itemBound: 'maxHooks' } as const;
    return pagedList(listing, async (page, _offset, watch) => {
      const { envelope, bytes } = await this.call({ ...this.requests.list(projectId, organizationId, page), watch });
      const parsed = CodeupWireHookSchema.array().safeParse(envelope.Result ?? []);
      if (!parsed.success) throw unexpectedShape(this.label, 200, 'Result is not a list of hooks', envelope.RequestId);
      // A secret read in clear may be carried into a later request (a replace): known to the
      // redactor before that request, so an error that echoes the body never prints it raw.
      for (const wire of parsed.data) this.redactor.add(wire.SecretToken ?? undefined);
      return { items: parsed.data, ids: parsed.data.map((wire) => wire.Id), bytes, last: lastPage(envelope.Total, page, this.pageSize) };
    });
  }

  /** `codeup:<org>/*`: ListRepositories, page by page (Page/PageSize), until Total or a short page. */
  async *expand(pattern: string, signal?: AbortSignal): AsyncIterable<CodeupTarget> {
    const { organizationId } = parsePatternOf(pattern, codeupTarget);
    const listing = { provider: this.label, what: 'repositories', pageSize: this.pageSize, bounds: this.bounds, itemBound: 'maxRepositories' } as const;
    const ids = pagedList(listing, async (page, _offset, watch) => {
      const { envelope, bytes } = await this.call({ ...this.requests.repositories(organizationId, page), signal, watch });
      const parsed = CodeupWireRepositorySchema.array().safeParse(envelope.Result ?? []);
      if (!parsed.success) throw unexpectedShape(this.label, 200, 'Result is not a list of repositories', envelope.RequestId);
      const found = parsed.data.map((repo) => repo.Id);
      return { items: found, ids: found, bytes, last: lastPage(envelope.Total, page, this.pageSize) };
    });
    for await (const projectId of ids) yield discovered(codeupTarget, { provider: 'codeup', organizationId, projectId }, this.label);
  }

  async get(target: CodeupTarget, id: string): Promise<Hook> {
    for await (const hook of this.list(target)) if (hook.id === id) return hook;
    throw new NotFoundError(`${this.label}: no hook ${id} on ${describe(target)}`);
  }

  async create(target: CodeupTarget, spec: HookSpec): Promise<Hook> {
    const { organizationId, projectId } = target;
    return this.parseHook((await this.call(this.requests.create(projectId, organizationId, spec))).envelope);
  }

  async delete(target: CodeupTarget, id: string): Promise<void> {
    const { organizationId, projectId } = target;
    await this.call(this.requests.delete(projectId, organizationId, id));
  }

  async preview(operation: Operation<CodeupTarget>) {
    const { organizationId, projectId } = operation.target;
    if (operation.kind === 'update') refuseSecretLoss(this.label, this.capabilities, operation.spec, operation.dropSecret);
    // An update is a replace, in CODEUP_V3.replaceOrder: create the new hook, then delete the old.
    const specs: RequestSpec[] =
      operation.kind === 'create'
        ? [this.requests.create(projectId, organizationId, operation.spec)]
        : operation.kind === 'delete'
          ? [this.requests.delete(projectId, organizationId, operation.id)]
          : [this.requests.create(projectId, organizationId, operation.spec), this.requests.delete(projectId, organizationId, operation.id)];
    return specs.map((spec) => this.api.preview(spec));
  }

  private readonly requests = {
    repositories: (organizationId: string, page: number): RequestSpec => ({
      method: 'GET',
      path: CODEUP_V3.repositories.path,
      query: { OrganizationId: organizationId, Page: page, PageSize: this.pageSize },
      headers: acsHeaders(CODEUP_V3.repositories.action),
    }),
    list: (projectId: string, organizationId: string, page: number): RequestSpec => ({
      method: 'GET',
      path: CODEUP_V3.hooksPath(projectId),
      query: { OrganizationId: organizationId, Page: page, PageSize: this.pageSize },
      headers: acsHeaders(CODEUP_V3.actions.list),
    }),
    create: (projectId: string, organizationId: string, spec: HookSpec): RequestSpec => ({
      method: 'POST',
      path: CODEUP_V3.hooksPath(projectId),
      query: { OrganizationId: organizationId },
      headers: { ...acsHeaders(CODEUP_V3.actions.create), 'content-type': CODEUP_V3.contentType },
      json: toWire(spec),
    }),
    delete: (projectId: string, organizationId: string, id: string): RequestSpec => ({
      method: 'DELETE',
      path: CODEUP_V3.hookPath(projectId, id),
      query: { OrganizationId: organizationId },
      headers: acsHeaders(CODEUP_V3.actions.delete),
    }),
  };

  /** A Codeup envelope; `Success: false` with a 2xx status is an error too. */
  private async call(spec: RequestSpec) {
    const res = await this.api.send(spec);
    const envelope = this.api.parse(res, CodeupEnvelopeSchema, 'not a Codeup envelope');
    if (envelope.Success === false) throw codeupError(res);
    return { envelope, bytes: res.body.byteLength };
  }

  private parseHook(envelope: { Result?: unknown; RequestId?: string | undefined }): Hook {
    const parsed = CodeupWireHookSchema.safeParse(envelope.Result);
    if (!parsed.success) throw unexpectedShape(this.label, 200, 'Result is not a hook', envelope.RequestId);
    return fromWire(parsed.data);
  }
}

/** Page `page` of `pageSize` is the last when it reaches the envelope's Total (absent or null: only a short page ends the list). */
function lastPage(total: number | undefined, page: number, pageSize: number): boolean {
  return total !== undefined && page * pageSize >= total;
}

function acsHeaders(action: string): Record<string, string> {
  return { accept: 'application/json', 'x-acs-action': action, 'x-acs-version': CODEUP_V3.version };
}

function describe(target: CodeupTarget): string {
  return `repository ${target.projectId} in organization ${target.organizationId}`;
}

export { codeupV3Capabilities };
