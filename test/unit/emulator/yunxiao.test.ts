import { beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import { createEmulator, type Emulator } from '../../../src/emulator/handle.js';
import { BASE, bodyOf, codeupRequest, testClock } from './requests.js';

const ORG = 'org1';
const HOOKS = `/oapi/v1/codeup/organizations/${ORG}/repositories/100/webhooks`;

function oapi(method: string, path: string, body?: unknown, token: string | null = CREDS.codeupToken): Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers['x-yunxiao-token'] = token;
  return new Request(new URL(path, BASE), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe('Codeup Yunxiao OpenAPI emulation', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = createEmulator({ now: testClock().now });
  });

  it('refuses a missing or wrong x-yunxiao-token with 401 {errorCode, errorMessage}', async () => {
    const missing = await emulator.handle(oapi('GET', HOOKS, undefined, null));
    expect(missing.status).toBe(401);
    expect(await bodyOf(missing)).toMatchObject({ errorCode: 'Unauthorized' });
    const wrong = await emulator.handle(oapi('GET', HOOKS, undefined, 'pt-wrong'));
    expect(wrong.status).toBe(401);
    expect(Object.keys(await bodyOf(wrong)).sort()).toEqual(['errorCode', 'errorMessage']);
  });

  it('creates, reads back with the enableSSLVerification quirk, updates and deletes', async () => {
    const created = await emulator.handle(oapi('POST', HOOKS, { url: 'https://example.com/h', enableSslVerification: false, token: 't', noteEvents: true }));
    expect(created.status).toBe(200);
    const hook = await bodyOf(created);
    expect(hook).toMatchObject({
      repositoryId: 100,
      enableSSLVerification: false,
      noteEvents: true,
      pushEvents: true,
      token: 't',
    });
    expect(hook).not.toHaveProperty('enableSslVerification');

    const got = await bodyOf(await emulator.handle(oapi('GET', `${HOOKS}/${hook.id}`)));
    expect(got).toEqual(hook);

    const put = await emulator.handle(oapi('PUT', `${HOOKS}/${hook.id}`, { url: 'https://example.com/new', pushEvents: false }));
    expect(put.status).toBe(200);
    expect(await bodyOf(put)).toMatchObject({
      id: hook.id,
      url: 'https://example.com/new',
      pushEvents: false,
      noteEvents: true,
    });

    const del = await emulator.handle(oapi('DELETE', `${HOOKS}/${hook.id}`));
    expect(await bodyOf(del)).toEqual({ result: true });
    const gone = await emulator.handle(oapi('GET', `${HOOKS}/${hook.id}`));
    expect(gone.status).toBe(404);
  });

  it('paginates with page/perPage, a bare array and x-* headers', async () => {
    for (let i = 0; i < 3; i++) await emulator.handle(oapi('POST', HOOKS, { url: `https://example.com/${i}` }));
    const first = await emulator.handle(oapi('GET', `${HOOKS}?page=1&perPage=2`));
    expect(await bodyOf(first)).toHaveLength(2);
    expect(first.headers.get('x-next-page')).toBe('2');
    expect(first.headers.get('x-total')).toBe('3');
    expect(first.headers.get('x-total-pages')).toBe('2');
    const last = await emulator.handle(oapi('GET', `${HOOKS}?page=2&perPage=2`));
    expect(await bodyOf(last)).toHaveLength(1);
    expect(last.headers.get('x-next-page')).toBe('');
    expect(last.headers.get('x-prev-page')).toBe('1');
    expect((await emulator.handle(oapi('GET', `${HOOKS}?perPage=101`))).status).toBe(400);
  });

  it('validates bodies with 400 BadRequest', async () => {
    const res = await emulator.handle(oapi('POST', HOOKS, { url: 'not a url' }));
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toMatchObject({ errorCode: 'BadRequest' });
  });

  it('shares hooks with the v3 API', async () => {
    await emulator.handle(oapi('POST', HOOKS, { url: 'https://example.com/shared' }));
    const v3 = await emulator.handle(
      codeupRequest('GET', '/api/v3/projects/100/hooks', {
        action: 'ListRepositoryWebhook',
        query: { OrganizationId: ORG },
      }),
    );
    expect((await bodyOf(v3)).Result[0]).toMatchObject({ Url: 'https://example.com/shared' });
  });
});
