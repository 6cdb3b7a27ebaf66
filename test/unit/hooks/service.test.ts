import { describe, expect, it } from 'vitest';
import { UnsupportedError, UsageError } from '../../../src/errors.js';
import { createHookService } from '../../../src/hooks/service.js';
import { Secret } from '../../../src/model/secret.js';
import type { Target } from '../../../src/model/target.js';
import { formatTarget } from '../../../src/providers/registry.js';
import { fakeProvider } from '../../helpers/fake-provider.js';

const target: Target = { provider: 'codeup', organizationId: 'org', projectId: '100' };
const existing = { id: '7', url: 'https://ci.example.com/h', events: ['push' as const] };

describe('hook service', () => {
  it('leaves the adapter object as it was: safe writes are a wrapper, not a patch', async () => {
    const provider = fakeProvider('codeup');
    const { create, delete: remove, list, get } = provider;
    const service = createHookService(provider, {}, formatTarget);
    await service.create(target, { url: 'https://ci.example.com/a' });
    expect([provider.create, provider.delete, provider.list, provider.get]).toEqual([create, remove, list, get]);
  });

  it('checks the spec once, before any write, for create, update and preview', async () => {
    const provider = fakeProvider('codeup', { capabilities: { fields: { ...fakeProvider('codeup').capabilities.fields, branchFilter: 'unsupported' } } });
    const service = createHookService(provider, {}, formatTarget);
    const spec = { url: 'https://ci.example.com/a', branchFilter: '^main$' };
    await expect(service.create(target, spec)).rejects.toBeInstanceOf(UnsupportedError);
    await expect(service.preview({ kind: 'create', target, spec })).rejects.toThrow('branchFilter (--branch-filter) is not supported by Fake codeup');
    expect(provider.writes).toEqual([]);
  });

  it('uses the adapter update where the provider has a native one', async () => {
    const provider = fakeProvider('codeup', { hooks: { 'codeup:org/100': [existing] } });
    const result = await createHookService(provider, {}, formatTarget).update(target, '7', { url: 'https://ci.example.com/moved' });
    expect(result.replacedId).toBeUndefined();
    expect(provider.writes).toEqual(['update codeup:org/100 7']);
  });

  it.each([
    ['create-first', ['create codeup:org/100 https://ci.example.com/moved', 'delete codeup:org/100 7']],
    ['delete-first', ['delete codeup:org/100 7', 'create codeup:org/100 https://ci.example.com/moved']],
  ] as const)('replaces in the provider order (%s) where it has no update', async (replaceOrder, writes) => {
    const provider = fakeProvider('codeup', {
      capabilities: {
        update: 'replace',
        replaceOrder,
        secretOnUpdate: 'resend',
        fields: { ...fakeProvider('codeup').capabilities.fields, secret: 'required' },
      },
      hooks: { 'codeup:org/100': [existing] },
    });
    expect(provider.update).toBeUndefined();
    const result = await createHookService(provider, {}, formatTarget).update(target, '7', {
      url: 'https://ci.example.com/moved',
      secret: new Secret('s3cret-9'),
    });
    expect(result.replacedId).toBe('7');
    expect(provider.writes).toEqual(writes);
  });

  it('refuses a replace that would lose a secret it cannot read back, before any write', async () => {
    const provider = fakeProvider('codeup', {
      capabilities: { update: 'replace', replaceOrder: 'create-first', secretOnUpdate: 'resend' },
      hooks: { 'codeup:org/100': [existing] },
    });
    const error = await createHookService(provider, {}, formatTarget)
      .update(target, '7', { url: 'https://ci.example.com/moved' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe('Fake codeup: the current secret cannot be read: pass --secret-env/--secret-stdin, or --no-secret to drop it');
    expect(provider.writes).toEqual([]);
  });
});
