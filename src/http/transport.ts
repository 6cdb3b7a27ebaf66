import type { Dispatcher } from 'undici';
import { BoundError, InterruptedError, NetworkError, ProviderError } from '../errors.js';
import type { HttpRequest, HttpResponse, Transport } from './types.js';
import { loadUndiciParts, type UndiciParts } from './undici-parts.js';

export interface UndiciTransportOptions {
  /**
   * The deadline of one request (ms): connecting, the response headers and the whole body must all
   * arrive within it. undici's own timeouts restart on every chunk, so a server dripping one byte at
   * a time would hold a run forever without this overall timer.
   */
  timeoutMs: number;
  /** The largest response body read (bytes); a larger one is refused without reading the rest. */
  maxResponseBytes?: number | undefined;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY, read by deps from the environment. */
  proxy?: { httpProxy?: string | undefined; httpsProxy?: string | undefined; noProxy?: string | undefined };
}

/** 32 MiB: thousands of hooks fit many times over; a hostile or broken server cannot exhaust memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** A response body over the limit. Exit 1, like any unusable answer; a create's safe check looks into it. */
export class ResponseTooLargeError extends ProviderError {
  constructor(where: string, status: number, limit: number) {
    super(
      { provider: where, status },
      {
        message: `${where} answered HTTP ${status} with a body over the ${formatBytes(limit)} response limit; stopped reading it`,
        hint: 'if this endpoint is right, raise the limit with --max-response-mib or the config key maxResponseMiB',
      },
    );
  }
}

/** Ctrl-C while a request was in flight; `sent` says whether its bytes had been handed to the socket. */
export class RequestInterruptedError extends InterruptedError {
  constructor(
    readonly method: HttpRequest['method'],
    readonly sent: boolean,
  ) {
    super('interrupted');
  }
}

/**
 * The production transport, and the only module that imports undici. undici is loaded on first
 * use so `--help` and `--version` never pay for it. One dispatcher per run keeps connections alive
 * across requests (bulk runs reuse sockets).
 */
export function createUndiciTransport(options: UndiciTransportOptions): Transport {
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  let dispatcherPromise: Promise<{ undici: UndiciParts; request: UndiciParts['request']; dispatcher: Dispatcher }>;
  const agentOptions = {
    connect: { timeout: options.timeoutMs },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  };
  const load = () => {
    dispatcherPromise ??= loadUndiciParts().then(async (undici) => {
      const { httpProxy, httpsProxy, noProxy } = options.proxy ?? {};
      const dispatcher =
        httpProxy || httpsProxy
          ? new (await undici.loadEnvHttpProxyAgent())({ ...agentOptions, httpProxy, httpsProxy, noProxy })
          : new undici.Agent(agentOptions);
      return { undici, request: undici.request, dispatcher };
    });
    return dispatcherPromise;
  };
  // One agent per pinned address: its sockets all go to that address, whatever the URL's host resolves to.
  const pinned = new Map<string, Dispatcher>();
  const pinnedTo = (undici: UndiciParts, address: string): Dispatcher => {
    let agent = pinned.get(address);
    if (!agent) {
      agent = new undici.Agent({ ...agentOptions, connect: { ...agentOptions.connect, lookup: pinnedLookup(address) } });
      pinned.set(address, agent);
    }
    return agent;
  };

  return async (req: HttpRequest): Promise<HttpResponse> => {
    const loaded = await load();
    const { request } = loaded;
    const dispatcher = req.address === undefined ? loaded.dispatcher : pinnedTo(loaded.undici, req.address);
    const { host: _host, ...headers } = req.headers; // undici derives Host from the URL itself
    const where = `${req.url.protocol}//${req.url.host}`;
    const progress = { sent: false };
    // One signal for both Ctrl-C and the deadline; which of the two fired decides the error.
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(new DeadlineError()), options.timeoutMs);
    const onAbort = () => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onAbort();
    else req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await request.call(dispatcher.compose(trackSent(progress)), {
        origin: req.url.origin,
        path: `${req.url.pathname}${req.url.search}`,
        method: req.method,
        headers,
        body: req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength) : null,
        signal: controller.signal,
      });
      const tooLarge = () => new ResponseTooLargeError(where, res.statusCode, maxBytes);
      const watch = req.watch;
      // The caller's cap wins where it is the smaller one (a listing's remaining byte budget), with its own error.
      const capped = watch?.maxBytes !== undefined && watch.maxBytes < maxBytes;
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      const body = await readCapped(
        res.body,
        res.headers['content-length'],
        capped ? (watch.maxBytes as number) : maxBytes,
        capped && watch.tooLarge ? watch.tooLarge : tooLarge,
        ok ? watch?.onChunk : undefined,
      );
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body };
    } catch (error) {
      // The body's own limits (the response limit, a watch's cap or check) stop it with their own error.
      if (error instanceof ProviderError || error instanceof BoundError) throw error;
      if (req.signal?.aborted) throw new RequestInterruptedError(req.method, progress.sent);
      if (controller.signal.reason instanceof DeadlineError) {
        throw new NetworkError(`${where}: timed out: no complete answer within ${options.timeoutMs} ms`, {
          hint: 'raise --timeout, or check the endpoint and proxy settings',
          details: `connect, headers and the whole body are bounded by --timeout together; the request ${progress.sent ? 'had' : 'had not'} been sent`,
          sent: progress.sent,
        });
      }
      throw toNetworkError(error, req, progress.sent);
    } finally {
      clearTimeout(deadline);
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}

type LookupCallback = (error: Error | null, address: string | { address: string; family: number }[], family?: number) => void;

/**
 * A `net.connect` lookup that answers every name with one address, so the socket goes where the
 * caller checked; undici still sends the URL's host as Host and as the TLS server name.
 * Node asks for all addresses (`all: true`) when it may try several families, one otherwise.
 */
function pinnedLookup(address: string) {
  const family = address.includes(':') ? 6 : 4;
  return (_hostname: string, lookupOptions: { all?: boolean } | number | undefined, callback: LookupCallback): void => {
    if (typeof lookupOptions === 'object' && lookupOptions?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

class DeadlineError extends Error {
  constructor() {
    super('deadline');
    this.name = 'DeadlineError';
  }
}

/**
 * An undici interceptor that records when the request's bytes were handed to the socket
 * (undici calls onRequestSent right after writing the head and body). Until then, a failure proves
 * the server never saw the request, so even a POST may be sent again. The wrapper is a plain
 * legacy-style handler on purpose: undici forwards onRequestSent only to those.
 */
function trackSent(progress: { sent: boolean }): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (opts, handler) => {
    const h = handler as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>;
    const forward =
      (name: string) =>
      (...args: unknown[]) =>
        h[name]?.apply(handler, args);
    const wrapped = {
      onConnect: forward('onConnect'),
      onUpgrade: forward('onUpgrade'),
      onResponseStarted: forward('onResponseStarted'),
      onHeaders: forward('onHeaders'),
      onData: forward('onData'),
      onComplete: forward('onComplete'),
      onError: forward('onError'),
      onBodySent: forward('onBodySent'),
      onRequestSent: (...args: unknown[]) => {
        progress.sent = true;
        return h.onRequestSent?.apply(handler, args);
      },
    };
    return dispatch(opts, wrapped as unknown as typeof handler);
  };
}

/**
 * The body, read chunk by chunk with a running count: a declared Content-Length over the limit is
 * refused before reading, and an endless (chunked) body is cut as soon as it passes the limit.
 */
export async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy(error?: Error): unknown; on?(event: 'error', listener: () => void): unknown },
  declared: string | string[] | undefined,
  maxBytes: number,
  tooLarge: () => Error,
  onChunk?: ((chunk: Uint8Array) => void) | undefined,
): Promise<Uint8Array> {
  const length = Number(Array.isArray(declared) ? declared[0] : declared);
  // A body given up unread: its stream reports the abort as an 'error' event, which nobody else listens to.
  const discard = () => {
    body.on?.('error', () => {});
    body.destroy();
  };
  if (Number.isFinite(length) && length > maxBytes) {
    discard();
    throw tooLarge();
  }
  // With a declared length the bytes go straight into one buffer: no second copy at the end.
  const into = Number.isInteger(length) && length > 0 ? Buffer.allocUnsafe(length) : undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    if (total + chunk.byteLength > maxBytes) {
      discard();
      throw tooLarge();
    }
    try {
      onChunk?.(chunk);
    } catch (error) {
      discard();
      throw error;
    }
    if (into && total + chunk.byteLength <= into.byteLength) into.set(chunk, total);
    else chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (into && chunks.length === 0) return into.subarray(0, total);
  if (into) chunks.unshift(into.subarray(0, total - chunks.reduce((sum, c) => sum + c.byteLength, 0)));
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks, total);
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
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

/**
 * `sent`: whether undici reported the request written (see trackSent). Absent (callers without
 * that knowledge): judged from the error code alone.
 */
export function toNetworkError(error: unknown, req: Pick<HttpRequest, 'url' | 'signal'>, sent?: boolean): Error {
  if (req.signal?.aborted) return new InterruptedError('interrupted');
  const code = errorCode(error);
  const where = `${req.url.protocol}//${req.url.host}`;
  const reason = describe(code, error);
  return new NetworkError(`${where}: ${reason}`, {
    hint: hintFor(code),
    details: error instanceof Error ? `${error.name}: ${error.message}${code ? ` (${code})` : ''}` : String(error),
    sent: (sent ?? true) && !NOT_SENT_CODES.has(code ?? ''),
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
