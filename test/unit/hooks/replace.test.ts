import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/errors.js';
import { ReplaceCleanupError, ReplaceFailedError, replaceHook } from '../../../src/hooks/replace.js';
import type { Hook, HookSpec } from '../../../src/model/hook.js';
import type { Target } from '../../../src/model/target.js';

const target: Target = { provider: 'codeup', organizationId: 'org', projectId: '1' };
const spec: HookSpec = { url: 'https://ci.example.com/new' };

/** An in-memory provider that records the order of calls and fails where told. */
function fakeOps(order: 'create-first' | 'delete-first', fail: { create?: boolean; remove?: boolean } = {}) {
  const hooks = new Map<string, Hook>([['1', { id: '1', url: 'https://ci.example.com/old', events: ['push'] }]]);
  const calls: string[] = [];
  const boom = (what: string) => new ProviderError({ provider: 'Fake', status: 500 }, { message: `Fake: ${what} failed` });
  return {
    hooks,
    calls,
    ops: {
      label: 'Fake',
      order,
      describe: () => 'codeup:org/1',
      get: async (_t: Target, id: string) => {
        calls.push(`get ${id}`);
        const hook = hooks.get(id);
        if (!hook) throw new Error('missing');
        return hook;
      },
      create: async (_t: Target, s: HookSpec) => {
        calls.push('create');
        if (fail.create) throw boom('create');
        const hook = { id: '2', url: s.url, events: ['push' as const] };
        hooks.set('2', hook);
        return hook;
      },
      remove: async (_t: Target, id: string) => {
        calls.push(`delete ${id}`);
        if (fail.remove) throw boom('delete');
        hooks.delete(id);
      },
    },
  };
}

describe('replaceHook', () => {
  it('create-first: creates the replacement, then deletes the old hook', async () => {
    const { ops, calls, hooks } = fakeOps('create-first');
    const result = await replaceHook(ops, target, '1', spec);
    expect(calls).toEqual(['get 1', 'create', 'delete 1']);
    expect(result).toMatchObject({ replacedId: '1', hook: { id: '2' } });
    expect([...hooks.keys()]).toEqual(['2']);
  });

  it('create-first: a failed create deletes nothing, and the old hook is kept', async () => {
    const { ops, calls, hooks } = fakeOps('create-first', { create: true });
    await expect(replaceHook(ops, target, '1', spec)).rejects.toThrow('Fake: create failed');
    expect(calls).toEqual(['get 1', 'create']);
    expect([...hooks.keys()]).toEqual(['1']);
  });

  it('create-first: a failed delete says both hooks exist and which one to delete', async () => {
    const { ops, hooks } = fakeOps('create-first', { remove: true });
    const error = await replaceHook(ops, target, '1', spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplaceCleanupError);
    expect((error as ReplaceCleanupError).message).toBe('Fake: hook 1 was replaced by hook 2, but deleting the old hook failed: Fake: delete failed');
    expect((error as ReplaceCleanupError).hint).toBe('both hooks exist now: delete the old one with hookctl hooks delete codeup:org/1 1');
    expect([...hooks.keys()].sort()).toEqual(['1', '2']);
  });

  it('delete-first (providers that refuse duplicate URLs): a failed create carries the deleted spec', async () => {
    const { ops, calls } = fakeOps('delete-first', { create: true });
    const error = await replaceHook(ops, target, '1', spec).catch((e: unknown) => e);
    expect(calls).toEqual(['get 1', 'delete 1', 'create']);
    expect(error).toBeInstanceOf(ReplaceFailedError);
    expect((error as ReplaceFailedError).hint).toContain('"url":"https://ci.example.com/old"');
  });
});
