/** The receiver behind `listen`, over real loopback sockets: what an unauthenticated, greedy or slow sender can make it do. */
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceivedDelivery, Receiver, ReceiverOptions } from '../../../src/deliveries/receiver.js';
import { startReceiver } from '../../../src/deliveries/receiver.js';
import type { HttpRequest } from '../../../src/http/types.js';
import { sampleDelivery } from '../../../src/providers/deliveries.js';
import { PROVIDER_CATALOG } from '../../../src/runtime/catalog.js';

const SECRET = 'receiver-secret-1';
let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

async function start(options: Partial<ReceiverOptions> = {}): Promise<{ port: number; seen: ReceivedDelivery[] }> {
  const seen: ReceivedDelivery[] = [];
  receiver = await startReceiver({
    host: '127.0.0.1',
    port: 0,
    senders: PROVIDER_CATALOG,
    secrets: [SECRET],
    now: () => new Date('2026-01-02T03:04:05Z'),
    onDelivery: (d) => seen.push(d),
    ...options,
  });
  return { port: Number(new URL(receiver.url).port), seen };
}

/**
 * Writes a request head (and the start of a body) on a raw socket and never sends the rest; resolves
 * with the first line of the answer, or `closed` when the connection ends without one.
 */
function partialPost(port: number, headers: Record<string, string>, declaredLength: number, sent = 'x'.repeat(16)): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      if (answer.includes('\r\n')) {
        resolve(answer.slice(0, answer.indexOf('\r\n')));
        socket.destroy();
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer === '' ? 'closed' : answer));
    const head = Object.entries({ host: 'x', 'content-type': 'application/json', 'content-length': String(declaredLength), ...headers })
      .map(([n, v]) => `${n}: ${v}\r\n`)
      .join('');
    socket.write(`POST /h HTTP/1.1\r\n${head}\r\n${sent}`);
  });
}

/** A POST through node:http, which (unlike fetch) sends a Connection header as given. */
function post(url: string, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/h`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const codeup = (secret: string | undefined) => sampleDelivery({ provider: 'codeup', event: 'push', secret, time: '2026-01-02T03:04:05Z', uuid: 'u-1' });

describe('startReceiver', () => {
  it('a missing or wrong token is answered 401 from the headers, before the body is read', async () => {
    const { port, seen } = await start();
    // 24 MiB declared, 16 bytes sent: an answer can only come before the body.
    expect(await partialPost(port, { 'x-codeup-event': 'Push Hook' }, 24 * 1024 * 1024)).toBe('HTTP/1.1 401 Unauthorized');
    expect(await partialPost(port, { 'x-codeup-token': 'wrong' }, 24 * 1024 * 1024)).toBe('HTTP/1.1 401 Unauthorized');
    expect(seen.map((d) => d.verdict)).toEqual(['no-token', 'bad-token']);
  });

  it('an HMAC-signed body is read only up to maxUnverifiedBytes (413 past it); a verbatim-token one up to maxBodyBytes', async () => {
    const { port } = await start({ provider: 'servicestage', limits: { maxUnverifiedBytes: 1024, maxBodyBytes: 4096 } });
    expect(await partialPost(port, { 'x-hub-signature-256': 'sha256=00' }, 2048)).toBe('HTTP/1.1 413 Payload Too Large');
    const plain = await start({ limits: { maxBodyBytes: 4096 } });
    expect(await partialPost(plain.port, { 'x-codeup-token': SECRET }, 8192)).toBe('HTTP/1.1 413 Payload Too Large');
  });

  it('more requests at once than maxConcurrent: the next is answered 503 at once', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transport = async (_req: HttpRequest) => {
      await held;
      return { status: 200, headers: {}, body: new Uint8Array() };
    };
    const { port } = await start({ limits: { maxConcurrent: 2 }, forwardTo: new URL('http://127.0.0.1:9/in'), transport });
    const d = codeup(SECRET);
    const send = () => fetch(`http://127.0.0.1:${port}/h`, { method: 'POST', headers: d.headers, body: d.body });
    const first = [send(), send()];
    await new Promise((r) => setTimeout(r, 200));
    const third = await send();
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    release();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('a sender too slow to finish its request within readTimeoutMs gets 408 and is cut off', async () => {
    const { port } = await start({ limits: { readTimeoutMs: 300 } });
    const started = Date.now();
    const line = await partialPost(port, { 'x-codeup-token': SECRET }, 1000);
    expect(line).toBe('HTTP/1.1 408 Request Timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('relays without credentials or Connection-named headers, unless forwardHeaders keeps one', async () => {
    const relayed: Record<string, string>[] = [];
    const transport = async (req: HttpRequest) => {
      relayed.push(req.headers);
      return { status: 202, headers: {}, body: new Uint8Array() };
    };
    const d = codeup(SECRET);
    const headers = {
      ...d.headers,
      authorization: 'Bearer for-the-receiver',
      cookie: 'session=1',
      'x-repo-token': 'another-token',
      'x-custom-token': 'picked-by-token-header',
      connection: 'keep-alive, x-hop',
      'x-hop': 'per-connection',
      'x-trace-id': 'trace-42',
    };
    // tokenHeader names where this hook's token is: X-Custom-Token then carries it.
    await start({ forwardTo: new URL('http://127.0.0.1:9/in'), transport, tokenHeader: 'X-Custom-Token', provider: 'codeup' });
    expect(await post(receiver?.url ?? '', { ...headers, 'x-custom-token': SECRET }, d.body)).toBe(202);
    const names = Object.keys(relayed[0] ?? {});
    expect(names).toEqual(expect.arrayContaining(['x-codeup-event', 'x-trace-id', 'content-type']));
    for (const dropped of ['authorization', 'cookie', 'x-codeup-token', 'x-repo-token', 'x-custom-token', 'x-hop', 'connection', 'host'])
      expect(names).not.toContain(dropped);
    await receiver?.close();
    await start({ forwardTo: new URL('http://127.0.0.1:9/in'), transport, forwardHeaders: ['Authorization', 'X-Codeup-Token'] });
    expect(await post(receiver?.url ?? '', headers, d.body)).toBe(202);
    expect(relayed[1]).toMatchObject({ authorization: 'Bearer for-the-receiver', 'x-codeup-token': SECRET });
    expect(relayed[1]).not.toHaveProperty('cookie');
  });
});
