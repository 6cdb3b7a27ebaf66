import { InterruptedError, NetworkError } from '../errors.js';
import type { HttpRequest, HttpResponse, Transport } from './types.js';

export interface UndiciTransportOptions {
  /** Connect, response-headers and body timeouts, each (ms). */
  timeoutMs: number;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, read by deps from the environment. */
  proxy?: { httpProxy?: string | undefined; httpsProxy?: string | undefined; noProxy?: string | undefined };
}

/**
 * The production transport, and the only module that imports undici. undici is loaded on first
 * use so `--help` and `--version` never pay for it. One dispatcher per run keeps connections alive
 * across requests (bulk runs reuse sockets).
 */
export function createUndiciTransport(options: UndiciTransportOptions): Transport {
  let dispatcherPromise: Promise<{ request: typeof import('undici').request; dispatcher: import('undici').Dispatcher }>;
  const load = () => {
    dispatcherPromise ??= import('undici').then((undici) => {
      const agentOptions = {
        connect: { timeout: options.timeoutMs },
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      };
      const { httpProxy, httpsProxy, noProxy } = options.proxy ?? {};
      const dispatcher =
        httpProxy || httpsProxy
          ? new undici.EnvHttpProxyAgent({ ...agentOptions, httpProxy, httpsProxy, noProxy })
          : new undici.Agent(agentOptions);
      return { request: undici.request, dispatcher };
    });
    return dispatcherPromise;
  };

  return async (req: HttpRequest): Promise<HttpResponse> => {
    const { request, dispatcher } = await load();
    const { host: _host, ...headers } = req.headers; // undici derives Host from the URL itself
    try {
      const res = await request(req.url, {
        method: req.method,
        headers,
        body: req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength) : null,
        dispatcher,
        signal: req.signal,
      });
      const body = new Uint8Array(await res.body.arrayBuffer());
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body };
    } catch (error) {
      throw toNetworkError(error, req);
    }
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Codes that mean the request never left this machine, so retrying a POST cannot duplicate it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

export function toNetworkError(error: unknown, req: Pick<HttpRequest, 'url' | 'signal'>): Error {
  if (req.signal?.aborted) return new InterruptedError('interrupted');
  const code = errorCode(error);
  const where = `${req.url.protocol}//${req.url.host}`;
  const reason = describe(code, error);
  return new NetworkError(`${where}: ${reason}`, {
    hint: hintFor(code),
    details: error instanceof Error ? `${error.name}: ${error.message}${code ? ` (${code})` : ''}` : String(error),
    sent: !NOT_SENT_CODES.has(code ?? ''),
  });
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timed out connecting';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'timed out waiting for the response';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed before the response arrived';
    default:
      if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `TLS error (${code})`;
      return error instanceof Error && error.message ? `network error: ${error.message}` : 'network error';
  }
}

function hintFor(code: string | undefined): string | undefined {
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return 'raise --timeout, or check the endpoint and proxy settings';
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') return 'check --endpoint / HOOKCTL_ENDPOINT and the region';
  return undefined;
}
