/**
 * msw handlers behind a real loopback server (toolchain.md §2b). msw's setupServer cannot see
 * requests made with npm undici, so tests point the production HTTP client at this server instead;
 * per-test overrides and injected faults are msw handlers placed in front.
 */
import { getResponse, type RequestHandler } from 'msw';
import { startEmulatorServer } from '../../src/emulator/server.js';

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface MswHttpServer {
  /** Base URL without a trailing slash. */
  url: string;
  /** Puts handlers in front of the current ones (like msw's `server.use`). */
  use(...handlers: RequestHandler[]): void;
  /** Drops handlers added by `use`, or replaces them all when handlers are given. */
  resetHandlers(...handlers: RequestHandler[]): void;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startMswHttpServer(handlers: RequestHandler[]): Promise<MswHttpServer> {
  const initial = [...handlers];
  let current = [...handlers];
  const requests: RecordedRequest[] = [];

  const handle = async (request: Request): Promise<Response> => {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const at = Date.now();
    requests.push({
      at,
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: hasBody ? await request.clone().text() : '',
    });
    const response = await getResponse(current, request, { baseUrl: new URL(request.url).origin });
    // No handler matched: 501, the equivalent of msw's onUnhandledRequest: 'error'.
    return response ?? new Response(`no msw handler for ${request.method} ${request.url}`, { status: 501 });
  };

  const server = await startEmulatorServer({ handle });
  return {
    url: server.url,
    use: (...extra) => {
      current = [...extra, ...current];
    },
    resetHandlers: (...next) => {
      current = next.length > 0 ? [...next] : [...initial];
    },
    requests,
    close: () => server.close(),
  };
}
