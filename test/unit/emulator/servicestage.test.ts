import { beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import { createEmulator, type Emulator } from '../../../src/emulator/handle.js';
import { bodyOf, huaweiRequest, testClock } from './requests.js';

const PROJECT = CREDS.huawei.project.id;
const HOOKS = `/v1/${PROJECT}/git/repos/ns1/grp:repo/hooks`;
const REPO_AUTH = { 'x-repo-auth': CREDS.servicestageRepoAuth };

describe('ServiceStage project hook emulation', () => {
  let emulator: Emulator;
  beforeEach(() => {
    emulator = createEmulator({ now: testClock().now });
  });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = REPO_AUTH) =>
    emulator.handle(huaweiRequest(method, path, { body, headers }));

  it('creates (200 {id,type,callback_url}), lists and deletes (204)', async () => {
    const res = await call('POST', HOOKS, { url: 'https://example.com/h', secret: 's' });
    expect(res.status).toBe(200);
    const hook = await bodyOf(res);
    expect(hook).toEqual({ id: '30001', type: 'GitLab', callback_url: 'https://example.com/h' });
    expect(await bodyOf(await call('GET', HOOKS))).toEqual({ hooks: [hook] });
    const del = await call('DELETE', `${HOOKS}/${hook.id}`);
    expect(del.status).toBe(204);
    expect(await bodyOf(await call('GET', HOOKS))).toEqual({ hooks: [] });
  });

  it("treats ':' and '%3A' in the project segment as '/'", async () => {
    await call('POST', HOOKS, { url: 'https://example.com/h', secret: 's' });
    const encoded = await bodyOf(await call('GET', `/v1/${PROJECT}/git/repos/ns1/grp%3Arepo/hooks`));
    expect(encoded.hooks).toHaveLength(1);
    expect(Object.keys(emulator.store.snapshot().servicestage)).toEqual([`${PROJECT}/ns1/grp/repo`]);
  });

  it('requires the known X-Repo-Auth (400 SVCSTG.REPO.0450)', async () => {
    for (const headers of [{}, { 'x-repo-auth': 'other' }] as Record<string, string>[]) {
      const res = await call('GET', HOOKS, undefined, headers);
      expect(res.status).toBe(400);
      expect(await bodyOf(res)).toEqual({ error_code: 'SVCSTG.REPO.0450', error_msg: 'no repository authorization' });
    }
  });

  it('validates secret and url (400 SVCSTG.REPO.0400)', async () => {
    for (const body of [{ url: 'https://example.com' }, { secret: 's' }, { secret: 's', url: 'nope' }]) {
      const res = await call('POST', HOOKS, body);
      expect(res.status).toBe(400);
      expect((await bodyOf(res)).error_code).toBe('SVCSTG.REPO.0400');
    }
  });

  it('refuses a second hook with the same url (400 SVCSTG.REPO.0403)', async () => {
    await call('POST', HOOKS, { url: 'https://example.com/h', secret: 's' });
    const dup = await call('POST', HOOKS, { url: 'https://example.com/h', secret: 't' });
    expect(dup.status).toBe(400);
    expect(await bodyOf(dup)).toEqual({ error_code: 'SVCSTG.REPO.0403', error_msg: 'resource already exist' });
  });

  it('answers an unknown hook id on delete with 400 and an SVCSTG.REPO code (DELETE documents only 204 and 400)', async () => {
    const res = await call('DELETE', `${HOOKS}/999`);
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error_code).toMatch(/^SVCSTG\.REPO\./);
  });

  it('checks gateway auth before X-Repo-Auth', async () => {
    const res = await emulator.handle(huaweiRequest('GET', HOOKS, { auth: { none: true } }));
    expect(res.status).toBe(401);
    expect((await bodyOf(res)).error_code).toBe('APIG.0301');
  });
});
