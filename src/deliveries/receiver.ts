/**
 * The local delivery receiver behind `hookctl listen` (and the demo): a node:http server that
 * checks each POST with verify.ts (a verbatim token before the body is read), answers 401 when the
 * credential is wrong or missing, optionally relays an accepted delivery (credentials and hop-by-hop
 * headers aside) through an injected transport, and reports each delivery to a callback. Bodies,
 * requests at once and the time to send one are bounded (ReceiverLimits). It never prints.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { HttpResponse, Transport } from '../http/types.js';
import type { ProviderId } from '../model/target.js';
import type { DeliverySender } from './facts.js';
import { checkHeaders, checkSigned, type DeliverySummary, eventHeadersOf, summarizeWith, tokenHeadersOf, type Verdict, type VerifyResult } from './verify.js';

export interface ReceivedDelivery extends DeliverySummary {
  time: string;
  provider: ProviderId | 'unknown';
  verdict: Verdict;
  /** The status answered to the sender. */
  status: number;
  /** With a forward target: its status, or `error: …` when it could not be reached. */
  forwarded?: number | string;
}

export interface ReceiverOptions {
  host: string;
  port: number;
  /** The providers whose deliveries it knows (their definitions). */
  senders: readonly DeliverySender[];
  provider?: ProviderId | undefined;
  tokenHeader?: string | undefined;
  secrets: readonly string[];
  forwardTo?: URL | undefined;
  /** Headers relayed to `forwardTo` although they are credentials or named by Connection (lower or any case). */
  forwardHeaders?: readonly string[] | undefined;
  transport?: Transport | undefined;
  /** Absent ones: RECEIVER_LIMITS. */
  limits?: Partial<ReceiverLimits> | undefined;
  now(): Date;
  onDelivery(delivery: ReceivedDelivery): void;
}

export interface Receiver {
  url: string;
  close(): Promise<void>;
}

/** Per-connection headers (RFC 9110 §7.6.1) and the ones the transport sets itself: never relayed. */
const NOT_RELAYED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'te', 'upgrade', 'proxy-connection', 'expect']);
/** Credentials meant for this receiver, not for the forward target: relayed only when --forward-header names them. */
const CREDENTIALS = ['authorization', 'proxy-authorization', 'cookie'];

/** The bounds of a receiver that may be left running: what one sender, or many, can make it hold. */
export interface ReceiverLimits {
  /** The largest body read once its token was checked from the headers (or with verification off). */
  maxBodyBytes: number;
  /** The largest body read before it can be checked: an HMAC-signed delivery (its signature covers the body). */
  maxUnverifiedBytes: number;
  /** Requests handled at once; one more is answered 503 at once. Open sockets are capped at 4× this. */
  maxConcurrent: number;
  /** The time a sender has for a whole request, headers and body (ms); a slower one gets 408 and is cut off. */
  readTimeoutMs: number;
}

export const RECEIVER_LIMITS: ReceiverLimits = { maxBodyBytes: 25 * 1024 * 1024, maxUnverifiedBytes: 1024 * 1024, maxConcurrent: 8, readTimeoutMs: 10_000 };

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const limits = { ...RECEIVER_LIMITS, ...options.limits };
  const relay = relayRule(options);
  const state = { active: 0 };
  const server = createServer(
    {
      requestTimeout: limits.readTimeoutMs,
      headersTimeout: limits.readTimeoutMs,
      // Node looks for expired requests at this interval (30 s by default, longer than most timeouts given).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.readTimeoutMs / 4))),
    },
    (req, res) => {
      if (state.active >= limits.maxConcurrent) return refuse(res, 503, { error: 'too many deliveries at once; retry later' }, { 'retry-after': '1' });
      state.active += 1;
      void handle(req, res, options, limits, relay).finally(() => {
        state.active -= 1;
      });
    },
  );
  server.maxConnections = limits.maxConcurrent * 4;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the receiver has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The body, up to `limit` bytes; undefined past it (a declared Content-Length over it is refused unread). */
async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  if (Number(req.headers['content-length']) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): void {
  res.writeHead(status, headers);
  res.end(typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body));
}

/** An answer before (or instead of) reading the body: the connection is closed after it, so the rest is never taken in. */
function refuse(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  answer(res, status, body, { 'content-type': 'application/json', connection: 'close', ...headers });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ReceiverOptions, limits: ReceiverLimits, relay: Relay): Promise<void> {
  try {
    if (req.method !== 'POST') return refuse(res, 405, { error: 'hookctl listen accepts POST deliveries only' }, { allow: 'POST' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const verifyOptions = { provider: options.provider, tokenHeader: options.tokenHeader, secrets: options.secrets };
    const first = checkHeaders(options.senders, headers, verifyOptions);
    const eventHeaders = eventHeadersOf(options.senders);
    const rejected = (check: VerifyResult, body: Uint8Array) => {
      refuse(res, 401, { error: check.verdict === 'bad-token' ? 'token mismatch' : 'no token header' });
      options.onDelivery({
        time: options.now().toISOString(),
        provider: check.provider,
        verdict: check.verdict,
        ...summarizeWith(eventHeaders, headers, body),
        status: 401,
      });
    };
    // A token sent verbatim is judged from the headers: a sender without it never has its body read.
    if (!('signedIn' in first) && (first.verdict === 'bad-token' || first.verdict === 'no-token')) return rejected(first, new Uint8Array());
    const body = await readBody(req, 'signedIn' in first ? limits.maxUnverifiedBytes : limits.maxBodyBytes);
    if (body === undefined) return refuse(res, 413, { error: 'delivery body too large' });
    const check = 'signedIn' in first ? checkSigned(first, headers, body, options.secrets) : first;
    if (check.verdict === 'bad-token' || check.verdict === 'no-token') return rejected(check, body);
    const base = { time: options.now().toISOString(), provider: check.provider, verdict: check.verdict, ...summarizeWith(eventHeaders, headers, body) };
    if (!options.forwardTo || !options.transport) {
      answer(res, 200, { ok: true });
      return options.onDelivery({ ...base, status: 200 });
    }
    let downstream: HttpResponse;
    try {
      downstream = await options.transport({ method: 'POST', url: options.forwardTo, headers: relay(req), body });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      answer(res, 502, { error: 'the forward target did not answer' });
      return options.onDelivery({ ...base, status: 502, forwarded: `error: ${reason}` });
    }
    const type = downstream.headers['content-type'];
    answer(res, downstream.status, downstream.body, type ? { 'content-type': type } : {});
    options.onDelivery({ ...base, status: downstream.status, forwarded: downstream.status });
  } catch (error) {
    if (!res.headersSent) answer(res, 500, { error: 'the receiver failed' });
    void error;
  }
}

type Relay = (req: IncomingMessage) => Record<string, string>;

/**
 * Which of a delivery's headers go on to the forward target: not the per-connection ones (nor
 * those its Connection header names), and not the credentials meant for this receiver (the
 * providers' token headers, --token-header, Authorization, Cookie) unless --forward-header keeps one.
 */
function relayRule(options: ReceiverOptions): Relay {
  const kept = new Set((options.forwardHeaders ?? []).map((n) => n.toLowerCase()));
  const secretive = new Set([...CREDENTIALS, ...tokenHeadersOf(options.senders), ...(options.tokenHeader ? [options.tokenHeader.toLowerCase()] : [])]);
  return (req) => {
    const named = new Set(
      (req.headers.connection ?? '')
        .split(',')
        .map((n) => n.trim().toLowerCase())
        .filter((n) => n !== ''),
    );
    const relayed: Record<string, string> = {};
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = (req.rawHeaders[i] ?? '').toLowerCase();
      if (NOT_RELAYED.has(name) || ((secretive.has(name) || named.has(name)) && !kept.has(name))) continue;
      relayed[name] = relayed[name] === undefined ? (req.rawHeaders[i + 1] ?? '') : `${relayed[name]}, ${req.rawHeaders[i + 1] ?? ''}`;
    }
    return relayed;
  };
}
