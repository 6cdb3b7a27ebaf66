import { UsageError } from '../errors.js';

/**
 * The fleet runner: streams items from a lazy source (discovery, a targets file) through `fn` with
 * at most `limit` in flight, and streams the settled results back.
 *
 * Contract:
 * - **Order: completion order.** Each result carries `index`, the item's position in the source,
 *   so a renderer that wants input order can sort (audit output is grouped by the renderer anyway).
 * - **Memory flat in the number of items.** An item is pulled from the source only when a slot is
 *   free, and a slot stays taken until its result has been handed to the consumer. So at any time
 *   at most `limit` items are pulled and not yet yielded, whatever the source's length, and a slow
 *   consumer (a pipe to `head`) holds the source back instead of piling up results.
 * - **Failures settle**: a rejected `fn` is a `rejected` result; the run goes on.
 * - **A source error** (discovery failed mid-way) stops pulling; the items in flight still finish
 *   and are yielded, then one final `{ status: 'source-error', reason }`.
 * - **Abort** (`signal`, Ctrl-C): no item is pulled or started any more (a pending source pull is
 *   abandoned); `fn` got the same signal, so its requests abort; the items in flight are still
 *   yielded as they settle (typically `rejected` with an InterruptedError), then one final
 *   `{ status: 'interrupted' }` (also when the source had run out). Items never pulled are not
 *   reported: the source is lazy, so nobody knows how many there were.
 * - At most one final result (`source-error` or `interrupted`), always last.
 * - Breaking out of the `for await` closes the source (its `return()`); items in flight keep
 *   running detached unless the caller aborts the signal first.
 */
export type RunResult<T, R> =
  | { status: 'fulfilled'; item: T; index: number; value: R }
  | { status: 'rejected'; item: T; index: number; reason: unknown }
  | { status: 'source-error'; reason: unknown }
  | { status: 'interrupted' };

export interface RunOptions {
  signal?: AbortSignal | undefined;
}

export function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`concurrency ${String(limit)}: expected a whole number of at least 1`);
}

export async function* runBounded<T, R>(
  source: AsyncIterable<T> | Iterable<T>,
  limit: number,
  fn: (item: T, index: number, signal: AbortSignal | undefined) => Promise<R>,
  options: RunOptions = {},
): AsyncGenerator<RunResult<T, R>, void, undefined> {
  checkLimit(limit);
  const { signal } = options;
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();

  /** Items started and not yet yielded (running or waiting in `done`). */
  let taken = 0;
  let nextIndex = 0;
  let exhausted = false;
  let sourceError: { reason: unknown } | undefined;
  const done: RunResult<T, R>[] = [];
  let wake: (() => void) | undefined;

  const start = (item: T, index: number) => {
    taken++;
    const settle = (result: RunResult<T, R>) => {
      done.push(result);
      wake?.();
    };
    // An async wrapper, so a synchronous throw in fn also becomes a rejected result.
    (async () => fn(item, index, signal))().then(
      (value) => settle({ status: 'fulfilled', item, index, value }),
      (reason: unknown) => settle({ status: 'rejected', item, index, reason }),
    );
  };

  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });

  let closedSource = false;
  try {
    while (true) {
      // Fill free slots, one pull at a time.
      while (!exhausted && taken < limit && !signal?.aborted) {
        let next: IteratorResult<T> | 'aborted';
        try {
          const pull = Promise.resolve(iterator.next());
          next = signal ? await Promise.race([pull, aborted]) : await pull;
          if (next === 'aborted') pull.catch(() => {});
        } catch (reason) {
          sourceError = { reason };
          exhausted = true;
          closedSource = true; // a throwing iterator is finished; return() is not called on it
          break;
        }
        if (next === 'aborted') break;
        if (next.done) {
          exhausted = true;
          closedSource = true;
          break;
        }
        start(next.value, nextIndex++);
      }
      if (done.length === 0) {
        if (taken === 0) break;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const result = done.shift() as RunResult<T, R>;
      taken--;
      yield result;
    }
    if (sourceError) yield { status: 'source-error', reason: sourceError.reason };
    else if (signal?.aborted) yield { status: 'interrupted' };
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    // Not awaited: after an abort the source may still be inside a hung pull, and an async
    // generator's return() waits for that pull. Errors on closing change nothing for the results.
    if (!closedSource) Promise.resolve(iterator.return?.()).catch(() => {});
  }
}

/**
 * Drops repeated items (by `key`, e.g. the canonical target string), so a target named twice, or
 * matched by two patterns, is processed once. Memory grows with the number of distinct keys: the
 * one unavoidable cost of deduplication (about 100 bytes a target).
 */
export async function* dedupe<T>(
  source: AsyncIterable<T> | Iterable<T>,
  key: (item: T) => string,
  onDuplicate?: (item: T, key: string) => void,
): AsyncGenerator<T, void, undefined> {
  const seen = new Set<string>();
  for await (const item of source) {
    const k = key(item);
    if (seen.has(k)) {
      onDuplicate?.(item, k);
      continue;
    }
    seen.add(k);
    yield item;
  }
}
