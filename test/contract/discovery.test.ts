/**
 * Discovery through each provider's own listing API (Provider.expand), over real loopback HTTP to
 * the emulator's fleet (7 repositories per provider, seed 11, strict: unknown owners are 404/400):
 * every target once, in the API's order, across several small pages, lazily; an unknown
 * organization / project / namespace is a NotFoundError (exit 3).
 */
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { fleetCodeartsProject } from '../../src/emulator/fleet.js';
import { NotFoundError } from '../../src/errors.js';
import { Redactor } from '../../src/http/redact.js';
import { createUndiciTransport } from '../../src/http/transport.js';
import { Secret } from '../../src/model/secret.js';
import type { Target } from '../../src/model/target.js';
import { createCodeArtsProvider } from '../../src/providers/codearts/adapter.js';
import { createCodeupOapiProvider } from '../../src/providers/codeup-oapi/adapter.js';
import { createCodeupV3Provider } from '../../src/providers/codeup-v3/adapter.js';
import type { ProviderDeps } from '../../src/providers/deps.js';
import { formatTarget, parsePattern } from '../../src/providers/registry.js';
import { createServiceStageProvider } from '../../src/providers/servicestage/adapter.js';
import type { Provider } from '../../src/providers/types.js';
import { useEmulator } from '../helpers/emulator.js';

const SEED = 11;
const PROJECT = fleetCodeartsProject(SEED);
const PID = C.huawei.project.id;
const emu = useEmulator({ fleet: { size: 7, seed: SEED } });
const transport = createUndiciTransport({ timeoutMs: 5000 });
const deps = (): ProviderDeps => ({ transport, redactor: new Redactor(), now: () => new Date(), nonce: () => crypto.randomUUID() });
const endpoint = () => new URL(emu.url);

const v3 = (pageSize: number) =>
  createCodeupV3Provider(
    { endpoint: endpoint(), pageSize, accessKeyId: C.alibaba.accessKeyId, accessKeySecret: new Secret(C.alibaba.accessKeySecret) },
    deps(),
  );
const oapi = (pageSize: number) => createCodeupOapiProvider({ endpoint: endpoint(), pageSize, token: new Secret(C.codeupToken) }, deps());
const codearts = (pageSize: number) => createCodeArtsProvider({ endpoint: endpoint(), pageSize, auth: { token: new Secret(C.huawei.iamToken) } }, deps());
const servicestage = () =>
  createServiceStageProvider({ endpoint: endpoint(), repoAuth: C.servicestageRepoAuth, auth: { token: new Secret(C.huawei.iamToken) } }, deps());

/** Expands a pattern (as parsePattern hands it over) into target strings. */
async function expand(provider: Provider, input: string, signal?: AbortSignal): Promise<string[]> {
  const { pattern } = parsePattern(input);
  const out: string[] = [];
  if (!provider.expand) throw new Error(`${provider.label} has no expand`);
  for await (const target of provider.expand(pattern, signal)) out.push(formatTarget(target));
  return out;
}

const listRequests = (fragment: string) => emu.server.requests.filter((r) => new URL(r.url).pathname.includes(fragment));
const codeupRepos = (...ids: number[]) => ids.map((id) => `codeup:fleet-org/${id}`);
const DESC = [1007, 1006, 1005, 1004, 1003, 1002, 1001];

describe.each([
  ['Codeup OpenAPI v3 (ListRepositories, Page/PageSize)', v3, '/api/v3/projects/all'],
  ['Codeup Yunxiao OpenAPI (ListRepositories, page/perPage)', oapi, '/oapi/v1/codeup/organizations/fleet-org/repositories'],
] as const)('%s', (_name, make, path) => {
  it('codeup:<org>/* yields every repository once, in the API order, across pages of 3', async () => {
    expect(await expand(make(3), 'codeup:fleet-org/*')).toEqual(codeupRepos(...DESC));
    // 3 + 3 + 1: the short third page is the last.
    expect(listRequests(path)).toHaveLength(3);
  });

  it('stops without an extra request when the last page is exactly full', async () => {
    expect(await expand(make(7), 'codeup:fleet-org/*')).toEqual(codeupRepos(...DESC));
    expect(listRequests(path)).toHaveLength(1);
  });

  it('is lazy: the first target arrives after one page, and stopping there sends nothing more', async () => {
    const provider = make(2);
    for await (const target of provider.expand?.('codeup:fleet-org/*') ?? []) {
      expect(formatTarget(target)).toBe('codeup:fleet-org/1007');
      break;
    }
    expect(listRequests(path)).toHaveLength(1);
  });

  it('an unknown organization is a NotFoundError (exit 3)', async () => {
    const error = await expand(make(3), 'codeup:no-such-org/*').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).exitCode).toBe(3);
  });

  it('every discovered target is a real repository: its hooks list', async () => {
    const [first] = await expand(make(100), 'codeup:fleet-org/*');
    const target = { provider: 'codeup', organizationId: 'fleet-org', projectId: String(first).split('/')[1] ?? '' } as Target;
    const hooks = [];
    for await (const hook of make(100).list(target)) hooks.push(hook);
    expect(hooks.length).toBeGreaterThan(0);
  });
});

describe('CodeArts Repo (subgroups-and-repositories walk, offset/limit)', () => {
  const groups = ['codearts:501', 'codearts:502', 'codearts:503', 'codearts:504', 'codearts:505'];
  const repos = [2001, 2002, 2003, 2004, 2005, 2006, 2007].map((id) => `codearts:repo/${id}`);

  it('project/<pid>/groups: every group, nested ones included, across pages of 2', async () => {
    const found = await expand(codearts(2), `codearts:project/${PROJECT}/groups`);
    expect([...found].sort()).toEqual(groups);
    expect(new Set(found).size).toBe(found.length);
    // The project and each of the five groups are walked, a short page closing each.
    expect(listRequests('/subgroups-and-repositories').length).toBeGreaterThanOrEqual(6);
    expect(listRequests(`/v4/projects/${PROJECT}/subgroups-and-repositories`)).toHaveLength(3);
  });

  it('project/<pid>/repos: every repository, as codearts:repo/<id>', async () => {
    const found = await expand(codearts(2), `codearts:project/${PROJECT}/repos`);
    expect([...found].sort()).toEqual(repos);
    expect(new Set(found).size).toBe(found.length);
  });

  it('project/<pid>/*: both; the top level comes first, as each page arrives', async () => {
    const found = await expand(codearts(100), `codearts:project/${PROJECT}/*`);
    expect([...found].sort()).toEqual([...groups, ...repos].sort());
    expect(found.slice(0, 4)).toEqual(['codearts:501', 'codearts:502', 'codearts:503', 'codearts:repo/2006']);
  });

  it('an unknown project is a NotFoundError (exit 3)', async () => {
    const error = await expand(codearts(2), `codearts:project/${'f'.repeat(32)}/repos`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).exitCode).toBe(3);
  });

  it('a discovered repository target reads its hooks at /v4/repositories/{id}/hooks', async () => {
    const provider = codearts(100);
    const repoTargets: Target[] = [];
    for await (const target of provider.expand?.(`codearts:project/${PROJECT}/repos`) ?? []) repoTargets.push(target);
    let hooks = 0;
    for (const target of repoTargets) for await (const _ of provider.list(target)) hooks += 1;
    expect(hooks).toBeGreaterThan(0);
    expect(listRequests('/v4/repositories/2001/hooks')).toHaveLength(1);
    expect(listRequests('/v4/groups/2001/hooks')).toHaveLength(0);
    const missing = await (async () => {
      for await (const _ of provider.list({ provider: 'codearts', repositoryId: '999999' })) break;
    })().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
  });
});

describe('ServiceStage (ListNamespaces, ListProjects)', () => {
  const projects = ['svc-0001', 'svc-0002', 'svc-0003', 'svc-0004', 'svc-0005', 'svc-0006', 'svc-0007'];

  it('<pid>/<namespace>/*: every repository of the namespace, with one request', async () => {
    expect(await expand(servicestage(), `servicestage:${PID}/fleet-ns/*`)).toEqual(projects.map((p) => `servicestage:${PID}/fleet-ns/${p}`));
    expect(listRequests('/git/repos/')).toHaveLength(1);
    expect(emu.server.requests[0]?.headers['x-repo-auth']).toBe(C.servicestageRepoAuth);
  });

  it('<pid>/*/*: the namespaces, then the repositories of each', async () => {
    expect(await expand(servicestage(), `servicestage:${PID}/*/*`)).toEqual(projects.map((p) => `servicestage:${PID}/fleet-ns/${p}`));
    expect(listRequests('/git/repos/namespaces')).toHaveLength(1);
  });

  it('an unknown namespace (400 SVCSTG.REPO.0400, confirmed by the namespace list) is a NotFoundError (exit 3) naming the known ones', async () => {
    const error = await expand(servicestage(), `servicestage:${PID}/nope/*`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe(`ServiceStage: no namespace nope in project ${PID}`);
    expect((error as NotFoundError).hint).toBe('its namespaces: fleet-ns');
    expect((error as NotFoundError).exitCode).toBe(3);
  });
});

describe('an aborted discovery', () => {
  it('stops before sending when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(expand(oapi(2), 'codeup:fleet-org/*', controller.signal)).rejects.toBeTruthy();
    expect(listRequests('/repositories')).toHaveLength(0);
  });
});
