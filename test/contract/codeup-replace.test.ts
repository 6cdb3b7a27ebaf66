/**
 * Codeup v3 update is a replace (issue 7 §3–§4, §7): it never loses the secret, creates before it
 * deletes (v3 accepts two hooks with one URL), never resends a mask, registers a secret it read
 * back with the redactor before any request, and lists hooks as tolerantly as the SDK model.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS as C } from '../../src/emulator/credentials.js';
import { UsageError } from '../../src/errors.js';
import { ReplaceStoppedError } from '../../src/hooks/replace.js';
import { createHookService } from '../../src/hooks/service.js';
import { Redactor } from '../../src/http/redact.js';
import { createUndiciTransport } from '../../src/http/transport.js';
import { type HookSpec, specFromHook } from '../../src/model/hook.js';
import { Secret } from '../../src/model/secret.js';
import type { Target } from '../../src/model/target.js';
import { createCodeupV3Provider } from '../../src/providers/codeup-v3/adapter.js';
import { formatTarget } from '../../src/providers/registry.js';
import { useEmulator } from '../helpers/emulator.js';

const emu = useEmulator();
const transport = createUndiciTransport({ timeoutMs: 5000 });
const target: Target = { provider: 'codeup', organizationId: 'org-replace', projectId: '100' };
const SECRET = 'codeup-replace-secret-91c2';
const HOOKS = '*/api/v3/projects/:projectId/hooks';

function make(redactor = new Redactor()) {
  const deps = { transport, redactor, now: () => new Date(), nonce: () => crypto.randomUUID() };
  const adapter = createCodeupV3Provider(
    { endpoint: new URL(emu.url), accessKeyId: C.alibaba.accessKeyId, accessKeySecret: new Secret(C.alibaba.accessKeySecret) },
    deps,
  );
  // The replace is the hook service's: Codeup v3 has no update of its own.
  return { provider: createHookService(adapter, { settle: { totalMs: 0, firstDelayMs: 0 } }, formatTarget), redactor };
}

const stored = () => emu.emulator.store.snapshot().codeup['org-replace/100'] ?? [];
const writes = () => emu.server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${new URL(r.url).pathname}`);

/** The emulator's own list answer, with each hook rewritten (a masked secret, nulls…). */
function rewriteList(rewrite: (hook: Record<string, unknown>) => Record<string, unknown>) {
  emu.server.use(
    http.get(HOOKS, async ({ request }) => {
      const body = (await (await emu.emulator.handle(request)).json()) as { Result: Record<string, unknown>[] };
      return HttpResponse.json({ ...body, Result: body.Result.map(rewrite) });
    }),
  );
}

describe('Codeup v3 update (a replace)', () => {
  it('refuses, before deleting anything, when the list masks the current secret', async () => {
    const { provider } = make();
    const created = await provider.create(target, { url: 'https://ci.example.com/h', secret: new Secret(SECRET) });
    rewriteList((hook) => ({ ...hook, SecretToken: '******' }));
    const current = await provider.get(target, created.id);
    const spec = { ...specFromHook(current), url: 'https://ci.example.com/moved' };
    emu.server.requests.length = 0;
    const error = await provider.update(target, created.id, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      'Codeup (OpenAPI v3): the current secret cannot be read: pass --secret-env/--secret-stdin, or --no-secret to drop it',
    );
    expect((error as UsageError).exitCode).toBe(2);
    expect(writes()).toEqual([]);
    expect(stored()).toEqual([expect.objectContaining({ id: Number(created.id), secretToken: SECRET })]);
  });

  it('refuses when the list returns an empty secret; --no-secret replaces without one', async () => {
    const { provider } = make();
    const created = await provider.create(target, { url: 'https://ci.example.com/h', secret: new Secret(SECRET) });
    rewriteList((hook) => ({ ...hook, SecretToken: '' }));
    const spec = { ...specFromHook(await provider.get(target, created.id)), url: 'https://ci.example.com/moved' };
    await expect(provider.update(target, created.id, spec)).rejects.toThrow(/the current secret cannot be read/);
    expect(stored()).toHaveLength(1);
    const result = await provider.update(target, created.id, spec, { dropSecret: true });
    expect(result.replacedId).toBe(created.id);
    expect(stored()).toEqual([expect.objectContaining({ id: Number(result.hook.id), url: 'https://ci.example.com/moved', secretToken: '' })]);
  });

  it('carries a secret read in clear over, creating the replacement before deleting the old hook', async () => {
    const { provider } = make();
    const created = await provider.create(target, { url: 'https://ci.example.com/h', secret: new Secret(SECRET) });
    const spec = { ...specFromHook(await provider.get(target, created.id)), url: 'https://ci.example.com/moved' };
    emu.server.requests.length = 0;
    const result = await provider.update(target, created.id, spec);
    expect(writes()).toEqual(['POST /api/v3/projects/100/hooks', `DELETE /api/v3/projects/100/hooks/${created.id}`]);
    expect(stored()).toEqual([expect.objectContaining({ id: Number(result.hook.id), url: 'https://ci.example.com/moved', secretToken: SECRET })]);
  });

  it('a failed create loses nothing: the old hook and its secret stay', async () => {
    const { provider } = make();
    const created = await provider.create(target, { url: 'https://ci.example.com/h', secret: new Secret(SECRET) });
    const spec = { ...specFromHook(await provider.get(target, created.id)), url: 'https://ci.example.com/moved' };
    emu.server.use(
      http.post(HOOKS, () => HttpResponse.json({ RequestId: 'r1', Success: false, ErrorCode: 'SYSTEM_UNKNOWN_ERROR', ErrorMessage: 'boom' }, { status: 500 }), {
        once: true,
      }),
    );
    // A 500 may have created the hook: the safe create looks for it (no settle period here), the outcome
    // is unknown, and the replace stops before its delete.
    await expect(provider.update(target, created.id, spec)).rejects.toThrow(
      new RegExp(
        `^Codeup \\(OpenAPI v3\\): replacing hook ${created.id} stopped before its delete: outcome unknown: the create request failed \\(HTTP 500 SYSTEM_UNKNOWN_ERROR\\)`,
      ),
    );
    expect(writes().filter((w) => w.startsWith('DELETE'))).toEqual([]);
    expect(stored()).toEqual([expect.objectContaining({ id: Number(created.id), url: 'https://ci.example.com/h', secretToken: SECRET })]);
  });

  it('a 500 on the create with the URL unchanged: the old hook is not taken for the new one, nothing is deleted (exit 6)', async () => {
    const { provider } = make();
    const created = await provider.create(target, { url: 'https://ci.example.com/h', secret: new Secret(SECRET) });
    const spec: HookSpec = { ...specFromHook(await provider.get(target, created.id)), events: ['push', 'tag_push'] };
    emu.server.use(
      http.post(HOOKS, () => HttpResponse.json({ RequestId: 'r3', Success: false, ErrorCode: 'SYSTEM_UNKNOWN_ERROR', ErrorMessage: 'boom' }, { status: 500 }), {
        once: true,
      }),
    );
    emu.server.requests.length = 0;
    const error = await provider.update(target, created.id, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplaceStoppedError);
    expect((error as ReplaceStoppedError).exitCode).toBe(6);
    expect((error as Error).message).toMatch(new RegExp(`no hook with this URL \\(other than hook ${created.id}\\) appeared within 0 s$`));
    expect((error as ReplaceStoppedError).hint).toBe(
      `hook ${created.id} is untouched; run \`hookctl hooks list codeup:org-replace/100\` to see whether a second hook with its URL was created, delete that one if so, then run the update again`,
    );
    expect(writes()).toEqual(['POST /api/v3/projects/100/hooks']);
    expect(stored()).toEqual([expect.objectContaining({ id: Number(created.id), url: 'https://ci.example.com/h', secretToken: SECRET })]);
  });

  it('a secret read back is known to the redactor before the create, so an echoing error is scrubbed', async () => {
    const { provider, redactor } = make();
    const created = await provider.create(target, { url: 'https://ci.example.com/h', secret: new Secret(SECRET) });
    const spec = { ...specFromHook(await provider.get(target, created.id)), url: 'https://ci.example.com/moved' };
    emu.server.use(
      http.post(HOOKS, async ({ request }) =>
        HttpResponse.json(
          { RequestId: 'r2', Success: false, ErrorCode: 'InvalidParam', ErrorMessage: `refused body ${await request.text()}` },
          { status: 400 },
        ),
      ),
    );
    const error = (await provider.update(target, created.id, spec).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('refused body');
    expect(redactor.scrub(error.message)).not.toContain(SECRET);
  });

  it('never sends a mask as a secret', async () => {
    const { provider } = make();
    for (const mask of ['******', '***']) {
      await expect(provider.create(target, { url: 'https://ci.example.com/h', secret: new Secret(mask) })).rejects.toThrow(/only of asterisks is a mask/);
    }
    expect(emu.server.requests).toHaveLength(0);
  });
});

describe('Codeup v3 list, as tolerant as the SDK model', () => {
  it('null flags and absent optional fields do not fail a list', async () => {
    const { provider } = make();
    await provider.create(target, { url: 'https://ci.example.com/h' });
    rewriteList((hook) => ({
      Id: hook.Id,
      Url: hook.Url,
      PushEvents: null,
      TagPushEvents: null,
      MergeRequestsEvents: null,
      NoteEvents: null,
      EnableSslVerification: null,
      ProjectId: null,
    }));
    const hooks = [];
    for await (const hook of provider.list(target)) hooks.push(hook);
    expect(hooks).toEqual([{ id: expect.any(String), url: 'https://ci.example.com/h', events: [] }]);
  });
});
