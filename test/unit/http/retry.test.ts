import { describe, expect, it } from 'vitest';
import { InterruptedError, NetworkError } from '../../../src/errors.js';
import { createHttpClient } from '../../../src/http/client.js';
import { Redactor } from '../../../src/http/redact.js';
import { backoffMs, GoneOnRetryError, maxBackoffTotalMs, RETRY_LIMITS, retryAfterMs, retryReason } from '../../../src/http/retry.js';
import type { AuthStep, HttpMethod, HttpRequest, HttpResponse } from '../../../src/http/types.js';

const res = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: new TextEncoder().encode('{}') });
const reset = (sent = true) => new NetworkError('http://h: connection closed before the response arrived', { sent });
const NOW = new Date('2025-03-01T10:00:00Z');

describe('retry rules', () => {
  const cases: [HttpMethod, HttpResponse | NetworkError, string | undefined][] = [
    ['GET', res(503), 'HTTP 503'],
    ['PUT', res(500), 'HTTP 500'],
    ['DELETE', res(502), 'HTTP 502'],
    ['GET', res(504), 'HTTP 504'],
    ['GET', res(429), 'HTTP 429'],
    ['POST', res(429), 'HTTP 429'],
    ['POST', res(503), undefined],
    ['POST', res(500), undefined],
    ['GET', res(404), undefined],
    ['GET', res(401), undefined],
    ['DELETE', res(400), undefined],
    ['GET', reset(), 'http://h: connection closed before the response arrived'],
    ['POST', reset(true), undefined],
    ['POST', reset(false), 'http://h: connection closed before the response arrived'],
    ['GET', new NetworkError('https://h: TLS error (CERT_HAS_EXPIRED)'), undefined],
  ];
  for (const [method, outcome, expected] of cases) {
    const label = outcome instanceof NetworkError ? `${outcome.sent ? 'sent' : 'unsent'} network error` : `HTTP ${outcome.status}`;
    it(`${method} after ${label}: ${expected === undefined ? 'no retry' : 'retry'}`, () => {
      expect(retryReason(method, outcome instanceof NetworkError ? { error: outcome } : { response: outcome })).toBe(expected);
    });
  }

  it('reads Retry-After as seconds or an HTTP date, only on 429 and 503, capped', () => {
    const now = () => NOW;
    expect(retryAfterMs(res(429, { 'retry-after': '1' }), now)).toBe(1000);
    expect(retryAfterMs(res(503, { 'retry-after': 'Sat, 01 Mar 2025 10:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(res(503, { 'retry-after': 'Sat, 01 Mar 2025 09:00:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(res(429, { 'retry-after': '86400' }), now)).toBe(RETRY_LIMITS.maxRetryAfterMs);
    expect(retryAfterMs(res(500, { 'retry-after': '1' }), now)).toBeUndefined();
    expect(retryAfterMs(res(429, { 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(res(429), now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter under a ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, () => 0.999999))).toEqual([499, 999, 1999, 3999, 7999, 7999]);
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(2, () => 0.5)).toBe(500);
    expect(maxBackoffTotalMs(3)).toBe(3500);
    expect(maxBackoffTotalMs(0)).toBe(0);
  });
});

function scripted(outcomes: (HttpResponse | NetworkError)[]) {
  const seen: HttpRequest[] = [];
  const transport = async (req: HttpRequest) => {
    seen.push(req);
    const next = outcomes.shift() ?? res(200);
    if (next instanceof NetworkError) throw next;
    return next;
  };
  return { seen, transport };
}

let signed = 0;
const auth: AuthStep = {
  name: 'test',
  authorize: async (req) => {
    req.headers['x-signature'] = `sig-${++signed}`;
  },
  preview: () => {},
  secrets: () => [],
};

function client(outcomes: (HttpResponse | NetworkError)[], retries = 3, signal?: AbortSignal) {
  const { seen, transport } = scripted(outcomes);
  const waits: number[] = [];
  const lines: string[] = [];
  const sleep = async (ms: number, s?: AbortSignal) => {
    waits.push(ms);
    if (s?.aborted) throw new Error('aborted');
  };
  const http = createHttpClient({
    baseUrl: new URL('https://h.example.com'),
    transport,
    auth,
    redactor: new Redactor(),
    debug: (line) => lines.push(line),
    retry: { retries, sleep, random: () => 0.5, signal, now: () => NOW },
  });
  return { http, seen, waits, lines };
}

describe('http client retries', () => {
  it('retries a GET after two 503s and signs each attempt anew', async () => {
    const { http, seen, waits, lines } = client([res(503), res(503), res(200)]);
    expect((await http.send({ method: 'GET', path: '/hooks' })).status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((r) => r.headers['x-signature'])).size).toBe(3);
    expect(waits).toEqual([250, 500]);
    expect(lines.filter((l) => l.startsWith('retry'))).toEqual([
      'retry 1/3: GET /hooks failed (HTTP 503); waiting 250 ms',
      'retry 2/3: GET /hooks failed (HTTP 503); waiting 500 ms',
    ]);
  });

  it('waits what Retry-After asks on a 429, even for a POST', async () => {
    const { http, seen, waits } = client([res(429, { 'retry-after': '1' }), res(201)]);
    expect((await http.send({ method: 'POST', path: '/hooks', json: {} })).status).toBe(201);
    expect(seen).toHaveLength(2);
    expect(waits).toEqual([1000]);
  });

  it('never repeats a POST that was sent and failed, nor a 401', async () => {
    const post = client([res(503)]);
    expect((await post.http.send({ method: 'POST', path: '/hooks', json: {} })).status).toBe(503);
    expect(post.seen).toHaveLength(1);
    const sent = client([reset(true)]);
    await expect(sent.http.send({ method: 'POST', path: '/hooks', json: {} })).rejects.toThrow('connection closed');
    expect(sent.seen).toHaveLength(1);
    const refused = client([res(401)]);
    expect((await refused.http.send({ method: 'GET', path: '/hooks' })).status).toBe(401);
    expect(refused.seen).toHaveLength(1);
  });

  it('repeats a POST that certainly never left this machine', async () => {
    const { http, seen } = client([reset(false), res(201)]);
    expect((await http.send({ method: 'POST', path: '/hooks', json: {} })).status).toBe(201);
    expect(seen).toHaveLength(2);
  });

  it('gives up after the configured attempts and says how many', async () => {
    const { http, seen } = client([reset(), reset(), reset()], 2);
    await expect(http.send({ method: 'GET', path: '/hooks' })).rejects.toThrow(/connection closed before the response arrived \(after 3 attempts\)$/);
    expect(seen).toHaveLength(3);
    const none = client([res(503)], 0);
    expect((await none.http.send({ method: 'GET', path: '/hooks' })).status).toBe(503);
    expect(none.seen).toHaveLength(1);
  });

  it('a repeated DELETE that finds the hook gone after a doubtful attempt is GoneOnRetryError', async () => {
    const { http } = client([reset(), res(404)]);
    const error = await http.send({ method: 'DELETE', path: '/hooks/7' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoneOnRetryError);
    // After a 429 nothing was done, so a 404 is a plain answer for the adapter to map.
    const throttled = client([res(429), res(404)]);
    expect((await throttled.http.send({ method: 'DELETE', path: '/hooks/7' })).status).toBe(404);
  });

  it('Ctrl-C during a wait stops at once with InterruptedError', async () => {
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    const { http, seen } = client([res(503), res(200)], 3, controller.signal);
    await expect(http.send({ method: 'GET', path: '/hooks' })).rejects.toBeInstanceOf(InterruptedError);
    expect(seen).toHaveLength(1);
  });
});
