import { InterruptedError, type NetworkError, NotFoundError } from '../errors.js';
import type { HttpMethod, HttpResponse } from './types.js';

/**
 * When and how long to retry. The client (client.ts) runs the loop; everything here is pure, so
 * the rules can be tested without a network or a clock.
 *
 * What is retried: 429, 500, 502, 503, 504, and network failures (reset, timeout, refused),
 * on GET, PUT and DELETE, which are idempotent. A POST is repeated only when the answer proves
 * nothing was done: the request never left this machine (NetworkError.sent === false), or a 429.
 * Every other doubtful POST is left to the providers' safe create (providers/safe-create.ts),
 * which first looks whether the hook exists. A 401 is never retried here: a refused Huawei signature counts towards locking the
 * key (codearts.md §3, 5 failures lock it for 5 minutes); the auth step's own renew handles an
 * expired token once.
 */
export interface RetryOptions {
  /** Extra attempts after the first (--retries, config `retries`). 0 or absent: no retries. */
  retries?: number | undefined;
  /** Waits between attempts; rejects when the signal aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** In [0, 1): the jitter. */
  random?: (() => number) | undefined;
  /** Ctrl-C: stops a wait at once. */
  signal?: AbortSignal | undefined;
  /** For Retry-After given as an HTTP date. */
  now?: (() => Date) | undefined;
}

/** The documented bounds (README "Reliability"). */
export const RETRY_LIMITS = {
  /** The first backoff ceiling; it doubles per retry. */
  baseDelayMs: 500,
  /** No backoff ceiling grows beyond this. */
  maxDelayMs: 8_000,
  /** A longer Retry-After is shortened to this, so a run stays bounded. */
  maxRetryAfterMs: 30_000,
  /** The schema's bound for `retries` (config/schema.ts) and --retries. */
  maxRetries: 10,
} as const;

export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** The outcome of one attempt: a response (any status) or a network failure. */
export type Outcome = { response: HttpResponse } | { error: NetworkError };

/**
 * Why this outcome may be retried for this method, or undefined when it must not be.
 * The reason reads as the end of "retrying after …".
 */
export function retryReason(method: HttpMethod, outcome: Outcome): string | undefined {
  if ('error' in outcome) {
    const { error } = outcome;
    // A certificate or TLS failure does not heal by itself: repeating it only delays the error.
    if (error.message.includes('TLS error')) return undefined;
    if (method === 'POST' && error.sent) return undefined;
    return error.message;
  }
  const { status } = outcome.response;
  if (!RETRY_STATUSES.has(status)) return undefined;
  // A 429 is the gateway's refusal before any work (Alibaba POP `Throttling.*`, codeup.md §1;
  // Huawei APIG.0308, codearts.md §3), so even a POST can be sent again. Any other status on a
  // POST is left to safe create, which looks before it resends.
  if (method === 'POST' && status !== 429) return undefined;
  return `HTTP ${status}`;
}

/**
 * True when the failed attempt may still have been carried out by the server: the request was
 * sent and no answer says otherwise (a reset, a timeout, a 5xx from a gateway). A 429 is a refusal
 * before any work, and a request that never left this machine did nothing.
 */
export function mayHaveApplied(outcome: Outcome): boolean {
  if ('error' in outcome) return outcome.error.sent;
  return outcome.response.status >= 500;
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3), capped at
 * RETRY_LIMITS.maxRetryAfterMs. Only 429 and 503 carry a meaningful one.
 *
 * Alibaba's POP gateway can also send `x-acs-retry-after` (codeup.md §1, darabonba-openapi
 * `getThrottlingTimeLeft`), but no stored source pins its unit (seconds or milliseconds), so it is
 * not read: a Codeup throttling answer falls back to the exponential backoff.
 */
export function retryAfterMs(response: HttpResponse, now: () => Date): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const value = response.headers['retry-after']?.trim();
  if (!value) return undefined;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - now().getTime();
  }
  return Math.min(Math.max(ms, 0), RETRY_LIMITS.maxRetryAfterMs);
}

/**
 * Exponential backoff with full jitter: retry n (1-based) waits a uniform time in
 * [0, min(maxDelayMs, baseDelayMs × 2^(n−1))). Full jitter spreads the retries of many hookctl
 * runs (a CI matrix) that failed at the same moment.
 */
export function backoffMs(retry: number, random: () => number): number {
  const ceiling = Math.min(RETRY_LIMITS.maxDelayMs, RETRY_LIMITS.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}

/** The longest total wait `retries` retries can add (all backoffs at their ceiling, no Retry-After). */
export function maxBackoffTotalMs(retries: number): number {
  let total = 0;
  for (let n = 1; n <= retries; n++) total += Math.min(RETRY_LIMITS.maxDelayMs, RETRY_LIMITS.baseDelayMs * 2 ** (n - 1));
  return total;
}

/** Waits, turning Ctrl-C (an aborted signal) into InterruptedError, which exits 130. */
export async function waitOrInterrupt(options: RetryOptions, ms: number): Promise<void> {
  const { signal } = options;
  if (signal?.aborted) throw new InterruptedError('interrupted');
  if (ms <= 0) return;
  const sleep = options.sleep ?? ((delay: number) => new Promise<void>((resolve) => setTimeout(resolve, delay)));
  try {
    await sleep(ms, signal);
  } catch (error) {
    if (signal?.aborted) throw new InterruptedError('interrupted');
    throw error;
  }
  if (signal?.aborted) throw new InterruptedError('interrupted');
}

/**
 * A DELETE that was repeated after an attempt that may have been carried out, and now answers 404:
 * most likely the earlier attempt deleted the hook. It stays a NotFoundError (exit 3) for callers
 * that do not know better; the providers' safe delete reports it as deleted.
 */
export class GoneOnRetryError extends NotFoundError {
  constructor(
    readonly path: string,
    readonly earlier: string,
  ) {
    super(`DELETE ${path} answered 404 when repeated after ${earlier}: an earlier attempt most likely deleted it`);
  }
}
