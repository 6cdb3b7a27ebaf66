import { describe, expect, it } from 'vitest';
import { parseFaultSpec, seededRandom } from '../../../src/emulator/fault-spec.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import { BASE, bodyOf, huaweiRequest } from './requests.js';

const HOOKS = '/v4/groups/77/hooks';
const list = () => huaweiRequest('GET', HOOKS);
const create = (url = 'https://ci.example.com/h') =>
  huaweiRequest('POST', HOOKS, { body: { url, name: 'ci', push_events: true, push_events_branch_regex_filter: '.*' } });
const control = (method: string, body?: unknown) =>
  new Request(`${BASE}/_emulator/faults`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

describe('fault SPEC syntax', () => {
  it('parses kind first or last, with options', () => {
    expect(parseFaultSpec('503:times=2,method=GET')).toMatchObject({ kind: 'status', status: 503, times: 2, methods: ['GET'], skip: 0 });
    expect(parseFaultSpec('rate=0.1:reset-after')).toMatchObject({ kind: 'reset-after', rate: 0.1, times: undefined });
    expect(parseFaultSpec('429')).toMatchObject({ status: 429, retryAfterSeconds: 1, times: 1 });
    expect(parseFaultSpec('latency:ms=5,times=all')).toMatchObject({ kind: 'latency', ms: 5, times: undefined });
    expect(parseFaultSpec('503:path=/v1/p/git/repos/ns/a:b/hooks,skip=1').path?.source).toBe('\\/v1\\/p\\/git\\/repos\\/ns\\/a:b\\/hooks');
    expect(parseFaultSpec('method=POST|put:bad-json')).toMatchObject({ kind: 'bad-json', methods: ['POST', 'PUT'] });
    expect(parseFaultSpec('503,method=GET')).toMatchObject({ status: 503, methods: ['GET'] });
    expect(parseFaultSpec('rate=0.5:503,method=GET')).toMatchObject({ status: 503, rate: 0.5, methods: ['GET'] });
    expect(parseFaultSpec('path=^/a{1,3}$:wrong-shape').path?.source).toBe('^\\/a{1,3}$');
  });

  it.each([
    ['200', /a status must be 400-599/],
    ['boom', /unknown kind "boom"/],
    ['503:times=x', /times must be a whole number/],
    ['503:rate=2', /rate must be above 0/],
    ['503:colour=red', /unknown option "colour"/],
    ['503:times', /unknown kind "times"/],
    ['503:times=', /is not key=value/],
    ['method=GET', /no kind/],
    ['503:path=(', /not a regular expression/],
  ])('refuses %s', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it('the PRNG repeats with its seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 5 }, seededRandom(8))).not.toEqual(xs);
  });
});

describe('fault injector', () => {
  it('fires on the next N matching requests only, after skip', async () => {
    const emulator = createEmulator({ faults: ['503:times=2,method=GET,skip=1'] });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await emulator.handle(list())).status);
    expect(statuses).toEqual([200, 503, 503, 200, 200]);
    expect((await emulator.handle(create())).status).toBe(201);
    expect(emulator.faults.status().faults).toEqual([{ spec: '503:times=2,method=GET,skip=1', matched: 5, fired: 2, remaining: 0 }]);
  });

  it('answers in the provider gateway shape, with Retry-After', async () => {
    const emulator = createEmulator({ faults: ['429:retry-after=2', '503:path=^/api/'] });
    const huawei = await emulator.handle(list());
    expect(huawei.status).toBe(429);
    expect(huawei.headers.get('retry-after')).toBe('2');
    expect(await bodyOf(huawei)).toMatchObject({ error_code: 'APIG.0308' });
    const codeup = await emulator.handle(new Request(`${BASE}/api/v3/projects/1/hooks`));
    expect(codeup.status).toBe(503);
    expect(await bodyOf(codeup)).toMatchObject({ Code: 'ServiceUnavailable', RequestId: expect.any(String) });
  });

  it('drops the connection before or after the write is applied', async () => {
    const emulator = createEmulator({ faults: ['reset-before:method=POST', 'reset-after:method=POST'] });
    expect((await emulator.handle(create('https://a.example.com/h'))).type).toBe('error');
    expect(emulator.store.snapshot().codearts['77'] ?? []).toHaveLength(0);
    expect((await emulator.handle(create('https://b.example.com/h'))).type).toBe('error');
    expect(emulator.store.snapshot().codearts['77']?.map((h) => h.url)).toEqual(['https://b.example.com/h']);
  });

  it('breaks bodies: truncated, wrong shape, HTML, each with a request id', async () => {
    const emulator = createEmulator({ faults: ['bad-json', 'wrong-shape', 'html'] });
    for (const expected of [/^\[$/, /^\["not the documented shape"\]$/, /^<html>/]) {
      const res = await emulator.handle(list());
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
      expect(await res.text()).toMatch(expected);
    }
    const broken = createEmulator({ faults: ['bad-json:method=GET'] });
    expect((await broken.handle(create())).status).toBe(201);
    const text = await (await broken.handle(list())).text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it('trickles a slow body in chunks with pauses', async () => {
    const pauses: number[] = [];
    const emulator = createEmulator({ faults: ['slow-body:ms=40,method=GET'], sleep: async (ms) => void pauses.push(ms) });
    await emulator.handle(create());
    const res = await emulator.handle(list());
    expect(res.status).toBe(200);
    expect(JSON.parse(await res.text())).toEqual([expect.objectContaining({ url: 'https://ci.example.com/h' })]);
    expect(pauses).toEqual([40, 40, 40, 40]);
  });

  it('rate faults repeat with the seed', async () => {
    const run = async (seed: number) => {
      const emulator = createEmulator({ faults: ['rate=0.5:503'], faultSeed: seed });
      const out = [];
      for (let i = 0; i < 12; i++) out.push((await emulator.handle(list())).status);
      return out;
    };
    const first = await run(42);
    expect(await run(42)).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  it('is set, listed and cleared at /_emulator/faults, which faults never touch', async () => {
    const emulator = createEmulator({ faults: ['503:times=all'] });
    expect((await emulator.handle(control('GET'))).status).toBe(200);
    const added = await emulator.handle(control('POST', { faults: ['429:method=POST'], seed: 9 }));
    expect(await bodyOf(added)).toEqual({
      seed: 9,
      faults: [
        { spec: '503:times=all', matched: 0, fired: 0, remaining: null },
        { spec: '429:method=POST', matched: 0, fired: 0, remaining: 1 },
      ],
    });
    const bad = await emulator.handle(control('POST', { faults: ['nope'] }));
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).message).toContain('unknown kind "nope"');
    expect((await emulator.handle(new Request(`${BASE}/_emulator/state`))).status).toBe(200);
    expect(await bodyOf(await emulator.handle(control('DELETE')))).toEqual({ seed: 9, faults: [] });
    expect((await emulator.handle(list())).status).toBe(200);
  });
});
