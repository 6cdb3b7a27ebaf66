/**
 * Serves a Fetch-API handler on loopback with node:http (toolchain.md §2b): each incoming request is
 * rebuilt as a `Request` (URL from Host, headers from rawHeaders, buffered body, AbortSignal tied to
 * the connection) and the `Response` is written back, streaming its body. `Response.error()` drops
 * the connection, which lets fault tests simulate a reset.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface EmulatorServerOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /** A loopback address; default 127.0.0.1. */
  host?: string;
  handle: FetchHandler;
}

export interface EmulatorServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/** The emulator accepts fixed, published credentials, so it must never listen beyond this machine. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export async function startEmulatorServer(options: EmulatorServerOptions): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`refusing to listen on ${host}: the emulator binds loopback addresses only`);
  const server = createServer(createFetchListener(options.handle));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the emulator server has no TCP address');
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostPart}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A node:http request listener that answers with a Fetch handler. */
export function createFetchListener(handle: FetchHandler): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void serve(handle, req, res);
  };
}

async function serve(handle: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: Response;
  try {
    response = await handle(await toFetchRequest(req, res));
  } catch (error) {
    response = new Response(`handler failed: ${error instanceof Error ? error.message : String(error)}`, {
      status: 500,
    });
  }
  try {
    await writeFetchResponse(req, res, response);
  } catch {
    // The client went away mid-body; nothing is left to tell it.
    res.destroy();
  }
}

/** Rebuilds the Fetch `Request` a node:http request stands for. */
export async function toFetchRequest(req: IncomingMessage, res: ServerResponse): Promise<Request> {
  const local = req.socket.localAddress ?? '127.0.0.1';
  const fallbackHost = `${isIP(local) === 6 ? `[${local}]` : local}:${req.socket.localPort ?? 80}`;
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? fallbackHost}`);
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
  }
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
  return new Request(url, { method, headers, body, signal: controller.signal });
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return new Uint8Array(Buffer.concat(chunks));
}

/** Writes status, headers (each Set-Cookie separately) and the streamed body; `Response.error()` drops the socket. */
export async function writeFetchResponse(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  if (response.type === 'error') {
    req.socket.destroy();
    return;
  }
  res.statusCode = response.status;
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body) {
    // A client that leaves stops the body: an endless one (hostile modes) is then cancelled, not kept waiting for a drain.
    for await (const chunk of response.body) {
      if (res.destroyed) break;
      if (!res.write(chunk)) await drainedOrClosed(res);
    }
  }
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
