/** Contract tests for the discovery APIs the emulator serves (research-fleet.md §1). */
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as CREDS } from '../../../src/emulator/credentials.js';
import { fleetCodeartsProject } from '../../../src/emulator/fleet.js';
import { createEmulator } from '../../../src/emulator/handle.js';
import { bodyOf, codeupRequest, huaweiRequest, testClock } from './requests.js';

const SEED = 11;
const fleet = () => createEmulator({ now: testClock().now, fleet: { size: 7, seed: SEED } });
const YX = { 'x-yunxiao-token': CREDS.codeupToken };
const REPO_AUTH = { 'x-repo-auth': CREDS.servicestageRepoAuth };
const PROJECT = fleetCodeartsProject(SEED);
const PID = CREDS.huawei.project.id;

describe('Codeup v3 ListRepositories', () => {
  const list = (e: ReturnType<typeof fleet>, query: Record<string, string>, opts: { unsigned?: boolean } = {}) =>
    e.handle(codeupRequest('GET', '/api/v3/projects/all', { action: 'ListRepositories', query: { OrganizationId: 'fleet-org', ...query }, ...opts }));

  it('pages with Page/PageSize and reports Total; default order created_at desc (ties by id)', async () => {
    const e = fleet();
    const pages = [];
    for (let page = 1; page <= 3; page += 1) pages.push(await bodyOf(await list(e, { Page: String(page), PageSize: '3' })));
    expect(pages.map((p) => p.Total)).toEqual([7, 7, 7]);
    expect(pages.flatMap((p) => p.Result.map((r: { Id: number }) => r.Id))).toEqual([1007, 1006, 1005, 1004, 1003, 1002, 1001]);
    expect(pages[0]).toMatchObject({ Success: true, ErrorCode: 0 });
    expect(pages[0].Result[0]).toMatchObject({ Id: 1007, Name: 'repo-0007', PathWithNamespace: 'fleet-org/repo-0007', Archive: false, VisibilityLevel: '0' });
    const asc = await bodyOf(await list(e, { Order: 'name', Sort: 'asc', PageSize: '2' }));
    expect(asc.Result.map((r: { Id: number }) => r.Id)).toEqual([1001, 1002]);
  });

  it.each([
    [{ PageSize: '101' }, /PageSize/],
    [{ Page: '0' }, /Page/],
    [{ Order: 'size' }, /Order/],
  ])('refuses %o with 400 naming the parameter', async (query, field) => {
    const res = await list(fleet(), query);
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).ErrorMessage).toMatch(field);
  });

  it('refuses an unsigned request at the POP gateway', async () => {
    const res = await list(fleet(), {}, { unsigned: true });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect((await bodyOf(res)).Code).toBeTruthy();
  });

  it('strict: an unknown organization is NOT_FOUND; lenient: an empty list', async () => {
    const res = await list(fleet(), { OrganizationId: 'nobody' });
    expect(res.status).toBe(404);
    expect(await bodyOf(res)).toMatchObject({ Success: false, ErrorCode: 'NOT_FOUND' });
    const lenient = createEmulator({ now: testClock().now });
    const empty = await bodyOf(await list(lenient, { OrganizationId: 'nobody' }));
    expect(empty).toMatchObject({ Total: 0, Result: [] });
  });
});

describe('Yunxiao ListRepositories', () => {
  const path = (org = 'fleet-org', query = '') => `http://emulator.test/oapi/v1/codeup/organizations/${org}/repositories${query}`;

  it('returns a bare array with the x-* paging headers; x-next-page is empty on the last page', async () => {
    const e = fleet();
    const first = await e.handle(new Request(path('fleet-org', '?perPage=5'), { headers: YX }));
    expect(first.status).toBe(200);
    expect(first.headers.get('x-total')).toBe('7');
    expect(first.headers.get('x-total-pages')).toBe('2');
    expect(first.headers.get('x-next-page')).toBe('2');
    const body = await bodyOf(first);
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(5);
    expect(body[0]).toMatchObject({ id: 1007, pathWithNamespace: 'fleet-org/repo-0007', visibility: 'private' });
    const last = await e.handle(new Request(path('fleet-org', '?perPage=5&page=2'), { headers: YX }));
    expect(last.headers.get('x-next-page')).toBe('');
    expect(await bodyOf(last)).toHaveLength(2);
  });

  it('refuses a missing or wrong token (401), perPage over 100 (400), an unknown organization in strict mode (404)', async () => {
    const e = fleet();
    expect((await e.handle(new Request(path()))).status).toBe(401);
    expect((await e.handle(new Request(path(), { headers: { 'x-yunxiao-token': 'nope' } }))).status).toBe(401);
    const big = await e.handle(new Request(path('fleet-org', '?perPage=101'), { headers: YX }));
    expect(big.status).toBe(400);
    expect((await bodyOf(big)).errorMessage).toMatch(/perPage/);
    const unknown = await e.handle(new Request(path('other-org'), { headers: YX }));
    expect(unknown.status).toBe(404);
    expect((await bodyOf(unknown)).errorCode).toBe('NotFound');
  });
});

describe('CodeArts v4 subgroups-and-repositories and repositories', () => {
  type Child = { id: number; descendant_type: string; full_path: string };
  const get = (e: ReturnType<typeof fleet>, path: string, auth?: { none: true }) => e.handle(huaweiRequest('GET', path, auth ? { auth } : {}));

  /** The walk a client does: pages of `limit` until a short page, recursing into groups. */
  async function walk(e: ReturnType<typeof fleet>, limit: number): Promise<{ groups: number[]; repos: number[]; calls: number }> {
    const out = { groups: [] as number[], repos: [] as number[], calls: 0 };
    const visit = async (base: string): Promise<void> => {
      for (let offset = 0; ; offset += limit) {
        out.calls += 1;
        const res = await get(e, `${base}/subgroups-and-repositories?offset=${offset}&limit=${limit}`);
        expect(res.status).toBe(200);
        const page: Child[] = await bodyOf(res);
        for (const child of page) {
          if (child.descendant_type === 'group') {
            out.groups.push(child.id);
            await visit(`/v4/groups/${child.id}`);
          } else out.repos.push(child.id);
        }
        if (page.length < limit) return;
      }
    };
    await visit(`/v4/projects/${PROJECT}`);
    return out;
  }

  it('walks nested groups with offset/limit and finds every group and repository once', async () => {
    const e = fleet();
    const found = await walk(e, 2);
    expect(found.groups.sort()).toEqual([501, 502, 503, 504, 505]);
    expect(found.repos.sort()).toEqual([2001, 2002, 2003, 2004, 2005, 2006, 2007]);
    const top: Child[] = await bodyOf(await get(e, `/v4/projects/${PROJECT}/subgroups-and-repositories`));
    expect(top.map((c) => [c.id, c.descendant_type])).toEqual([
      [501, 'group'],
      [502, 'group'],
      [503, 'group'],
      [2006, 'project'],
    ]);
    const nested: Child[] = await bodyOf(await get(e, '/v4/groups/504/subgroups-and-repositories'));
    expect(nested.find((c) => c.id === 505)).toMatchObject({ full_path: 'platform/backend/internal', descendant_type: 'group' });
  });

  it('lists every repository of a project, nested ones included, as BasicRepositoryDto', async () => {
    const e = fleet();
    const all = await bodyOf(await get(e, `/v4/projects/${PROJECT}/repositories?limit=100`));
    expect(all.map((r: { id: number }) => r.id)).toEqual([2001, 2002, 2003, 2004, 2005, 2006, 2007]);
    expect(all[0]).toMatchObject({ id: 2001, name: 'repo-0001', namespace: 'platform', name_with_namespace: 'platform / repo-0001' });
    const page = await bodyOf(await get(e, `/v4/projects/${PROJECT}/repositories?offset=5&limit=5`));
    expect(page.map((r: { id: number }) => r.id)).toEqual([2006, 2007]);
    const inGroup = await bodyOf(await get(e, '/v4/groups/501/repositories'));
    // platform holds 2001, 2007 and (through backend, internal) 2004, 2005.
    expect(inGroup.map((r: { id: number }) => r.id).sort()).toEqual([2001, 2004, 2005, 2007]);
  });

  it('refuses no auth (APIG 401), limit 0 or 101 (400), a malformed project id (400), an unknown project or group in strict mode (404)', async () => {
    const e = fleet();
    const noAuth = await get(e, `/v4/projects/${PROJECT}/subgroups-and-repositories`, { none: true });
    expect(noAuth.status).toBe(401);
    expect((await bodyOf(noAuth)).error_code).toBe('APIG.0301');
    for (const limit of ['0', '101']) {
      const res = await get(e, `/v4/projects/${PROJECT}/subgroups-and-repositories?limit=${limit}`);
      expect(res.status).toBe(400);
      expect((await bodyOf(res)).error_msg).toMatch(/limit/);
    }
    expect((await get(e, '/v4/projects/not-a-uuid/repositories')).status).toBe(400);
    const unknownProject = await get(e, `/v4/projects/${'f'.repeat(32)}/repositories`);
    expect(unknownProject.status).toBe(404);
    expect((await bodyOf(unknownProject)).error_code).toMatch(/^CH\./);
    expect((await get(e, '/v4/groups/999/subgroups-and-repositories')).status).toBe(404);
  });

  it('lenient (no fleet): an unknown project lists nothing', async () => {
    const e = createEmulator();
    const res = await get(e, `/v4/projects/${'f'.repeat(32)}/subgroups-and-repositories`);
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toEqual([]);
  });
});

describe('ServiceStage namespaces and projects', () => {
  const get = (e: ReturnType<typeof fleet>, path: string, headers: Record<string, string> = REPO_AUTH) => e.handle(huaweiRequest('GET', path, { headers }));

  it('lists the namespaces, then the projects of one (by name or id)', async () => {
    const e = fleet();
    expect(await bodyOf(await get(e, `/v1/${PID}/git/repos/namespaces`))).toEqual({ namespaces: [{ id: 'fleet-ns', name: 'fleet-ns' }] });
    const { projects } = await bodyOf(await get(e, `/v1/${PID}/git/repos/fleet-ns/projects`));
    expect(projects).toHaveLength(7);
    expect(projects[0]).toEqual({ id: '101', name: 'svc-0001', clone_url: 'https://git.example.com/fleet-ns/svc-0001.git' });
  });

  it('refuses a missing X-Repo-Auth (400 SVCSTG.REPO.0450), no token (401), an unknown namespace in strict mode (400)', async () => {
    const e = fleet();
    const noRepoAuth = await get(e, `/v1/${PID}/git/repos/namespaces`, {});
    expect(noRepoAuth.status).toBe(400);
    expect((await bodyOf(noRepoAuth)).error_code).toBe('SVCSTG.REPO.0450');
    expect((await e.handle(huaweiRequest('GET', `/v1/${PID}/git/repos/namespaces`, { auth: { none: true }, headers: REPO_AUTH }))).status).toBe(401);
    const unknown = await get(e, `/v1/${PID}/git/repos/nope/projects`);
    expect(unknown.status).toBe(400);
    expect((await bodyOf(unknown)).error_code).toBe('SVCSTG.REPO.0400');
  });
});
