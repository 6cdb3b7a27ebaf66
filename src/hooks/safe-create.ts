import { InterruptedError, NetworkError, OutcomeUnknownError, ProviderError } from '../errors.js';
import { GoneOnRetryError, waitOrInterrupt } from '../http/retry.js';
import { RequestInterruptedError } from '../http/transport.js';
import type { Hook, HookSpec } from '../model/hook.js';
import type { Target } from '../model/target.js';
import type { ProviderDeps } from '../providers/deps.js';
import { formatTarget } from '../providers/registry.js';
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

/** How long a doubtful create is looked for, and the first pause between looks (it doubles). */
export const SETTLE = { totalMs: 6_000, firstDelayMs: 500 } as const;

/** A create that may have worked and of which no hook showed up while hookctl looked (exit 6). */
export { OutcomeUnknownError };

/**
 * Ctrl-C during a create. `requestSent`: whether the create request had left this machine (it then
 * may have been carried out).
 */
export class CreateInterruptedError extends InterruptedError {
  constructor(readonly requestSent: boolean) {
    super(
      requestSent
        ? 'interrupted: the create request was sent; whether the hook was created is unknown'
        : 'interrupted before the create request was sent: no hook was created',
    );
  }
}

/**
 * `existing`: ids of hooks known to be there before this create (the hook a replace is about to
 * delete); a hook with one of them is never taken for the new one, whatever its URL and date.
 */
export interface CreateOptions {
  existing?: readonly string[] | undefined;
}

/** An adapter's two writes, made safe to repeat. */
export interface SafeWrites {
  create(target: Target, spec: HookSpec, options?: CreateOptions): Promise<Hook>;
  delete(target: Target, id: string): Promise<void>;
}

/**
 * Makes every adapter's writes safe to repeat, once, for all providers (the hook service uses it):
 * - create: a POST that may have reached the server (a timeout or reset after it was written, a
 *   5xx, an unreadable or HTML answer) is never resent. The target's hooks are listed for a settle
 *   period (SETTLE, with a doubling pause); a hook with the same URL means the create worked and
 *   it is reported as created; none means the outcome is unknown (OutcomeUnknownError, exit 6).
 *   A POST that provably never left is resent by the HTTP client (retry.ts), not here.
 * - delete: a DELETE that the HTTP client repeated and that then found the hook gone
 *   (GoneOnRetryError) had worked on an earlier attempt; it is reported as deleted.
 * The adapter is left as it is: the wrappers are a new object,
 * and the service's replace-style update goes through them too. Each recovery prints one stderr line (deps.notice); the printed hook is the
 * provider's own, so json/yaml output keeps its shape.
 */
export function withSafeWrites(
  provider: Provider,
  deps: Pick<ProviderDeps, 'retry' | 'notice'> & { now?: () => Date; settle?: { totalMs: number; firstDelayMs: number } | undefined },
): SafeWrites {
  const create = provider.create.bind(provider);
  const remove = provider.delete.bind(provider);
  const notice = (line: string) => deps.notice?.(`${provider.label}: ${line}`);
  const now = deps.now ?? (() => new Date());
  const settle = deps.settle ?? SETTLE;

  const safeCreate = async (target: Target, spec: HookSpec, options: CreateOptions = {}): Promise<Hook> => {
    const started = now().getTime();
    const existing = new Set(options.existing ?? []);
    let error: unknown;
    try {
      return await create(target, spec);
    } catch (caught) {
      if (caught instanceof InterruptedError) throw new CreateInterruptedError(caught instanceof RequestInterruptedError && caught.sent);
      error = caught;
    }
    const doubt = doubtOf(error);
    if (!doubt) throw error;
    // Looked for at once, then after pauses of 0.5 s, 1 s, 2 s… until the settle period is over.
    let waited = 0;
    for (let delay = settle.firstDelayMs; ; delay *= 2) {
      let found: Hook | undefined;
      try {
        found = await lookUp(provider, target, spec.url, started, existing);
      } catch (listError) {
        if (listError instanceof InterruptedError) throw new CreateInterruptedError(true);
        const why = listError instanceof Error ? listError.message : String(listError);
        throw outcomeUnknown(doubt, `and listing the hooks to check failed (${why})`, error, target);
      }
      if (found) {
        notice(`the create request failed (${doubt.reason}), but hook ${found.id} with this URL now exists: reporting it as created`);
        return found;
      }
      if (waited >= settle.totalMs) break;
      const pause = Math.min(delay, settle.totalMs - waited);
      try {
        await waitOrInterrupt(deps.retry ?? {}, pause);
      } catch (waitError) {
        if (waitError instanceof InterruptedError) throw new CreateInterruptedError(true);
        throw waitError;
      }
      waited += pause;
    }
    const other = existing.size > 0 ? ` (other than hook ${[...existing].join(', ')})` : '';
    throw outcomeUnknown(doubt, `and no hook with this URL${other} appeared within ${Math.round(settle.totalMs / 1000)} s`, error, target);
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

function outcomeUnknown(doubt: Doubt, after: string, cause: unknown, target: Target): OutcomeUnknownError {
  return new OutcomeUnknownError(`outcome unknown: the create request failed (${doubt.reason}) after it may have reached the server, ${after}`, {
    hint: `run \`hookctl hooks list ${formatTarget(target)}\` to see, or re-run the create with --if-not-exists, which creates the hook only if it is missing`,
    details: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause),
    cause,
  });
}

/**
 * The hook with this URL, if the target has one now that this create may have made: hooks known to
 * exist already (`existing`) and hooks the provider dates to before the create are left out.
 * Several: the newest (largest numeric id, else the last listed).
 */
async function lookUp(provider: Provider, target: Target, url: string, startedMs: number, existing: ReadonlySet<string>): Promise<Hook | undefined> {
  const matches: Hook[] = [];
  for await (const hook of provider.list(target)) {
    if (sameUrl(hook.url, url) && !existing.has(hook.id) && !existedBefore(hook, startedMs)) matches.push(hook);
  }
  if (matches.every((hook) => /^\d+$/.test(hook.id))) {
    return matches.reduce<Hook | undefined>((best, hook) => (best === undefined || Number(hook.id) > Number(best.id) ? hook : best), undefined);
  }
  return matches.at(-1);
}
