import { OutcomeUnknownError, ProviderError } from '../errors.js';
import { type Hook, type HookSpec, specFromHook } from '../model/hook.js';
import type { Target } from '../model/target.js';
import type { UpdateResult } from '../providers/types.js';

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

/** A create-first replace whose new hook exists but whose old one could not be deleted: both exist. */
export class ReplaceCleanupError extends ProviderError {
  constructor(provider: string, oldId: string, newId: string, target: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      { provider, status: cause instanceof ProviderError ? cause.info.status : 0 },
      {
        message: `${provider}: hook ${oldId} was replaced by hook ${newId}, but deleting the old hook failed: ${reason}`,
        hint: `both hooks exist now: delete the old one with hookctl hooks delete ${target} ${oldId}`,
      },
    );
  }
}

/**
 * A create-first replace whose create may or may not have made the new hook: the old hook is not
 * deleted (it may be the only one), and the user is told to look. Exit 6.
 */
export class ReplaceStoppedError extends OutcomeUnknownError {
  constructor(provider: string, oldId: string, target: string, cause: OutcomeUnknownError) {
    super(`${provider}: replacing hook ${oldId} stopped before its delete: ${cause.message}`, {
      hint: `hook ${oldId} is untouched; run \`hookctl hooks list ${target}\` to see whether a second hook with its URL was created, delete that one if so, then run the update again`,
      details: cause.details,
      cause,
    });
  }
}

export interface ReplaceOps {
  label: string;
  /** create-first where the provider accepts two hooks with the same URL; delete-first where it refuses them. */
  order: 'create-first' | 'delete-first';
  get(target: Target, id: string): Promise<Hook>;
  /** `existing`: hooks already there, never taken for the new one (the one being replaced). */
  create(target: Target, spec: HookSpec, existing: readonly string[]): Promise<Hook>;
  remove(target: Target, id: string): Promise<void>;
  /** The target as the user typed it, for the recovery hint. */
  describe(target: Target): string;
}

/**
 * Update for providers that have none: the id changes, and the result says so.
 * - create-first: the replacement is created, then the old hook deleted. A failed create leaves
 *   the old hook untouched; a create whose outcome is unknown stops the replace before the delete
 *   (ReplaceStoppedError, exit 6); a failed delete leaves both, and the error says which to delete.
 * - delete-first (providers that refuse a second hook with the same URL): if the create then
 *   fails, the error carries the deleted hook's spec so nothing is silently lost.
 */
export async function replaceHook(ops: ReplaceOps, target: Target, id: string, spec: HookSpec): Promise<UpdateResult> {
  const before = await ops.get(target, id);
  if (ops.order === 'create-first') {
    let hook: Hook;
    try {
      hook = await ops.create(target, spec, [id]);
    } catch (error) {
      if (error instanceof OutcomeUnknownError) throw new ReplaceStoppedError(ops.label, id, ops.describe(target), error);
      throw error;
    }
    try {
      await ops.remove(target, id);
    } catch (error) {
      throw new ReplaceCleanupError(ops.label, id, hook.id, ops.describe(target), error);
    }
    return { hook, replacedId: id };
  }
  await ops.remove(target, id);
  try {
    const hook = await ops.create(target, spec, []);
    return { hook, replacedId: id };
  } catch (error) {
    throw new ReplaceFailedError(ops.label, id, specFromHook(before), error);
  }
}
