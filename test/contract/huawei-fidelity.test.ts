/**
 * Huawei fidelity found by comparing with the official SDK models (issue 7 §4, §7): CodeArts note
 * events, the token on PUT, the project id in AK/SK mode; ServiceStage's absent callback_url and
 * its 400 for an unknown hook id.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { NotFoundError, ProviderError } from '../../src/errors.js';
import { createHookService } from '../../src/hooks/service.js';
import { Redactor } from '../../src/http/redact.js';
import { createUndiciTransport } from '../../src/http/transport.js';
import { Secret } from '../../src/model/secret.js';
import type { Target } from '../../src/model/target.js';
import { createCodeArtsProvider } from '../../src/providers/codearts/adapter.js';
import { formatTarget } from '../../src/providers/registry.js';
import { createServiceStageProvider } from '../../src/providers/servicestage/adapter.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const transport = createUndiciTransport({ timeoutMs: 5000 });
const deps = () => ({ transport, redactor: new Redactor(), now: () => new Date(), nonce: () => crypto.randomUUID() });
const group: Target = { provider: 'codearts', groupId: '77' };
const repo: Target = { provider: 'servicestage', projectId: C.huawei.project.id, namespace: 'team', project: 'repo' };
const aksk = { accessKey: C.huawei.accessKey, secretKey: new Secret(C.huawei.secretKey) };

const codearts = (extra: Partial<Parameters<typeof createCodeArtsProvider>[0]> = {}) =>
  createCodeArtsProvider({ endpoint: new URL(emu.url), auth: { token: new Secret(C.huawei.iamToken) }, ...extra }, deps());
const servicestage = () =>
  createServiceStageProvider({ endpoint: new URL(emu.url), repoAuth: C.servicestageRepoAuth, auth: { token: new Secret(C.huawei.iamToken) } }, deps());
const storedCodearts = () => emu.emulator.store.snapshot().codearts['77'] ?? [];

describe('CodeArts Repo', () => {
  it('note without --note-filter sends the match-all filter the API requires with note_events', async () => {
    const created = await codearts().create(group, { url: 'https://ci.example.com/h', name: 'ci', events: ['note'] });
    expect(created.events).toEqual(['note']);
    const body = JSON.parse(emu.server.requests.find((r) => r.method === 'POST')?.body ?? '{}');
    expect(body).toMatchObject({ note_events: true, note_plain_text_filter: ['.*'] });
  });

  it('the emulator refuses note_events without note_plain_text_filter, as the request model says', async () => {
    emu.server.use(
      http.post('*/v4/groups/:g/hooks', async ({ request }) => {
        const body = (await request.clone().json()) as Record<string, unknown>;
        delete body.note_plain_text_filter;
        return emu.emulator.handle(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) }));
      }),
    );
    const error = await codearts()
      .create(group, { url: 'https://ci.example.com/h', name: 'ci', events: ['note'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toMatch(/note_plain_text_filter is required when note_events is true/);
  });

  it('a PUT without a token keeps it; with a new URL it is cleared; --no-secret clears it', async () => {
    const provider = createHookService(codearts(), {}, formatTarget);
    const spec = { url: 'https://ci.example.com/h', name: 'ci', secret: new Secret('codearts-put-secret') };
    const created = await provider.create(group, spec);
    await provider.update(group, created.id, { url: spec.url, name: 'renamed' });
    expect(storedCodearts()[0]).toMatchObject({ name: 'renamed', token: 'codearts-put-secret' });
    await provider.update(group, created.id, { url: 'https://ci.example.com/moved', name: 'renamed' });
    expect(storedCodearts()[0]).toMatchObject({ url: 'https://ci.example.com/moved', token: '' });
    await provider.update(group, created.id, { ...spec, url: 'https://ci.example.com/moved' });
    await provider.update(group, created.id, { url: 'https://ci.example.com/moved', name: 'ci' }, { dropSecret: true });
    expect(storedCodearts()[0]).toMatchObject({ token: '' });
  });

  it('AK/SK without a project id: looks it up once from IAM by region and sends X-Project-Id', async () => {
    const provider = codearts({ auth: aksk, projectLookup: { iamEndpoint: new URL(emu.url), region: C.huawei.project.name } });
    const created = await provider.create(group, { url: 'https://ci.example.com/h', name: 'ci' });
    for await (const _ of provider.list(group));
    await provider.delete(group, created.id);
    const lookups = emu.server.requests.filter((r) => new URL(r.url).pathname === '/v3/projects');
    expect(lookups.map((r) => new URL(r.url).search)).toEqual([`?name=${C.huawei.project.name}`]);
    expect(lookups[0]?.headers.authorization).toMatch(/^SDK-HMAC-SHA256 /);
    const calls = emu.server.requests.filter((r) => new URL(r.url).pathname.startsWith('/v4/'));
    expect(calls).toHaveLength(3);
    for (const call of calls) expect(call.headers['x-project-id']).toBe(C.huawei.project.id);
  });

  it('AK/SK with an unknown region: one line naming the region and the way out, no CodeArts call', async () => {
    const provider = codearts({ auth: aksk, projectLookup: { iamEndpoint: new URL(emu.url), region: 'xx-nowhere-1' } });
    const error = (await provider.create(group, { url: 'https://ci.example.com/h', name: 'ci' }).catch((e: unknown) => e)) as Error & { hint?: string };
    expect(error.message).toBe('CodeArts Repo: the IAM project id of region xx-nowhere-1 could not be found (IAM listed 0 projects named xx-nowhere-1)');
    expect(error.hint).toMatch(/HUAWEICLOUD_SDK_PROJECT_ID/);
    expect(emu.server.requests.filter((r) => new URL(r.url).pathname.startsWith('/v4/'))).toHaveLength(0);
  });

  it('a configured project id is sent as is, with no IAM lookup', async () => {
    await codearts({ auth: aksk, projectId: 'configured-project' }).create(group, { url: 'https://ci.example.com/h', name: 'ci' });
    expect(emu.server.requests.map((r) => new URL(r.url).pathname)).toEqual(['/v4/groups/77/hooks']);
    expect(emu.server.requests[0]?.headers['x-project-id']).toBe('configured-project');
  });
});

describe('ServiceStage', () => {
  it('a hook without callback_url does not fail the list', async () => {
    emu.server.use(http.get('*/git/repos/:ns/:project/hooks', () => HttpResponse.json({ hooks: [{ id: '30009', type: 'GitLab' }] })));
    const hooks = [];
    for await (const hook of servicestage().list(repo)) hooks.push(hook);
    expect(hooks).toEqual([expect.objectContaining({ id: '30009', url: '' })]);
  });

  it('deleting an unknown id (400 SVCSTG.REPO.*) is a NotFoundError', async () => {
    const error = await servicestage()
      .delete(repo, '39999')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).exitCode).toBe(3);
    expect((error as NotFoundError).message).toBe('ServiceStage: no hook 39999 on team/repo');
  });

  it('a 400 SVCSTG.REPO.* for a hook that is listed stays a provider error', async () => {
    const provider = servicestage();
    const created = await provider.create(repo, { url: 'https://ci.example.com/h', secret: new Secret('s-1234') });
    emu.server.use(
      http.delete('*/hooks/:id', () => HttpResponse.json({ error_code: 'SVCSTG.REPO.0451', error_msg: 'repository authorization invalid' }, { status: 400 })),
    );
    const error = await provider.delete(repo, created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).info.providerCode).toBe('SVCSTG.REPO.0451');
  });
});
