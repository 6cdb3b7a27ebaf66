/**
 * The hostile modes really serve what they claim (src/emulator/hostile.ts), and each is bounded
 * itself: endless answers are made as they are read, the drip ends after its total time.
 */
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { createEmulator } from '../../src/emulator/handle.js';
import {
  DRIP_TOTAL_MS,
  FAN_OUT_WIDTH,
  HOSTILE_CONTROL_TEXT,
  HOSTILE_SECRET,
  type HostileMode,
  HUGE_HEADER_BYTES,
  OVERSIZED_PAGE_ITEMS,
} from '../../src/emulator/hostile.js';

const PROJECT = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const PID = C.huawei.project.id;
const hook = (name: string) => ({ url: `http://127.0.0.1:9/${name}`, name, pushEvents: true, pushEventsBranchRegexFilter: '.*', token: 'tok' });

function emulator(mode: HostileMode, extra: Parameters<typeof createEmulator>[0] = {}) {
  return createEmulator({
    hostile: mode,
    fleet: {
      spec: {
        codeup: [{ organization: 'ORG', repositories: [{ id: 101, name: 'a', hooks: [{ url: 'http://127.0.0.1:9/c', secretToken: 's' }] }] }],
        codearts: [{ project: PROJECT, name: 'p', groups: [{ id: 7001, name: 'g1', hooks: [hook('h1')], groups: [{ id: 7002, name: 'g2' }] }] }],
        servicestage: [{ projectId: PID, namespaces: [{ name: 'ns1', projects: [{ name: 'p1', hooks: [{ url: 'http://127.0.0.1:9/s', secret: 's' }] }] }] }],
      },
    },
    ...extra,
  });
}

const huawei = { 'x-auth-token': C.huawei.iamToken };
const yunxiao = { 'x-yunxiao-token': C.codeupToken };
const servicestage = { ...huawei, 'x-repo-auth': C.servicestageRepoAuth };
const get = (e: ReturnType<typeof createEmulator>, path: string, headers: Record<string, string>) =>
  e.handle(new Request(`http://127.0.0.1${path}`, { headers }));

describe('hostile modes', () => {
  it('oversized-page: 5000 hooks for a page of 20', async () => {
    const answer = await get(emulator('oversized-page'), '/v4/groups/7001/hooks?offset=0&limit=20', huawei);
    const hooks = (await answer.json()) as { id: number }[];
    expect(hooks).toHaveLength(OVERSIZED_PAGE_ITEMS);
    expect(new Set(hooks.map((h) => h.id)).size).toBe(OVERSIZED_PAGE_ITEMS);
  });

  it('endless-pages: page 500 is full and names page 501; an unpaged list never ends, and is made as it is read', async () => {
    const e = emulator('endless-pages');
    // A client starts at page 1; later pages are filled from it.
    await get(e, '/oapi/v1/codeup/organizations/ORG/repositories/101/webhooks?page=1&perPage=50', yunxiao);
    const page = await get(e, '/oapi/v1/codeup/organizations/ORG/repositories/101/webhooks?page=500&perPage=50', yunxiao);
    expect(((await page.json()) as unknown[]).length).toBe(50);
    expect(page.headers.get('x-next-page')).toBe('501');
    const stream = await get(e, `/v1/${PID}/git/repos/ns1/p1/hooks`, servicestage);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    while (bytes < 4 * 1024 * 1024) bytes += (await reader.read()).value?.byteLength ?? Number.POSITIVE_INFINITY;
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
    await reader.cancel();
  });

  it('repeated-pages: page 9 is page 1, and says more follow', async () => {
    const e = emulator('repeated-pages');
    const first = await get(e, '/v4/groups/7001/hooks?offset=0&limit=20', huawei);
    const ninth = await get(e, '/v4/groups/7001/hooks?offset=160&limit=20', huawei);
    expect(await ninth.json()).toEqual(await first.json());
    expect(Number(ninth.headers.get('x-total'))).toBeGreaterThan(180);
  });

  it('group-cycles: a group lists itself among its subgroups', async () => {
    const children = (await (await get(emulator('group-cycles'), '/v4/groups/7001/subgroups-and-repositories?offset=0&limit=100', huawei)).json()) as {
      id: number;
      descendant_type: string;
    }[];
    expect(children).toContainEqual(expect.objectContaining({ id: 7001, descendant_type: 'group' }));
  });

  it('fan-out: 1000 subgroups per group, and an invented group has 1000 again', async () => {
    const e = emulator('fan-out');
    await get(e, `/v4/projects/${PROJECT}/subgroups-and-repositories?offset=0&limit=100`, huawei);
    const page = (await (await get(e, '/v4/groups/7001/subgroups-and-repositories?offset=900&limit=100', huawei)).json()) as { id: number }[];
    expect(page).toHaveLength(100);
    const last = await get(e, '/v4/groups/7001/subgroups-and-repositories?offset=1000&limit=100', huawei);
    expect(await last.json()).toEqual([]);
    const deeper = (await (await get(e, `/v4/groups/${page[0]?.id}/subgroups-and-repositories?offset=0&limit=100`, huawei)).json()) as unknown[];
    expect(deeper).toHaveLength(100);
    expect(FAN_OUT_WIDTH).toBe(1000);
  });

  it('dotdot-ids, long-secrets, control-chars: the fields carry them', async () => {
    const projects = (await (await get(emulator('dotdot-ids'), `/v1/${PID}/git/repos/ns1/projects`, servicestage)).json()) as {
      projects: { name: string; id: string }[];
    };
    expect(projects.projects[0]).toMatchObject({ name: '..', id: '..' });
    const secret = (await (await get(emulator('long-secrets'), '/v4/groups/7001/hooks', huawei)).json()) as { token: string }[];
    expect(secret[0]?.token).toBe(HOSTILE_SECRET);
    expect(HOSTILE_SECRET).toHaveLength(10_000);
    expect(HOSTILE_SECRET).toMatch(/%.*\\/);
    const control = (await (await get(emulator('control-chars'), '/v4/groups/7001/hooks', huawei)).json()) as { name: string }[];
    expect(control[0]?.name).toBe(`h1${HOSTILE_CONTROL_TEXT}`);
  });

  it('slow-drip: 4 bytes a tick until the total time, then the rest at once', async () => {
    let clock = 0;
    const e = emulator('slow-drip', {
      now: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const answer = await get(e, '/v4/groups/7001/hooks', huawei);
    const chunks: number[] = [];
    for await (const chunk of answer.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk.byteLength);
    expect(chunks.slice(0, -1).every((n) => n === 4)).toBe(true);
    expect(clock).toBe(DRIP_TOTAL_MS);
    expect(chunks.at(-1)).toBeGreaterThan(4);
  });

  it('huge-headers: 256 KiB of headers on every answer', async () => {
    const answer = await get(emulator('huge-headers'), '/v4/groups/7001/hooks', huawei);
    let size = 0;
    for (const [name, value] of answer.headers) size += name.length + value.length;
    expect(size).toBeGreaterThanOrEqual(HUGE_HEADER_BYTES);
    expect(answer.status).toBe(200);
  });
});
