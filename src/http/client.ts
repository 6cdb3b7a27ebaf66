import { NetworkError, ProviderError } from '../errors.js';
import type { Redactor } from './redact.js';
import { backoffMs, GoneOnRetryError, mayHaveApplied, type Outcome, type RetryOptions, retryAfterMs, retryReason, waitOrInterrupt } from './retry.js';
import type { AuthStep, BodyWatch, HttpMethod, HttpRequest, HttpResponse, RequestPreview, Transport } from './types.js';

/** What an adapter asks for; the client turns it into bytes, credentials and a wire request. */
export interface RequestSpec {
  method: HttpMethod;
  /** Path below the base URL, already encoded (adapters encode their own path segments). */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Serialized once; the signature covers exactly these bytes. */
  json?: unknown;
  signal?: AbortSignal | undefined;
  /** Limits on the answer's body, made afresh for every attempt (each counts its own bytes). */
  watch?: (() => BodyWatch) | undefined;
}

export interface HttpClientOptions {
  baseUrl: URL;
  transport: Transport;
  auth: AuthStep;
  redactor: Redactor;
  /** --debug sink (stderr); lines arrive already redacted. */
  debug?: ((line: string) => void) | undefined;
  now?: () => number;
  userAgent?: string;
  /** Retries of failed attempts (retry.ts says which); absent: every request is sent once. */
  retry?: RetryOptions | undefined;
}

export interface HttpClient {
  /** Sends one request; any status comes back (the adapter maps errors). Network failures throw. */
  send(spec: RequestSpec): Promise<HttpResponse>;
  /** The request `send` would make, credentials in preview form, masked for printing. Sends nothing. */
  preview(spec: RequestSpec): RequestPreview;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { auth, redactor, transport, debug } = options;
  redactor.add(...auth.secrets());
  const now = options.now ?? Date.now;

  const prepare = (spec: RequestSpec): HttpRequest => {
    const url = joinUrl(options.baseUrl, spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'hookctl' };
    for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
    const body = spec.json === undefined ? undefined : encoder.encode(JSON.stringify(spec.json));
    return { method: spec.method, url, headers, body, signal: spec.signal, watch: spec.watch?.() };
  };

  const toPreview = (req: HttpRequest): RequestPreview => {
    const preview: RequestPreview = { method: req.method, url: redactor.url(req.url), headers: redactor.headers(req.headers) };
    if (req.body) preview.body = redactor.body(decoder.decode(req.body));
    return preview;
  };

  const attempt = async (spec: RequestSpec): Promise<HttpResponse> => {
    const req = prepare(spec);
    await auth.authorize(req);
    if (debug) logRequest(debug, toPreview(req));
    const started = now();
    const res = await transport(req);
    if (debug) logResponse(debug, res, now() - started, redactor);
    return res;
  };

  const sendOnce = async (spec: RequestSpec): Promise<HttpResponse> => {
    const res = await attempt(spec);
    // A 401 after a cached token expired: renew once. A refused signature is never retried,
    // because Huawei locks an access key after five bad signatures.
    if (res.status === 401 && auth.renew && (await auth.renew())) {
      redactor.add(...auth.secrets());
      return attempt(spec);
    }
    return res;
  };

  const retry = options.retry ?? {};
  const retries = Math.max(0, retry.retries ?? 0);
  // Without an injected source the full backoff ceiling is used: deterministic and conservative.
  const random = retry.random ?? (() => 1);
  const nowDate = retry.now ?? (() => new Date(now()));

  return {
    async send(spec) {
      let earlier: string | undefined;
      for (let n = 1; ; n++) {
        // Each attempt is prepared and signed anew: a signature nonce may be used only once.
        let outcome: Outcome;
        try {
          outcome = { response: await sendOnce(spec) };
        } catch (error) {
          if (!(error instanceof NetworkError)) throw error;
          outcome = { error };
        }
        if (earlier && spec.method === 'DELETE' && 'response' in outcome && outcome.response.status === 404) {
          throw new GoneOnRetryError(spec.path, earlier);
        }
        const reason = n <= retries ? retryReason(spec.method, outcome) : undefined;
        if (!reason) return refuseRedirect(finish(outcome, n), options.baseUrl);
        if (mayHaveApplied(outcome)) earlier ??= reason;
        const asked = 'response' in outcome ? retryAfterMs(outcome.response, nowDate) : undefined;
        const waitMs = asked ?? backoffMs(n, random);
        debug?.(
          `retry ${n}/${retries}: ${spec.method} ${spec.path} failed (${reason}); waiting ${waitMs} ms${asked === undefined ? '' : ' as Retry-After asks'}`,
        );
        await waitOrInterrupt(retry, waitMs);
      }
    },
    preview(spec) {
      const req = prepare(spec);
      auth.preview(req);
      return toPreview(req);
    },
  };
}

/** The last attempt's answer; a network failure after retries says how many attempts were made. */
function finish(outcome: Outcome, attempts: number): HttpResponse {
  if ('response' in outcome) return outcome.response;
  const { error } = outcome;
  if (attempts === 1) throw error;
  throw new NetworkError(`${error.message} (after ${attempts} attempts)`, { hint: error.hint, details: error.details, sent: error.sent, cause: error });
}

/**
 * A 3xx is never success and never followed: following would send the credentials (a header, a
 * signature, a token in the query) to wherever the server points, and a write that was redirected
 * was not carried out. The error names where the server pointed.
 */
export function refuseRedirect(res: HttpResponse, base: URL): HttpResponse {
  if (res.status < 300 || res.status >= 400) return res;
  const location = res.headers.location;
  let target = 'no Location header';
  if (location) {
    try {
      target = `Location host ${new URL(location, base).host || '(none)'}`;
    } catch {
      target = 'an unreadable Location header';
    }
  }
  throw new ProviderError(
    { provider: base.host, status: res.status },
    {
      message: `${base.protocol}//${base.host} answered HTTP ${res.status} (a redirect, ${target}); hookctl does not follow redirects`,
      hint: 'check --endpoint / HOOKCTL_ENDPOINT: it should name the API itself, with https://',
    },
  );
}

/** Appends `path` to the base URL's own path, so a base like https://host/prefix keeps its prefix. */
export function joinUrl(base: URL, path: string): URL {
  const url = new URL(base);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  url.search = '';
  url.hash = '';
  return url;
}

function logRequest(debug: (line: string) => void, preview: RequestPreview): void {
  debug(`> ${preview.method} ${preview.url}`);
  for (const [name, value] of Object.entries(preview.headers)) debug(`> ${name}: ${value}`);
  if (preview.body !== undefined) debug(`> ${JSON.stringify(preview.body)}`);
}

const MAX_LOGGED_BODY = 2000;

function logResponse(debug: (line: string) => void, res: HttpResponse, ms: number, redactor: Redactor): void {
  debug(`< ${res.status} (${Math.round(ms)} ms)`);
  for (const [name, value] of Object.entries(redactor.headers(res.headers))) debug(`< ${name}: ${value}`);
  const text = decoder.decode(res.body);
  if (text) {
    const shown = JSON.stringify(redactor.body(text)) ?? '';
    debug(`< ${shown.length > MAX_LOGGED_BODY ? `${shown.slice(0, MAX_LOGGED_BODY)}…` : shown}`);
  }
}
