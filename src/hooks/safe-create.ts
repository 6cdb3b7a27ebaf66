import { InterruptedError, NetworkError, ProviderError } from '../errors.js';
import { GoneOnRetryError, backoffMs, waitOrInterrupt } from '../http/retry.js';
import type { Hook, HookSpec } from '../model/hook.js';
import type { Target } from '../model/target.js';
import type { ProviderDeps } from '../providers/deps.js';
import type { Provider } from '../providers/types.js';
import { sameUrl } from './find.js';

/** Why a create may have worked although it reported a failure. */
interface Doubt {
  /** `maybe`: sent, no usable answer (reset, timeout, 5xx). `applied`: a 2xx whose body was unreadable. */
  kind: 'maybe' | 'applied';
  reason: string;
}

/** Undefined when the error proves the hook was not created (4xx, auth, nothing sent). */
export function doubtOf(error: unknown): Doubt | undefined {
  if (error instanceof NetworkError) return error.sent ? { kind: 'maybe', reason: error.message } : undefined;
  if (!(error instanceof ProviderError)) return undefined;
  const { status, providerCode } = error.info;
  if (status >= 500) return { kind: 'maybe', reason: `HTTP ${status}${providerCode ? ` ${providerCode}` : ''}` };
  // A provider code means the provider explained a refusal (Codeup's `Success: false` comes as 200).
  if (status >= 200 && status < 300 && !providerCode) return { kind: 'applied', reason: `an unreadable HTTP ${status} answer` };
  return undefined;
}

/** An adapter's two writes, made safe to repeat. */
export interface SafeWrites {
  create(target: Target, spec: HookSpec): Promise<Hook>;
  delete(target: Target, id: string): Promise<void>;
}

/**
 * Makes every adapter's writes safe to repeat, once, for all providers (the hook service uses it):
 * - create: a POST that failed ambiguously is never blindly resent. The target's hooks are listed
 *   first; a hook with the same URL means the create worked, and it is reported as created.
 *   Otherwise the create is sent again, within the --retries budget.
 * - delete: a DELETE that the HTTP client repeated and that then found the hook gone
 *   (GoneOnRetryError) had worked on an earlier attempt; it is reported as deleted.
 * The adapter is left as it is: the wrappers are a new object,
 * and the service's replace-style update goes through them too. Each recovery prints one stderr line (deps.notice); the printed hook is the
 * provider's own, so json/yaml output keeps its shape.
 */
export function withSafeWrites(provider: Provider, deps: Pick<ProviderDeps, 'retry' | 'notice'> & { now?: () => Date }): SafeWrites {
  const create = provider.create.bind(provider);
  const remove = provider.delete.bind(provider);
  const notice = (line: string) => deps.notice?.(`${provider.label}: ${line}`);
  const retries = Math.max(0, deps.retry?.retries ?? 0);
  const random = deps.retry?.random ?? (() => 1);
  const now = deps.now ?? (() => new Date());

  const safeCreate = async (target: Target, spec: HookSpec): Promise<Hook> => {
    for (let n = 1; ; n++) {
      const started = now().getTime();
      try {
        return await create(target, spec);
      } catch (error) {
        const doubt = doubtOf(error);
        if (!doubt) throw error;
        const found = await lookUp(provider, target, spec.url, started, notice, error);
        if (found) {
          notice(`the create request failed (${doubt.reason}), but hook ${found.id} with this URL now exists: reporting it as created`);
          return found;
        }
        if (doubt.kind === 'applied' || n > retries) throw error;
        const waitMs = backoffMs(n, random);
        notice(
          `the create request failed (${doubt.reason}) and no hook with this URL exists: sending it again in ${waitMs} ms (attempt ${n + 1} of ${retries + 1})`,
        );
        await waitOrInterrupt(deps.retry ?? {}, waitMs);
      }
    }
  };

  const safeDelete = async (target: Target, id: string): Promise<void> => {
    try {
      await remove(target, id);
    } catch (error) {
      if (!(error instanceof GoneOnRetryError)) throw error;
      notice(`the delete of hook ${id} was repeated after ${error.earlier}, and the hook is gone: reporting it as deleted`);
    }
  };
  return { create: safeCreate, delete: safeDelete };
}

/** How far the provider's clock may be behind ours before a new hook looks older than its create. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * True when the provider dates the hook (with an explicit zone: a bare local time, as the Yunxiao
 * API sends, cannot be compared safely) to well before this create started: it existed already.
 */
export function existedBefore(hook: Hook, startedMs: number): boolean {
  if (!hook.createdAt || !/(?:Z|[+-]\d\d:?\d\d)$/.test(hook.createdAt)) return false;
  const created = Date.parse(hook.createdAt);
  return Number.isFinite(created) && created < startedMs - CLOCK_SKEW_MS;
}

/**
 * The hook with this URL, if the target has one now that this create may have made: hooks the
 * provider dates to before the create are left out. Several: the newest (largest numeric id, else
 * the last listed). When the list itself fails, the create's own error is what the user needs, so
 * it is rethrown.
 */
async function lookUp(
  provider: Provider,
  target: Target,
  url: string,
  startedMs: number,
  notice: (line: string) => void,
  createError: unknown,
): Promise<Hook | undefined> {
  const matches: Hook[] = [];
  try {
    for await (const hook of provider.list(target)) if (sameUrl(hook.url, url) && !existedBefore(hook, startedMs)) matches.push(hook);
  } catch (listError) {
    if (listError instanceof InterruptedError) throw listError;
    const why = listError instanceof Error ? listError.message : String(listError);
    notice(`could not check whether the failed create worked, because listing failed (${why}): run \`hookctl hooks list\` before trying again`);
    throw createError;
  }
  if (matches.every((hook) => /^\d+$/.test(hook.id))) {
    return matches.reduce<Hook | undefined>((best, hook) => (best === undefined || Number(hook.id) > Number(best.id) ? hook : best), undefined);
  }
  return matches.at(-1);
}
