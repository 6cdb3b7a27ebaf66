import { HttpResponse, http } from 'msw';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as CREDS, emulatorEnv } from '../../../src/emulator/credentials.js';
import { createEmulator, type EmulatorMiddleware } from '../../../src/emulator/handle.js';
import { startEmulatorServer } from '../../../src/emulator/server.js';
import { type StartedEmulator, startEmulator } from '../../helpers/emulator.js';
import { BASE, bodyOf, huaweiRequest } from './requests.js';

describe('emulator routing and control surface', () => {
  it('answers unknown paths with a 404 JSON body in the owning gateway style', async () => {
    const emulator = createEmulator();
    const huawei = await emulator.handle(new Request(`${BASE}/v4/nothing`));
    expect(huawei.status).toBe(404);
    expect(await bodyOf(huawei)).toMatchObject({ error_code: 'APIG.0101' });
    const other = await emulator.handle(new Request(`${BASE}/elsewhere`));
    expect(other.status).toBe(404);
    expect(await bodyOf(other)).toMatchObject({ code: 'NotFound' });
    const wrongMethod = await emulator.handle(new Request(`${BASE}/v4/groups/1/hooks`, { method: 'PATCH' }));
    expect(wrongMethod.status).toBe(404);
  });

  it('serves a state snapshot with secrets and resets it', async () => {
    const emulator = createEmulator();
    const body = { url: 'https://example.com/h', secret: 'shh' };
    const path = `/v1/${CREDS.huawei.project.id}/git/repos/ns/repo/hooks`;
    await emulator.handle(huaweiRequest('POST', path, { body, headers: { 'x-repo-auth': CREDS.servicestageRepoAuth } }));
    const state = await bodyOf(await emulator.handle(new Request(`${BASE}/_emulator/state`)));
    expect(state.servicestage[`${CREDS.huawei.project.id}/ns/repo`][0]).toMatchObject({ secret: 'shh' });
    const reset = await emulator.handle(new Request(`${BASE}/_emulator/reset`, { method: 'POST' }));
    expect(reset.status).toBe(200);
    expect(emulator.store.snapshot().servicestage).toEqual({});
  });

  it('runs middleware in order and sleeps for latencyMs before provider requests', async () => {
    const calls: string[] = [];
    const tag =
      (name: string): EmulatorMiddleware =>
      async (req, next) => {
        calls.push(name);
        return next(req);
      };
    const emulator = createEmulator({
      latencyMs: 25,
      sleep: async (ms) => void calls.push(`sleep ${ms}`),
      middleware: [tag('a'), tag('b')],
    });
    await emulator.handle(huaweiRequest('GET', '/v4/groups/1/hooks'));
    expect(calls).toEqual(['a', 'b', 'sleep 25']);
    calls.length = 0;
    await emulator.handle(new Request(`${BASE}/_emulator/state`));
    expect(calls).toEqual([]); // the control surface bypasses middleware
  });

  it('builds the environment for pointing hookctl at the emulator', () => {
    expect(emulatorEnv('http://127.0.0.1:1')).toEqual({
      HOOKCTL_ENDPOINT: 'http://127.0.0.1:1',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tEmulatorKey0001',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'emulator-alibaba-secret',
      CODEUP_TOKEN: 'pt-emulator-codeup-token',
      HUAWEICLOUD_TOKEN: 'emulator-huawei-iam-token',
      SERVICESTAGE_REPO_AUTH: 'emulator-repo-auth',
    });
  });
});

describe('emulator over loopback (undici → node:http → msw → handle)', () => {
  let started: StartedEmulator | undefined;
  afterEach(async () => {
    await started?.close();
    started = undefined;
  });

  it('creates and lists CodeArts hooks, with per-test msw overrides in front', async () => {
    started = await startEmulator();
    const headers = { 'x-auth-token': CREDS.huawei.iamToken, 'content-type': 'application/json' };
    const body = JSON.stringify({ url: 'https://example.com/h', name: 'n', tag_push_events: true });
    const created = await request(`${started.url}/v4/groups/7/hooks`, { method: 'POST', headers, body });
    expect(created.statusCode).toBe(201);
    expect(await created.body.json()).toMatchObject({ name: 'n', tag_push_events: true });

    const listed = await request(`${started.url}/v4/groups/7/hooks`, { headers });
    expect(listed.headers['x-total']).toBe('1');
    expect(await listed.body.json()).toHaveLength(1);
    expect(started.server.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(started.server.requests[0]?.body).toBe(body);

    started.server.use(http.get('*/v4/groups/7/hooks', () => HttpResponse.json({ error_code: 'X' }, { status: 503 })));
    expect((await request(`${started.url}/v4/groups/7/hooks`, { headers })).statusCode).toBe(503);
    started.server.resetHandlers();
    const again = await request(`${started.url}/v4/groups/7/hooks`, { headers });
    expect(again.statusCode).toBe(200);
    await again.body.dump();
  });

  it('drops the connection when a handler answers Response.error()', async () => {
    started = await startEmulator();
    started.server.use(http.get('*/boom', () => HttpResponse.error()));
    await expect(request(`${started.url}/boom`)).rejects.toThrow();
  });

  it('refuses to bind a non-loopback address', async () => {
    await expect(startEmulatorServer({ host: '0.0.0.0', handle: async () => new Response() })).rejects.toThrow(/loopback/);
  });
});
