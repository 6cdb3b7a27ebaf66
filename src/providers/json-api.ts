import type { HttpClient, RequestSpec } from '../http/client.js';
import type { HttpResponse, RequestPreview } from '../http/types.js';
import { parseJsonBody, rejectHtml, unexpectedShape } from './errors.js';

/** A zod schema, or anything else that parses the same way. */
export interface Parser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export interface JsonApiOptions {
  /** Names the provider in every error (its label). */
  label: string;
  http: HttpClient;
  /** The provider's error body (status ≥ 400) → the typed error that decides the exit code. */
  toError(res: HttpResponse): Error;
  /** The header that carries the request id in answers. */
  requestIdHeader: string;
  /** Content type of JSON bodies sent; headers sent on every request (accept is always JSON). */
  contentType: string;
  headers?: Record<string, string> | undefined;
  /** Sends the content type on every request, with a body or not (for APIs that require it everywhere). */
  alwaysContentType?: boolean | undefined;
  /** Runs just before a request is sent (not previewed), e.g. to add a looked-up header. */
  beforeSend?: ((spec: RequestSpec) => Promise<RequestSpec>) | undefined;
}

/** The one way adapters build, send and read JSON requests: errors and odd bodies are typed once, here. */
export interface JsonApi {
  request(method: RequestSpec['method'], path: string, extra?: Partial<RequestSpec>): RequestSpec;
  /** Sends; a status ≥ 400 becomes the provider's error, an HTML page with a 2xx status a ProviderError. */
  send(spec: RequestSpec): Promise<HttpResponse>;
  /** Reads a JSON body in `schema`; `what` says what it should have been ("not a hook"). */
  parse<T>(res: HttpResponse, schema: Parser<T>, what: string): T;
  /** send + parse. */
  call<T>(spec: RequestSpec, schema: Parser<T>, what: string): Promise<T>;
  requestId(res: HttpResponse): string | undefined;
  /** What `send` would send, credentials in preview form (no lookup, no request). */
  preview(spec: RequestSpec): RequestPreview;
}

export function createJsonApi(options: JsonApiOptions): JsonApi {
  const { label, http } = options;
  const requestId = (res: HttpResponse) => res.headers[options.requestIdHeader];
  const api: JsonApi = {
    requestId,
    preview: (spec) => http.preview(spec),
    request(method, path, extra = {}) {
      const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
      if (extra.json !== undefined || options.alwaysContentType) headers['content-type'] = options.contentType;
      return { method, path, headers, ...extra };
    },
    async send(spec) {
      const sent = options.beforeSend ? await options.beforeSend(spec) : spec;
      const res = await http.send(sent);
      if (res.status >= 400) throw options.toError(res);
      rejectHtml(res, label, requestId(res));
      return res;
    },
    parse(res, schema, what) {
      const parsed = schema.safeParse(parseJsonBody(res, label, requestId(res)));
      if (!parsed.success) throw unexpectedShape(label, res.status, what, requestId(res));
      return parsed.data;
    },
    async call(spec, schema, what) {
      return api.parse(await api.send(spec), schema, what);
    },
  };
  return api;
}
