/**
 * Transports injected through Deps, so fuzz cases need no socket: the emulator's `handle` called
 * directly, or a scripted answer. Fast enough for thousands of in-process runs.
 */
import { createEmulator, type Emulator } from '../../src/emulator/handle.js';
import type { HttpRequest, HttpResponse, Transport } from '../../src/http/types.js';

/** Where the fuzz runs point hookctl (never contacted: the transport answers). */
export const FAKE_ENDPOINT = 'https://hookctl-fuzz.invalid'; // https: plain http off loopback is refused (README "Trust and configuration")

export function emulatorTransport(emulator: Emulator = createEmulator()): Transport {
  return async (req: HttpRequest): Promise<HttpResponse> => {
    const body = req.body ? Buffer.from(req.body) : undefined;
    const res = await emulator.handle(new Request(req.url, { method: req.method, headers: req.headers, body }));
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) };
  };
}

export interface ScriptedAnswer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Answers every request with `answer` (headers lower-cased) and records what was asked. */
export function scriptedTransport(answer: ScriptedAnswer): Transport & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const transport = async (req: HttpRequest): Promise<HttpResponse> => {
    requests.push(req);
    // A macrotask per answer, as a socket would take: otherwise a request loop runs on microtasks
    // alone and starves the timer that detects a hang.
    await new Promise((resolve) => setImmediate(resolve));
    if (req.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
    const headers = Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { status: answer.status, headers, body: answer.body };
  };
  return Object.assign(transport, { requests });
}
