/** What mapSettled leaves for an item it never started because the run was interrupted. */
export const NOT_STARTED: unique symbol = Symbol('not started');

/**
 * Runs `fn` over `items` with at most `limit` in flight, keeping input order in the results.
 * Every item settles (a failure does not stop the others), so a bulk report can say exactly
 * what succeeded and what did not. Once `signal` aborts (Ctrl-C), no further item is started:
 * those are rejected with NOT_STARTED, and the ones in flight settle as their requests abort.
 */
export async function mapSettled<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      if (signal?.aborted) {
        results[index] = { status: 'rejected', reason: NOT_STARTED };
        continue;
      }
      try {
        results[index] = { status: 'fulfilled', value: await fn(items[index] as T, index) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
