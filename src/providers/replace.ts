import { ProviderError } from '../errors.js';
import { type Hook, type HookSpec, specFromHook } from '../model/hook.js';
import type { Target } from '../model/target.js';
import type { UpdateResult } from './types.js';

/** A replace whose delete succeeded but whose create failed: the old hook is gone. */
export class ReplaceFailedError extends ProviderError {
  constructor(provider: string, oldId: string, previous: HookSpec, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      { provider, status: cause instanceof ProviderError ? cause.info.status : 0 },
      {
        message: `${provider}: hook ${oldId} was deleted, but creating its replacement failed: ${reason}`,
        hint: `recreate it with this spec (secrets masked): ${JSON.stringify(previous)}`,
      },
    );
  }
}

/**
 * Update for providers that have none: delete, then create. Delete comes first because some
 * providers refuse two hooks with the same URL. The id changes, and the result says so. If the
 * create fails, the error carries the deleted hook's spec so nothing is silently lost.
 */
export async function replaceHook(
  ops: {
    label: string;
    get(target: Target, id: string): Promise<Hook>;
    create(target: Target, spec: HookSpec): Promise<Hook>;
    remove(target: Target, id: string): Promise<void>;
  },
  target: Target,
  id: string,
  spec: HookSpec,
): Promise<UpdateResult> {
  const before = await ops.get(target, id);
  await ops.remove(target, id);
  try {
    const hook = await ops.create(target, spec);
    return { hook, replacedId: id };
  } catch (error) {
    throw new ReplaceFailedError(ops.label, id, specFromHook(before), error);
  }
}
