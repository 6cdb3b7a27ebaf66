/**
 * The local delivery receiver behind `hookctl listen` (and the demo): a node:http server that
 * checks each POST with verify.ts, answers 401 when the credential is wrong or missing, optionally
 * relays an accepted delivery (every header kept, hop-by-hop ones aside) through an injected
 * transport, and reports each delivery to a callback. It never prints; the caller does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { HttpResponse, Transport } from '../http/types.js';
import type { ProviderId } from '../model/target.js';
import type { DeliverySender } from './facts.js';
import { type DeliverySummary, eventHeadersOf, summarizeWith, type Verdict, verifyFrom } from './verify.js';

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
  transport?: Transport | undefined;
  now(): Date;
  onDelivery(delivery: ReceivedDelivery): void;
}

export interface Receiver {
  url: string;
  close(): Promise<void>;
}

/** Per-connection headers (RFC 9110 §7.6.1) and the ones the transport sets itself. */
const NOT_RELAYED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'te', 'upgrade', 'proxy-connection', 'expect']);
const MAX_BODY = 25 * 1024 * 1024;

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const server = createServer((req, res) => void handle(req, res, options));
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

async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): void {
  res.writeHead(status, headers);
  res.end(typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ReceiverOptions): Promise<void> {
  try {
    if (req.method !== 'POST')
      return answer(res, 405, { error: 'hookctl listen accepts POST deliveries only' }, { 'content-type': 'application/json', allow: 'POST' });
    const body = await readBody(req);
    if (body === undefined) return answer(res, 413, { error: 'delivery body too large' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    const check = verifyFrom(options.senders, headers, body, { provider: options.provider, tokenHeader: options.tokenHeader, secrets: options.secrets });
    const summary = summarizeWith(eventHeadersOf(options.senders), headers, body);
    const base = { time: options.now().toISOString(), provider: check.provider, verdict: check.verdict, ...summary };
    if (check.verdict === 'bad-token' || check.verdict === 'no-token') {
      answer(res, 401, { error: check.verdict === 'bad-token' ? 'token mismatch' : 'no token header' });
      return options.onDelivery({ ...base, status: 401 });
    }
    if (!options.forwardTo || !options.transport) {
      answer(res, 200, { ok: true });
      return options.onDelivery({ ...base, status: 200 });
    }
    const relayed: Record<string, string> = {};
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = (req.rawHeaders[i] ?? '').toLowerCase();
      if (!NOT_RELAYED.has(name))
        relayed[name] = relayed[name] === undefined ? (req.rawHeaders[i + 1] ?? '') : `${relayed[name]}, ${req.rawHeaders[i + 1] ?? ''}`;
    }
    let downstream: HttpResponse;
    try {
      downstream = await options.transport({ method: 'POST', url: options.forwardTo, headers: relayed, body });
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
