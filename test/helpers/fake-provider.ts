/**
 * An in-memory Provider for command and hook-service tests: no HTTP, no emulator. It keeps hooks
 * per target, records every write, and can be told to behave like a native-update provider
 * (CodeArts-like) or a replace-style one (Codeup v3 / ServiceStage-like, no update method).
 */
import { NotFoundError } from '../../src/errors.js';
import type { RequestPreview } from '../../src/http/types.js';
import type { Hook, HookSpec } from '../../src/model/hook.js';
import type { Target } from '../../src/model/target.js';
import { formatTarget } from '../../src/providers/registry.js';
import type { Capabilities, Operation, Provider, UpdateIntent, UpdateResult } from '../../src/providers/types.js';

export const FAKE_CAPABILITIES: Capabilities = {
  fields: {
    url: 'required',
    name: 'optional',
    description: 'optional',
    events: 'optional',
    branchFilter: 'optional',
    noteFilters: 'optional',
    secret: 'optional',
    sslVerify: 'optional',
  },
  events: ['push', 'tag_push', 'merge_request', 'note'],
  limits: { url: 2048 },
  update: 'native',
  secretOnUpdate: 'kept',
  get: 'native',
};

export interface FakeOptions {
  label?: string;
  capabilities?: Partial<Capabilities>;
  /** Hooks present from the start, per formatted target. */
  hooks?: Record<string, Hook[]>;
}

export interface FakeProvider extends Provider {
  /** Every write, in order: `create <target> <url>`, `update <target> <id>`, `delete <target> <id>`. */
  readonly writes: string[];
  hooksOf(target: string): Hook[];
}

export function fakeProvider(id: Target['provider'], options: FakeOptions = {}): FakeProvider {
  const capabilities: Capabilities = { ...FAKE_CAPABILITIES, ...options.capabilities };
  const label = options.label ?? `Fake ${id}`;
  const store = new Map<string, Hook[]>(Object.entries(options.hooks ?? {}).map(([k, v]) => [k, v.map((h) => ({ ...h }))]));
  const writes: string[] = [];
  let nextId = 1000;
  const hooksOf = (target: string) => {
    const list = store.get(target) ?? [];
    store.set(target, list);
    return list;
  };
  const toHook = (hookId: string, spec: HookSpec): Hook => {
    const hook: Hook = { id: hookId, url: spec.url, events: spec.events ?? ['push'] };
    if (spec.name !== undefined) hook.name = spec.name;
    if (spec.description !== undefined) hook.description = spec.description;
    if (spec.branchFilter !== undefined) hook.branchFilter = spec.branchFilter;
    if (spec.noteFilters !== undefined) hook.noteFilters = spec.noteFilters;
    if (spec.secret !== undefined) hook.secret = spec.secret;
    if (capabilities.fields.sslVerify !== 'unsupported') hook.sslVerify = spec.sslVerify ?? true;
    return hook;
  };
  const find = (target: Target, hookId: string) => {
    const hook = hooksOf(formatTarget(target)).find((h) => h.id === hookId);
    if (!hook) throw new NotFoundError(`${label}: no hook ${hookId} on ${formatTarget(target)}`);
    return hook;
  };
  const provider: FakeProvider = {
    id,
    label,
    capabilities,
    writes,
    hooksOf,
    async *list(target) {
      for (const hook of [...hooksOf(formatTarget(target))]) yield hook;
    },
    async get(target, hookId) {
      return find(target, hookId);
    },
    async create(target, spec) {
      writes.push(`create ${formatTarget(target)} ${spec.url}`);
      const hook = toHook(String(nextId++), spec);
      hooksOf(formatTarget(target)).push(hook);
      return hook;
    },
    async delete(target, hookId) {
      find(target, hookId);
      writes.push(`delete ${formatTarget(target)} ${hookId}`);
      const list = hooksOf(formatTarget(target));
      list.splice(
        list.findIndex((h) => h.id === hookId),
        1,
      );
    },
    async preview(operation: Operation): Promise<RequestPreview[]> {
      const url = `https://fake.invalid/${formatTarget(operation.target)}/hooks`;
      if (operation.kind === 'create') return [{ method: 'POST', url, headers: {}, body: { url: operation.spec.url } }];
      if (operation.kind === 'delete') return [{ method: 'DELETE', url: `${url}/${operation.id}`, headers: {} }];
      return [{ method: 'PUT', url: `${url}/${operation.id}`, headers: {}, body: { url: operation.spec.url } }];
    },
  };
  if (capabilities.update === 'native') {
    provider.update = async (target: Target, hookId: string, spec: HookSpec, _intent?: UpdateIntent): Promise<UpdateResult> => {
      const list = hooksOf(formatTarget(target));
      const index = list.findIndex((h) => h.id === find(target, hookId).id);
      writes.push(`update ${formatTarget(target)} ${hookId}`);
      const hook = toHook(hookId, spec);
      list[index] = hook;
      return { hook };
    };
  }
  return provider;
}
