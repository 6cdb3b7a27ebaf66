/**
 * Delivery status, as the audit's `delivery-failing` reads it (issue 9 §2), through the real
 * adapters over loopback HTTP: Codeup's `LastTestResult` / `lastTestResult` lands on the listed hook
 * as a provider-neutral `Hook.delivery`; CodeArts keeps a delivery log per hook, which the hook
 * service reads (group and repository hooks) and judges by its newest entry.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { ProviderError } from '../../src/errors.js';
import { AUDIT_DELIVERY_WINDOW } from '../../src/fleet/delivery.js';
import { createHookService } from '../../src/hooks/service.js';
import { Redactor } from '../../src/http/redact.js';
import { createUndiciTransport } from '../../src/http/transport.js';
import type { Hook } from '../../src/model/hook.js';
import { Secret } from '../../src/model/secret.js';
import type { Target } from '../../src/model/target.js';
import { createCodeArtsProvider } from '../../src/providers/codearts/adapter.js';
import { createCodeupOapiProvider } from '../../src/providers/codeup-oapi/adapter.js';
import { createCodeupV3Provider } from '../../src/providers/codeup-v3/adapter.js';
import type { ProviderDeps } from '../../src/providers/deps.js';
import { formatTarget } from '../../src/providers/registry.js';
import type { Provider } from '../../src/providers/types.js';
import { useEmulator } from '../helpers/emulator.js';

const transport = createUndiciTransport({ timeoutMs: 5000 });
const deps = (): ProviderDeps => ({ transport, redactor: new Redactor(), now: () => new Date(), nonce: () => crypto.randomUUID() });

const codeupHook = (n: string, lastTestResult: '' | 'ok' | 'error') => ({ url: `https://ci.example.com/${n}`, secretToken: `s-${n}`, lastTestResult });
const codeartsHook = (n: string, deliveries: string[]) => ({ url: `https://ci.example.com/${n}`, name: n, token: `t-${n}`, deliveries });

const emu = useEmulator({
  fleet: {
    spec: {
      codeup: [
        { organization: 'org-d', repositories: [{ id: 700, name: 'r', hooks: [codeupHook('err', 'error'), codeupHook('ok', 'ok'), codeupHook('never', '')] }] },
      ],
      codearts: [
        {
          project: 'c0dea7c5000000000000000000000d11',
          name: 'p',
          groups: [{ id: 801, name: 'g', hooks: [codeartsHook('g-down', ['internal error', '200']), codeartsHook('g-back', ['204', '500'])] }],
          repositories: [{ id: 3801, name: 'r', hooks: [codeartsHook('r-down', ['503']), codeartsHook('r-none', [])] }],
        },
      ],
    },
  },
});

async function listed(provider: Pick<Provider, 'list'>, target: Target): Promise<Hook[]> {
  const hooks: Hook[] = [];
  for await (const hook of provider.list(target)) hooks.push(hook);
  return hooks.sort((a, b) => a.url.localeCompare(b.url));
}

const byUrl = (hooks: readonly Hook[], n: string) => hooks.find((h) => h.url.endsWith(`/${n}`)) as Hook;

describe('Codeup: the last test result becomes Hook.delivery', () => {
  const codeupTarget: Target = { provider: 'codeup', organizationId: 'org-d', projectId: '700' };

  it('v3 LastTestResult: error → failing, ok → ok, "" → no status', async () => {
    const provider = createCodeupV3Provider(
      {
        endpoint: new URL(emu.url),
        accessKeyId: C.alibaba.accessKeyId,
        accessKeySecret: new Secret(C.alibaba.accessKeySecret),
        token: new Secret(C.codeupToken),
      },
      deps(),
    );
    const hooks = await listed(provider, codeupTarget);
    expect(byUrl(hooks, 'err').delivery).toEqual({ state: 'failing', detail: 'last test result: error' });
    expect(byUrl(hooks, 'ok').delivery).toEqual({ state: 'ok', detail: 'last test result: ok' });
    expect(byUrl(hooks, 'never').delivery).toBeUndefined();
    // Free: the hook service returns it without another request, and reads no log for Codeup.
    const service = createHookService(provider, {}, formatTarget);
    expect(service.readsDeliveryLog).toBe(false);
    const before = emu.server.requests.length;
    expect(await service.deliveryStatus(codeupTarget, byUrl(hooks, 'err'))).toEqual({ state: 'failing', detail: 'last test result: error' });
    expect(await service.deliveryStatus(codeupTarget, byUrl(hooks, 'never'))).toBeUndefined();
    expect(emu.server.requests.length).toBe(before);
  });

  it('Yunxiao lastTestResult (not in its docs) is read when an answer carries it; an undocumented or oversized value is no status, not a failed list', async () => {
    emu.server.use(
      http.get('*/oapi/v1/codeup/organizations/org-d/repositories/700/webhooks', () =>
        HttpResponse.json([
          { id: 1, url: 'https://ci.example.com/a', pushEvents: true, lastTestResult: 'error' },
          { id: 2, url: 'https://ci.example.com/b', pushEvents: true, lastTestResult: 'OK' },
          { id: 3, url: 'https://ci.example.com/c', pushEvents: true },
          { id: 4, url: 'https://ci.example.com/d', pushEvents: true, lastTestResult: 'x'.repeat(100_000) },
          { id: 5, url: 'https://ci.example.com/e', pushEvents: true, lastTestResult: 42 },
          { id: 6, url: 'https://ci.example.com/f', pushEvents: true, lastTestResult: 'timeout' },
        ]),
      ),
    );
    const provider = createCodeupOapiProvider({ endpoint: new URL(emu.url), token: new Secret(C.codeupToken) }, deps());
    const hooks = await listed(provider, codeupTarget);
    expect(hooks.map((h) => h.delivery?.state ?? 'none')).toEqual(['failing', 'ok', 'none', 'none', 'none', 'none']);
  });
});

describe('CodeArts: the hook service reads the delivery log', () => {
  const make = () =>
    createHookService(createCodeArtsProvider({ endpoint: new URL(emu.url), auth: { token: new Secret(C.huawei.iamToken) } }, deps()), {}, formatTarget);

  it.each([
    ['group', { provider: 'codearts', groupId: '801' }, '/v4/groups/801/hooks/'],
    ['repository', { provider: 'codearts', repositoryId: '3801' }, '/v4/repositories/3801/hooks/'],
  ] as const)('%s hooks: failing when the newest delivery failed, ok when it worked, unknown with no log; one request per hook', async (kind, target, path) => {
    const service = make();
    expect(service.readsDeliveryLog).toBe(true);
    const hooks = await listed(service, target);
    expect(hooks.every((h) => h.delivery === undefined)).toBe(true);
    const before = emu.server.requests.length;
    const states: (string | undefined)[] = [];
    for (const hook of hooks) states.push((await service.deliveryStatus(target, hook))?.state);
    // Sorted by URL: g-back (recovered), g-down; r-down, r-none (never delivered).
    expect(states).toEqual(kind === 'group' ? ['ok', 'failing'] : ['failing', 'unknown']);
    const sent = emu.server.requests.slice(before).map((r) => new URL(r.url));
    expect(sent.map((u) => u.pathname)).toEqual(hooks.map((h) => `${path}${h.id}/logs`));
    expect(Number(sent[0]?.searchParams.get('limit'))).toBeGreaterThanOrEqual(AUDIT_DELIVERY_WINDOW);
    // Not asked to read the log: nothing sent, no status.
    expect(await service.deliveryStatus(target, hooks[0] as Hook, { readLog: false })).toBeUndefined();
    expect(emu.server.requests.length).toBe(before + hooks.length);
  });

  it('judges the newest entry and counts the failures (group and repository)', async () => {
    const service = make();
    const group = await listed(service, { provider: 'codearts', groupId: '801' });
    const repo = await listed(service, { provider: 'codearts', repositoryId: '3801' });
    const status = (target: Target, hook: Hook) => service.deliveryStatus(target, hook);
    expect(await status({ provider: 'codearts', groupId: '801' }, byUrl(group, 'g-down'))).toEqual({
      state: 'failing',
      detail: 'last delivery: internal error; 1 of the last 2 deliveries failed',
    });
    expect((await status({ provider: 'codearts', groupId: '801' }, byUrl(group, 'g-back')))?.state).toBe('ok');
    expect(await status({ provider: 'codearts', repositoryId: '3801' }, byUrl(repo, 'r-down'))).toEqual({
      state: 'failing',
      detail: 'last delivery: 503; 1 of the last 1 deliveries failed',
    });
    expect((await status({ provider: 'codearts', repositoryId: '3801' }, byUrl(repo, 'r-none')))?.state).toBe('unknown');
  });

  it('a log that cannot be read is an error, never a made-up status', async () => {
    emu.server.use(http.get('*/v4/groups/801/hooks/:id/logs', () => HttpResponse.json({ error_code: 'CH.000001', error_msg: 'boom' }, { status: 500 })));
    const service = make();
    const [hook] = await listed(service, { provider: 'codearts', groupId: '801' });
    await expect(service.deliveryStatus({ provider: 'codearts', groupId: '801' }, hook as Hook)).rejects.toBeInstanceOf(ProviderError);
  });
});
