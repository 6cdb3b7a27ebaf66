import { describe, expect, it } from 'vitest';
import { InterruptedError, UsageError } from '../../../src/errors.js';
import { dedupe, type RunResult, runBounded } from '../../../src/fleet/stream.js';
import { FakeClock } from './fake-clock.js';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** A lazy source that counts what it handed out. */
function counted(n: number, state: { pulled: number }) {
  return (async function* () {
    for (let i = 0; i < n; i++) {
      state.pulled++;
      yield i;
    }
  })();
}

describe('runBounded', () => {
  it('runs every item with at most `limit` in flight, results in completion order with their index', async () => {
    const clock = new FakeClock();
    let inFlight = 0;
    let maxInFlight = 0;
    const durations = [50, 10, 30, 20, 5, 40, 15, 25, 35, 45];
    const results = await clock.run(
      collect(
        runBounded(durations, 3, async (ms) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await clock.sleep(ms);
          inFlight--;
          return ms * 2;
        }),
      ),
    );
    expect(maxInFlight).toBe(3);
    expect(results).toHaveLength(10);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.index : -1)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // Completion order: the 10 ms item (index 1) finishes before the 50 ms one (index 0).
    const order = results.map((r) => (r as { index: number }).index);
    expect(order.indexOf(1)).toBeLessThan(order.indexOf(0));
    for (const r of results) if (r.status === 'fulfilled') expect(r.value).toBe(r.item * 2);
  });

  it('a failing item settles as rejected and the others go on (also a synchronous throw)', async () => {
    const results = await collect(
      runBounded([1, 2, 3], 2, (n) => {
        if (n === 2) throw new Error('boom');
        return Promise.resolve(n);
      }),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const rejected = results.find((r) => r.status === 'rejected') as Extract<RunResult<number, number>, { status: 'rejected' }>;
    expect(rejected.item).toBe(2);
    expect((rejected.reason as Error).message).toBe('boom');
  });

  it('memory stays flat: with a 100,000-item lazy source, pulled-but-unfinished never exceeds limit + 1', async () => {
    const state = { pulled: 0 };
    let finished = 0;
    let maxOutstanding = 0;
    let yielded = 0;
    const limit = 8;
    for await (const result of runBounded(counted(100_000, state), limit, async (i) => {
      maxOutstanding = Math.max(maxOutstanding, state.pulled - finished);
      await Promise.resolve();
      finished++;
      return i;
    })) {
      maxOutstanding = Math.max(maxOutstanding, state.pulled - yielded);
      if (result.status === 'fulfilled') yielded++;
    }
    expect(yielded).toBe(100_000);
    expect(maxOutstanding).toBeGreaterThan(1);
    expect(maxOutstanding).toBeLessThanOrEqual(limit + 1);
  });

  it('a slow consumer holds the source back (no results pile up)', async () => {
    const state = { pulled: 0 };
    const run = runBounded(counted(1000, state), 4, async (i) => i);
    const first = await run.next();
    expect(first.done).toBe(false);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(state.pulled).toBeLessThanOrEqual(5);
    await run.return();
  });

  it('a source error stops pulling; items in flight are yielded, then one final source-error', async () => {
    const clock = new FakeClock();
    const source = (async function* () {
      yield 1;
      yield 2;
      throw new Error('discovery failed: HTTP 500');
    })();
    const results = await clock.run(
      collect(
        runBounded(source, 4, async (n) => {
          await clock.sleep(10);
          return n;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'source-error']);
    expect(((results[2] as { reason: Error }).reason as Error).message).toBe('discovery failed: HTTP 500');
  });

  it('abort: no new work starts, in-flight items still report, then one final interrupted', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const state = { pulled: 0 };
    const started: number[] = [];
    const run = collect(
      runBounded(
        counted(1000, state),
        3,
        async (i, _index, signal) => {
          started.push(i);
          if (i === 4) controller.abort();
          await clock.sleep(100, signal);
          if (signal?.aborted) throw new InterruptedError('interrupted');
          return i;
        },
        { signal: controller.signal },
      ),
    );
    const results = await clock.run(run);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    const last = results.at(-1)!;
    expect(last.status).toBe('interrupted');
    expect(
      results
        .slice(0, -1)
        .map((r) => (r as { item: number }).item)
        .sort(),
    ).toEqual([0, 1, 2, 3, 4]);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as { reason: unknown }).reason instanceof InterruptedError)).toBe(true);
    expect(state.pulled).toBe(5);
  });

  it('abort while the source hangs in a pull ends the run at once', async () => {
    const controller = new AbortController();
    const hung: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<number>>(() => {}) }),
    };
    const run = collect(runBounded(hung, 2, async (n) => n, { signal: controller.signal }));
    await new Promise<void>((resolve) => setImmediate(resolve));
    controller.abort();
    expect(await run).toEqual([{ status: 'interrupted' }]);
  });

  it('breaking out of the loop closes the source', async () => {
    let closed = false;
    const source = (async function* () {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    })();
    for await (const result of runBounded(source, 2, async (n) => n)) {
      if (result.status === 'fulfilled' && result.value >= 3) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses limit %s', async (limit) => {
    await expect(collect(runBounded([1], limit, async (n) => n))).rejects.toBeInstanceOf(UsageError);
  });
});

describe('dedupe', () => {
  it('passes each key once, in first-seen order, and reports the repeats', async () => {
    const repeats: string[] = [];
    const out = await collect(
      dedupe(
        ['codearts:1', 'codeup:o/2', 'codearts:1', 'codeup:o/2', 'codearts:3'],
        (t) => t,
        (_t, k) => repeats.push(k),
      ),
    );
    expect(out).toEqual(['codearts:1', 'codeup:o/2', 'codearts:3']);
    expect(repeats).toEqual(['codearts:1', 'codeup:o/2']);
  });

  it('streams: the first item comes out before the source ends', async () => {
    let pulled = 0;
    const source = (async function* () {
      for (let i = 0; i < 1e9; i++) {
        pulled++;
        yield `t${i}`;
      }
    })();
    const it = dedupe(source, (t) => t);
    expect((await it.next()).value).toBe('t0');
    expect(pulled).toBe(1);
    await it.return();
  });
});

describe('runBounded and a long-lived signal', () => {
  it('leaves no abort listener behind after a run', async () => {
    const controller = new AbortController();
    let listeners = 0;
    const signal = controller.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
      listeners++;
      add(...args);
    }) as AbortSignal['addEventListener'];
    signal.removeEventListener = ((...args: Parameters<AbortSignal['removeEventListener']>) => {
      listeners--;
      remove(...args);
    }) as AbortSignal['removeEventListener'];
    for (let run = 0; run < 3; run++) await collect(runBounded([1, 2, 3], 2, async (n) => n, { signal }));
    expect(listeners).toBe(0);
  });
});
