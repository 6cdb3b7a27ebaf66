import { describe, expect, it } from 'vitest';
import { InterruptedError, UsageError } from '../../../src/errors.js';
import { createRateBudget, retryAfter, withRateBudget } from '../../../src/fleet/rate-budget.js';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/http/types.js';
import { FakeClock } from './fake-clock.js';

const res = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: new Uint8Array() });
const req = (path = '/hooks', signal?: AbortSignal): HttpRequest => ({ method: 'GET', url: new URL(`https://api.example${path}`), headers: {}, signal });

/** A fake provider: records when each request arrived, answers after `latencyMs` of fake time. */
function fakeTransport(clock: FakeClock, answer: (n: number) => HttpResponse, latencyMs = 0) {
  const sentAt: number[] = [];
  const transport: Transport = async () => {
    const n = sentAt.length;
    sentAt.push(clock.now());
    if (latencyMs > 0) await clock.sleep(latencyMs);
    return answer(n);
  };
  return { transport, sentAt };
}

/** The most requests in any window of `windowMs` (half-open). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function workers(count: number, perWorker: number, send: Transport): Promise<HttpResponse[]> {
  const all: HttpResponse[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) all.push(await send(req(`/w${w}/${i}`)));
    }),
  );
  return all;
}

describe('rate budget', () => {
  it('8 workers share one bucket: a burst, then never more than the rate', async () => {
    const clock = new FakeClock();
    const fake = fakeTransport(clock, () => res(200), 5);
    const send = withRateBudget(fake.transport, { ratePerSecond: 10, burst: 5, now: clock.now, sleep: clock.sleep });
    await clock.run(workers(8, 10, send));
    expect(fake.sentAt).toHaveLength(80);
    // 5 at once, then one every 100 ms: the 80th goes at 75 × 100 ms.
    expect(fake.sentAt.filter((t) => t === 0)).toHaveLength(5);
    expect(Math.max(...fake.sentAt)).toBe(7500);
    // In any second at most burst + rate × 1 s requests (GCRA bound).
    expect(maxInWindow(fake.sentAt, 1000)).toBeLessThanOrEqual(5 + 10);
    expect(
      maxInWindow(
        fake.sentAt.filter((t) => t >= 1000),
        1000,
      ),
    ).toBeLessThanOrEqual(10);
  });

  it('a 429 with Retry-After: 2 pauses ALL workers until 2 s later; the 429 still reaches the caller', async () => {
    const clock = new FakeClock();
    let answeredAt = -1;
    let sentBefore = -1;
    const fake = fakeTransport(
      clock,
      (n) => {
        if (n === 3) {
          answeredAt = clock.now();
          sentBefore = fake.sentAt.length;
          return res(429, { 'retry-after': '2' });
        }
        return res(200);
      },
      100,
    );
    const pauses: [number, number][] = [];
    const send = withRateBudget(fake.transport, {
      ratePerSecond: 20,
      burst: 4,
      now: clock.now,
      sleep: clock.sleep,
      onPause: (ms, status) => pauses.push([ms, status]),
    });
    const answers = await clock.run(workers(8, 5, send));
    expect(answers.filter((a) => a.status === 429)).toHaveLength(1);
    expect(pauses).toEqual([[2000, 429]]);
    expect(answeredAt).toBe(100);
    // Requests sent before the 429 arrived were already on the wire; after it, none until +2 s.
    const after = fake.sentAt.slice(sentBefore);
    expect(after.length).toBeGreaterThan(20);
    expect(after.every((t) => t >= answeredAt + 2000)).toBe(true);
    expect(Math.min(...after)).toBe(answeredAt + 2000);
    // After the pause the bucket restarts empty: steady rate (one per 50 ms), no burst.
    expect(maxInWindow(after, 50)).toBe(1);
    expect(maxInWindow(fake.sentAt, 1000)).toBeLessThanOrEqual(4 + 20);
  });

  it('Retry-After as an HTTP date, capped; 503 pauses only with Retry-After; 429 without one pauses the default', async () => {
    const clock = new FakeClock();
    const wall = Date.parse('2025-03-01T10:00:00Z');
    const budget = createRateBudget({ ratePerSecond: 0, now: clock.now, sleep: clock.sleep, wallClock: () => wall + clock.now(), maxPauseMs: 30_000 });
    const pauses: number[] = [];
    const probe = async () => {
      const before = clock.now();
      await budget.acquire();
      pauses.push(clock.now() - before);
    };
    budget.observe(res(503, { 'retry-after': 'Sat, 01 Mar 2025 10:00:05 GMT' }));
    await clock.run(probe());
    budget.observe(res(503));
    await clock.run(probe());
    budget.observe(res(429));
    await clock.run(probe());
    budget.observe(res(429, { 'retry-after': '3600' }));
    await clock.run(probe());
    budget.observe(res(500, { 'retry-after': '5' }));
    await clock.run(probe());
    expect(pauses).toEqual([5000, 0, 1000, 30_000, 0]);
    expect(budget.stats()).toMatchObject({ requests: 5, pauses: 3 });
  });

  it('reads Retry-After: seconds, dates in the past as 0, garbage as none', () => {
    const wall = () => Date.parse('2025-03-01T10:00:00Z');
    expect(retryAfter(res(429, { 'retry-after': ' 7 ' }), wall)).toBe(7000);
    expect(retryAfter(res(429, { 'retry-after': 'Sat, 01 Mar 2025 09:00:00 GMT' }), wall)).toBe(0);
    expect(retryAfter(res(429, { 'retry-after': 'soon' }), wall)).toBeUndefined();
    expect(retryAfter(res(429), wall)).toBeUndefined();
  });

  it('ratePerSecond 0 turns the bucket off', async () => {
    const clock = new FakeClock();
    const fake = fakeTransport(clock, () => res(200));
    const send = withRateBudget(fake.transport, { ratePerSecond: 0, now: clock.now, sleep: clock.sleep });
    await clock.run(workers(4, 25, send));
    expect(fake.sentAt.every((t) => t === 0)).toBe(true);
  });

  it('by default there is no steady limit: 100 requests from 8 workers all go out at once', async () => {
    const clock = new FakeClock();
    const fake = fakeTransport(clock, () => res(200));
    const send = withRateBudget(fake.transport, { now: clock.now, sleep: clock.sleep });
    await clock.run(
      Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = 0; i < 13; i++) await send(req());
        }),
      ),
    );
    expect(fake.sentAt).toHaveLength(104);
    expect(Math.max(...fake.sentAt)).toBe(0);
  });

  it('Ctrl-C ends a wait with InterruptedError and sends nothing more', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const fake = fakeTransport(clock, () => res(429, { 'retry-after': '10' }));
    const send = withRateBudget(fake.transport, { now: clock.now, sleep: clock.sleep, signal: controller.signal });
    expect((await send(req())).status).toBe(429);
    const waiting = send(req());
    waiting.catch(() => {});
    await clock.flush();
    controller.abort();
    await expect(clock.run(waiting)).rejects.toBeInstanceOf(InterruptedError);
    expect(fake.sentAt).toHaveLength(1);
    expect(clock.now()).toBe(0);
  });

  it.each([
    [{ ratePerSecond: -1 }, /ratePerSecond -1 must be a number from 0/],
    [{ burst: 0 }, /burst 0 must be a whole number from 1/],
    [{ burst: 2.5 }, /burst 2.5/],
    [{ maxPauseMs: Number.NaN }, /maxPauseMs NaN/],
  ])('refuses %j', (options, message) => {
    expect(() => createRateBudget(options)).toThrow(UsageError);
    expect(() => createRateBudget(options)).toThrow(message);
  });
});
