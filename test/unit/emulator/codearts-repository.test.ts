/** CodeArts v4 repository hooks, delivery logs (group and repository), and strict mode on every hook API. */
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import type { FleetSpec } from '../../../src/emulator/fleet.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import { bodyOf, codeupRequest, huaweiRequest, testClock } from './requests.js';

const valid = { url: 'https://example.com/hook', name: 'ci', push_events: true, push_events_branch_regex_filter: '.*' };
const REPO_HOOKS = '/v4/repositories/4242/hooks';

describe('CodeArts v4 repository hooks', () => {
  it('serves the five operations with the group-hook fields; hooks live under the target key repo/<id>', async () => {
    const e = createEmulator({ now: testClock().now });
    const created = await e.handle(huaweiRequest('POST', REPO_HOOKS, { body: { ...valid, token: 'plain' } }));
    expect(created.status).toBe(201);
    const dto = await bodyOf(created);
    expect(dto).toMatchObject({ id: 20001, url: valid.url, name: 'ci', token: '******', token_type: 'X-Repo-Token' });
    expect(e.store.snapshot().codearts['repo/4242']?.[0]).toMatchObject({ repositoryId: '4242', groupId: '', token: 'plain' });
    const listed = await e.handle(huaweiRequest('GET', REPO_HOOKS));
    expect(listed.headers.get('x-total')).toBe('1');
    expect((await bodyOf(listed))[0]).toMatchObject({ id: 20001, event_cfgs: [] });
    expect((await e.handle(huaweiRequest('GET', `${REPO_HOOKS}/20001`))).status).toBe(200);
    const updated = await e.handle(huaweiRequest('PUT', `${REPO_HOOKS}/20001`, { body: { ...valid, name: 'renamed' } }));
    expect(await bodyOf(updated)).toMatchObject({ name: 'renamed', token: '******' });
    expect((await e.handle(huaweiRequest('DELETE', `${REPO_HOOKS}/20001`))).status).toBe(204);
    expect((await e.handle(huaweiRequest('GET', `${REPO_HOOKS}/20001`))).status).toBe(404);
    // A group with the same number is another scope.
    expect(await bodyOf(await e.handle(huaweiRequest('GET', '/v4/groups/4242/hooks')))).toEqual([]);
  });

  it('validates bodies exactly as group hooks do, and refuses no auth', async () => {
    const e = createEmulator({ now: testClock().now });
    const bad = await e.handle(huaweiRequest('POST', REPO_HOOKS, { body: { url: valid.url, name: 'x', push_events: true } }));
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error_msg).toMatch(/push_events_branch_regex_filter/);
    const noAuth = await e.handle(huaweiRequest('GET', REPO_HOOKS, { auth: { none: true } }));
    expect(noAuth.status).toBe(401);
    expect((await e.handle(huaweiRequest('GET', '/v4/repositories/0/hooks'))).status).toBe(400);
  });
});

/** A one-repository fleet with known deliveries. */
const spec: FleetSpec = {
  codearts: [
    {
      project: 'ab'.repeat(16),
      name: 'p',
      groups: [
        {
          id: 7,
          name: 'g',
          repositories: [{ id: 70, name: 'r' }],
          hooks: [{ url: 'https://h.example.com/g', name: 'g', tagPushEvents: true, deliveries: ['500', '200', '200'] }],
        },
      ],
      repositories: [
        { id: 71, name: 'top', hooks: [{ url: 'https://h.example.com/r', name: 'r', tagPushEvents: true, token: 't', deliveries: ['internal error', '200'] }] },
      ],
    },
  ],
};

describe('CodeArts delivery logs', () => {
  it('lists repository-hook logs newest first with X-Total and offset/limit, and shows one with its bodies', async () => {
    const e = createEmulator({ now: testClock().now, fleet: { spec } });
    const hookId = e.store.codearts.list('repo/71')[0]?.id;
    const list = await e.handle(huaweiRequest('GET', `/v4/repositories/71/hooks/${hookId}/logs?limit=1`));
    expect(list.status).toBe(200);
    expect(list.headers.get('x-total')).toBe('2');
    const [newest] = await bodyOf(list);
    expect(newest).toMatchObject({
      web_hook_id: hookId,
      response_status: 'internal error',
      url: 'https://h.example.com/r',
      created_at: '2024-01-02T10:54:05.000+08:00',
    });
    expect(newest).not.toHaveProperty('repository');
    const second = await bodyOf(await e.handle(huaweiRequest('GET', `/v4/repositories/71/hooks/${hookId}/logs?offset=1&limit=1`)));
    expect(second[0].response_status).toBe('200');
    const one = await bodyOf(await e.handle(huaweiRequest('GET', `/v4/repositories/71/hooks/${hookId}/logs/${newest.id}`)));
    expect(one).toMatchObject({ id: newest.id, request_headers: { 'X-Repo-Token': '******' }, request_data: { uuid: newest.uuid } });
    expect(JSON.stringify(one)).not.toContain('"t"');
    expect((await e.handle(huaweiRequest('GET', `/v4/repositories/71/hooks/${hookId}/logs/999999`))).status).toBe(404);
    expect((await e.handle(huaweiRequest('GET', `/v4/repositories/71/hooks/${hookId}/logs?limit=101`))).status).toBe(400);
  });

  it('group-hook logs carry the repository, filter by repository_id and created_after, and need auth', async () => {
    const e = createEmulator({ now: testClock().now, fleet: { spec } });
    const hookId = e.store.codearts.list('7')[0]?.id;
    const path = `/v4/groups/7/hooks/${hookId}/logs`;
    const logs = await bodyOf(await e.handle(huaweiRequest('GET', path)));
    expect(logs.map((l: { response_status: string }) => l.response_status)).toEqual(['500', '200', '200']);
    expect(logs[0].repository).toEqual({ id: 70, namespace: 'g' });
    expect(await bodyOf(await e.handle(huaweiRequest('GET', `${path}?repository_id=1`)))).toEqual([]);
    const recent = await e.handle(huaweiRequest('GET', `${path}?created_after=2024-01-02T02:40:00Z`));
    expect(recent.headers.get('x-total')).toBe('2');
    expect((await e.handle(huaweiRequest('GET', `${path}?created_after=yesterday`))).status).toBe(400);
    expect((await e.handle(huaweiRequest('GET', path, { auth: { none: true } }))).status).toBe(401);
    expect((await e.handle(huaweiRequest('GET', `/v4/groups/7/hooks/1/logs`))).status).toBe(404);
  });

  it('a hook created through the API has no deliveries yet', async () => {
    const e = createEmulator({ now: testClock().now });
    const { id } = await bodyOf(await e.handle(huaweiRequest('POST', '/v4/groups/5/hooks', { body: valid })));
    const res = await e.handle(huaweiRequest('GET', `/v4/groups/5/hooks/${id}/logs`));
    expect(res.headers.get('x-total')).toBe('0');
    expect(await bodyOf(res)).toEqual([]);
  });
});

describe('strict mode on the hook APIs', () => {
  const strict = () => createEmulator({ now: testClock().now, fleet: { spec } });

  it('CodeArts: an unknown group or repository is 404 with a CH code; known ones work', async () => {
    const e = strict();
    for (const path of ['/v4/groups/8/hooks', '/v4/repositories/72/hooks']) {
      const res = await e.handle(huaweiRequest('GET', path));
      expect(res.status).toBe(404);
      expect((await bodyOf(res)).error_code).toBe('CH.00406026');
      expect((await e.handle(huaweiRequest('POST', path, { body: valid }))).status).toBe(404);
    }
    expect((await e.handle(huaweiRequest('GET', '/v4/repositories/70/hooks'))).status).toBe(200);
    expect(e.store.snapshot().codearts['8']).toBeUndefined();
  });

  it('Codeup v3 and Yunxiao: an unknown repository is NOT_FOUND / NotFound 404', async () => {
    const e = createEmulator({ now: testClock().now, fleet: { spec: { codeup: [{ organization: 'o', repositories: [{ id: 1, name: 'a' }] }] } } });
    const v3 = await e.handle(
      codeupRequest('POST', '/api/v3/projects/2/hooks', { action: 'AddWebhook', query: { OrganizationId: 'o' }, body: { url: 'https://x.example.com' } }),
    );
    expect(v3.status).toBe(404);
    expect(await bodyOf(v3)).toMatchObject({ Success: false, ErrorCode: 'NOT_FOUND' });
    const known = await e.handle(codeupRequest('GET', '/api/v3/projects/1/hooks', { action: 'ListRepositoryWebhook', query: { OrganizationId: 'o' } }));
    expect(known.status).toBe(200);
    const yx = await e.handle(
      new Request('http://emulator.test/oapi/v1/codeup/organizations/o/repositories/2/webhooks', { headers: { 'x-yunxiao-token': CREDS.codeupToken } }),
    );
    expect(yx.status).toBe(404);
    expect((await bodyOf(yx)).errorCode).toBe('NotFound');
  });

  it('ServiceStage: an unknown project is 400 SVCSTG.REPO.0400; a known one answers by name or by id', async () => {
    const pid = CREDS.huawei.project.id;
    const e = createEmulator({
      now: testClock().now,
      fleet: { spec: { servicestage: [{ projectId: pid, namespaces: [{ name: 'ns', id: '9', projects: [{ name: 'grp/app', id: '33' }] }] }] } },
    });
    const headers = { 'x-repo-auth': CREDS.servicestageRepoAuth };
    const unknown = await e.handle(huaweiRequest('GET', `/v1/${pid}/git/repos/ns/other/hooks`, { headers }));
    expect(unknown.status).toBe(400);
    expect((await bodyOf(unknown)).error_code).toBe('SVCSTG.REPO.0400');
    const byName = await e.handle(
      huaweiRequest('POST', `/v1/${pid}/git/repos/ns/grp:app/hooks`, { headers, body: { url: 'https://a.example.com', secret: 's' } }),
    );
    expect(byName.status).toBe(200);
    const byId = await bodyOf(await e.handle(huaweiRequest('GET', `/v1/${pid}/git/repos/9/33/hooks`, { headers })));
    expect(byId.hooks).toHaveLength(1);
  });

  it('can be chosen without a fleet, and is off by default (ids registered on first use, then discoverable)', async () => {
    const s = createEmulator({ now: testClock().now, strict: true });
    expect((await s.handle(huaweiRequest('GET', '/v4/groups/77/hooks'))).status).toBe(404);
    const lenient = createEmulator({ now: testClock().now });
    expect((await lenient.handle(huaweiRequest('POST', '/v4/groups/77/hooks', { body: valid }))).status).toBe(201);
    const add = await lenient.handle(
      codeupRequest('POST', '/api/v3/projects/100/hooks', { action: 'AddWebhook', query: { OrganizationId: 'ORG' }, body: { url: 'https://x.example.com' } }),
    );
    expect(add.status).toBe(200);
    const repos = await bodyOf(
      await lenient.handle(codeupRequest('GET', '/api/v3/projects/all', { action: 'ListRepositories', query: { OrganizationId: 'ORG' } })),
    );
    expect(repos.Result.map((r: { Id: number }) => r.Id)).toEqual([100]);
    expect(lenient.store.snapshot().repositories.codearts.groups.map((g) => g.id)).toEqual([77]);
  });
});
