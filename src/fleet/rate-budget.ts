import { InterruptedError, UsageError } from '../errors.js';
import type { HttpResponse, Transport } from '../http/types.js';

/**
 * A per-provider request budget, as a Transport wrapper. One budget is shared by every worker that
 * sends through the wrapped transport, so `--concurrency 64` does not mean 64× the request rate.
 *
 * - **Token bucket** (`ratePerSecond`, `burst`): up to `burst` requests at once, then one every
 *   1/ratePerSecond s. Implemented as a virtual schedule (GCRA): each request reserves its send time
 *   synchronously, so waiting requests go out in arrival order and the rate holds exactly however
 *   many workers wait. `ratePerSecond: 0` turns the bucket off (pauses below still apply).
 * - **Pause on 429/503 with Retry-After** (seconds or an HTTP date, capped at `maxPauseMs`): every
 *   request through this budget waits until then, not only the worker that got the answer. A 429
 *   without Retry-After pauses `pauseWithoutRetryAfterMs` (the Alibaba POP gateway sends none); a
 *   503 without it does not pause (one failing backend is not throttling). After a pause the
 *   bucket restarts empty: requests resume at the steady rate, not in a burst.
 * - The 429/503 is still returned to the caller: the HTTP client's retry rules decide whether to
 *   send it again (and that resend waits for the pause here).
 * - A wait ends early when the request's signal (or the budget's) aborts: InterruptedError (exit 130).
 */
export interface RateBudgetOptions {
  ratePerSecond?: number | undefined;
  burst?: number | undefined;
  /** Longest pause a Retry-After can impose; matches the HTTP client's own cap (RETRY_LIMITS). */
  maxPauseMs?: number | undefined;
  /** Pause after a 429 that names no Retry-After. 0: none. */
  pauseWithoutRetryAfterMs?: number | undefined;
  /** Monotonic milliseconds (performance.now in production, a fake clock in tests). */
  now?: (() => number) | undefined;
  /** Wall-clock epoch milliseconds, for a Retry-After given as an HTTP date. */
  wallClock?: (() => number) | undefined;
  /** Resolves after `ms`; rejects (or resolves) early when the signal aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  signal?: AbortSignal | undefined;
  /** Told about each pause (for --debug or the progress line). */
  onPause?: ((ms: number, status: number) => void) | undefined;
}

/** The documented defaults (README "Fleets: rate budget"), per provider. */
export const RATE_BUDGET_DEFAULTS = {
  // No steady limit unless the user sets one: the providers publish none for these APIs, and a
  // guessed 20/s cut bulk lists to a sixth of what --concurrency allows. The shared pause on
  // 429/503 + Retry-After below is what keeps a fleet run polite.
  ratePerSecond: 0,
  burst: 20,
  maxPauseMs: 30_000,
  pauseWithoutRetryAfterMs: 1_000,
} as const;

export interface RateBudgetStats {
  requests: number;
  pauses: number;
  /** Sum over requests of the time each waited for the budget. */
  waitedMs: number;
}

export interface RateBudget {
  /** Waits until one request may be sent. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Looks at an answer: a 429/503 may pause the budget. */
  observe(response: HttpResponse): void;
  wrap(transport: Transport): Transport;
  stats(): RateBudgetStats;
}

export function checkRateBudgetOptions(options: RateBudgetOptions): void {
  const { ratePerSecond, burst, maxPauseMs, pauseWithoutRetryAfterMs } = options;
  if (ratePerSecond !== undefined && !(Number.isFinite(ratePerSecond) && ratePerSecond >= 0 && ratePerSecond <= 10_000)) {
    throw new UsageError(`rate budget: ratePerSecond ${String(ratePerSecond)} must be a number from 0 (no limit) to 10000`);
  }
  if (burst !== undefined && !(Number.isInteger(burst) && burst >= 1 && burst <= 10_000)) {
    throw new UsageError(`rate budget: burst ${String(burst)} must be a whole number from 1 to 10000`);
  }
  for (const [name, value] of [
    ['maxPauseMs', maxPauseMs],
    ['pauseWithoutRetryAfterMs', pauseWithoutRetryAfterMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= 600_000)) {
      throw new UsageError(`rate budget: ${name} ${String(value)} must be from 0 to 600000 ms`);
    }
  }
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export function createRateBudget(options: RateBudgetOptions = {}): RateBudget {
  checkRateBudgetOptions(options);
  const rate = options.ratePerSecond ?? RATE_BUDGET_DEFAULTS.ratePerSecond;
  const burst = options.burst ?? RATE_BUDGET_DEFAULTS.burst;
  const maxPauseMs = options.maxPauseMs ?? RATE_BUDGET_DEFAULTS.maxPauseMs;
  const pauseWithout = options.pauseWithoutRetryAfterMs ?? RATE_BUDGET_DEFAULTS.pauseWithoutRetryAfterMs;
  const now = options.now ?? (() => performance.now());
  const wallClock = options.wallClock ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;

  const interval = rate > 0 ? 1000 / rate : 0;
  const tolerance = (burst - 1) * interval;
  /** GCRA's theoretical arrival time of the next request at the steady rate. */
  let tat = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;
  /** Counts pauses: a reservation made before the latest pause is void. */
  let epoch = 0;
  const stats: RateBudgetStats = { requests: 0, pauses: 0, waitedMs: 0 };

  const checkAbort = (signal: AbortSignal | undefined) => {
    if (signal?.aborted) throw new InterruptedError('interrupted');
  };

  async function acquire(signal = options.signal): Promise<void> {
    const started = now();
    checkAbort(signal);
    while (true) {
      const t = now();
      if (t < pausedUntil) {
        await sleep(pausedUntil - t, signal);
        checkAbort(signal);
        continue;
      }
      // Reserve a send time: now, or when the bucket has a token again.
      const sendAt = interval === 0 ? t : Math.max(t, tat - tolerance);
      if (interval > 0) tat = Math.max(tat, sendAt) + interval;
      const reservedIn = epoch;
      if (sendAt > t) {
        await sleep(sendAt - t, signal);
        checkAbort(signal);
      }
      // A pause that began while this request waited for its token voids the reservation: it
      // waits for the pause and queues again behind the restarted (empty) bucket.
      if (epoch !== reservedIn) continue;
      break;
    }
    stats.requests++;
    stats.waitedMs += now() - started;
  }

  function observe(response: HttpResponse): void {
    if (response.status !== 429 && response.status !== 503) return;
    let ms = retryAfter(response, wallClock);
    if (ms === undefined) ms = response.status === 429 ? pauseWithout : 0;
    ms = Math.min(ms, maxPauseMs);
    if (ms <= 0) return;
    const until = now() + ms;
    if (until <= pausedUntil) return;
    pausedUntil = until;
    epoch++;
    // Restart the bucket empty at the end of the pause: steady rate, no burst into a throttled API.
    if (interval > 0) tat = Math.max(tat, until + tolerance);
    stats.pauses++;
    options.onPause?.(ms, response.status);
  }

  return {
    acquire,
    observe,
    stats: () => ({ ...stats }),
    wrap(transport: Transport): Transport {
      return async (request) => {
        await acquire(request.signal ?? options.signal);
        const response = await transport(request);
        observe(response);
        return response;
      };
    },
  };
}

/** `withRateBudget(transport, options)`: a budget of its own around one transport. */
export function withRateBudget(transport: Transport, options: RateBudgetOptions = {}): Transport {
  return createRateBudget(options).wrap(transport);
}

/** Retry-After as milliseconds from now (RFC 9110 §10.2.3: delta-seconds or an HTTP date), ≥ 0. */
export function retryAfter(response: HttpResponse, wallClock: () => number): number | undefined {
  const value = response.headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - wallClock());
}
