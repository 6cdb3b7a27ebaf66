/** The undici transport against loopback servers: body cap, overall deadline, and whether a request left. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { InterruptedError, NetworkError, ProviderError } from '../../../src/errors.js';
import { refuseRedirect } from '../../../src/http/client.js';
import { createUndiciTransport, RequestInterruptedError, ResponseTooLargeError, readCapped } from '../../../src/http/transport.js';
import type { HttpRequest } from '../../../src/http/types.js';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`);
}

const post = (url: URL, signal?: AbortSignal): HttpRequest => ({ method: 'POST', url, headers: {}, body: new TextEncoder().encode('{"a":1}'), signal });

describe('readCapped', () => {
  const body = (chunks: number[]) => {
    let destroyed = false;
    return {
      get destroyed() {
        return destroyed;
      },
      destroy() {
        destroyed = true;
      },
      async *[Symbol.asyncIterator]() {
        for (const size of chunks) yield new Uint8Array(size);
      },
    };
  };
  const tooLarge = () => new Error('too large');

  it('returns the bytes up to the limit, and stops (destroying the body) once past it', async () => {
    expect((await readCapped(body([4, 6]), undefined, 10, tooLarge)).byteLength).toBe(10);
    expect((await readCapped(body([4, 6]), '10', 10, tooLarge)).byteLength).toBe(10);
    expect((await readCapped(body([4, 6]), '4', 10, tooLarge)).byteLength).toBe(10);
    const endless = body([4, 4, 4, 4]);
    await expect(readCapped(endless, undefined, 10, tooLarge)).rejects.toThrow('too large');
    expect(endless.destroyed).toBe(true);
  });

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const declared = body([]);
    await expect(readCapped(declared, '2000000000', 10, tooLarge)).rejects.toThrow('too large');
    expect(declared.destroyed).toBe(true);
  });
});

describe('createUndiciTransport', () => {
  it("a pinned address: the socket goes there whatever the name resolves to; Host and the TLS server name stay the URL's", async () => {
    const hosts: (string | undefined)[] = [];
    const { port } = await serve((req, res) => {
      hosts.push(req.headers.host);
      res.end('pinned');
    });
    const transport = createUndiciTransport({ timeoutMs: 5000 });
    // `pinned.invalid` resolves nowhere (RFC 6761): only the pinned address can reach the server.
    const answer = await transport({ ...post(new URL(`http://pinned.invalid:${port}/h`)), address: '127.0.0.1' });
    expect(new TextDecoder().decode(answer.body)).toBe('pinned');
    expect(hosts).toEqual([`pinned.invalid:${port}`]);

    const names: string[] = [];
    const tls = createTlsServer({
      SNICallback: (name, callback) => {
        names.push(name);
        callback(new Error('this server only records the name asked for'));
      },
    });
    tls.on('tlsClientError', () => {});
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const tlsPort = (tls.address() as AddressInfo).port;
      await expect(transport({ ...post(new URL(`https://pinned.invalid:${tlsPort}/h`)), address: '127.0.0.1' })).rejects.toBeInstanceOf(NetworkError);
      expect(names).toEqual(['pinned.invalid']);
    } finally {
      tls.close();
    }
  });

  it('a body over maxResponseBytes is a ProviderError (exit 1) naming the limit', async () => {
    const url = await serve((_req, res) => res.end('x'.repeat(3 * 1024 * 1024)));
    const transport = createUndiciTransport({ timeoutMs: 5000, maxResponseBytes: 1024 * 1024 });
    const error = await transport({ method: 'GET', url, headers: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/answered HTTP 200 with a body over the 1 MiB response limit; stopped reading it$/);
  });

  it('the deadline covers the whole body: a drip ends at timeoutMs with a NetworkError that says the request was sent', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200);
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const error = await createUndiciTransport({ timeoutMs: 600 })(post(url)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toMatch(/timed out: no complete answer within 600 ms$/);
    expect((error as NetworkError).sent).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a reset after the request was written counts as sent; a refused connection does not', async () => {
    const url = await serve((req) => req.socket.destroy());
    const reset = await createUndiciTransport({ timeoutMs: 5000 })(post(url)).catch((e: unknown) => e);
    expect((reset as NetworkError).sent).toBe(true);
    server?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await createUndiciTransport({ timeoutMs: 5000 })(post(url)).catch((e: unknown) => e);
    expect((refused as NetworkError).message).toMatch(/connection refused$/);
    expect((refused as NetworkError).sent).toBe(false);
  });

  it('Ctrl-C during a request says whether it had been sent', async () => {
    const controller = new AbortController();
    const url = await serve(() => controller.abort(new Error('interrupted')));
    const error = await createUndiciTransport({ timeoutMs: 5000 })(post(url, controller.signal)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).toBeInstanceOf(RequestInterruptedError);
    expect((error as RequestInterruptedError).sent).toBe(true);
  });
});

describe('refuseRedirect', () => {
  const base = new URL('https://api.example.com/prefix');
  const res = (status: number, location?: string) => ({ status, headers: (location ? { location } : {}) as Record<string, string>, body: new Uint8Array() });

  it('passes other statuses through', () => {
    expect(refuseRedirect(res(200), base).status).toBe(200);
    expect(refuseRedirect(res(404), base).status).toBe(404);
  });

  it.each([
    [301, 'https://evil.example/x', 'Location host evil.example'],
    [302, '/relative', 'Location host api.example.com'],
    [307, undefined, 'no Location header'],
    [308, 'http://[bad', 'an unreadable Location header'],
  ])('HTTP %i (Location %s) is an error: %s', (status, location, says) => {
    expect(() => refuseRedirect(res(status, location), base)).toThrow(
      `https://api.example.com answered HTTP ${status} (a redirect, ${says}); hookctl does not follow redirects`,
    );
  });
});
