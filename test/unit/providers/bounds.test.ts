import { describe, expect, it } from 'vitest';
import { BoundError, ProviderError } from '../../../src/errors.js';
import { DEFAULT_BOUNDS, resolveBounds } from '../../../src/model/bounds.js';
import { CodeupEnvelopeSchema } from '../../../src/providers/codeup-v3/wire.js';
import { pagedList, pagingGuard } from '../../../src/providers/paging.js';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => String(from + i));

describe('pagingGuard', () => {
  it('a page larger than asked is a ProviderError', () => {
    const check = pagingGuard({ provider: 'P', what: 'hooks', pageSize: 10 });
    expect(() => check({ ids: ids(1, 11), bytes: 0 })).toThrow(ProviderError);
  });

  it('stops at the item, page and byte bounds with a BoundError naming the flag', () => {
    const bounds = { ...DEFAULT_BOUNDS, maxHooks: 25, maxPages: 100 };
    const check = pagingGuard({ provider: 'P', what: 'hooks', pageSize: 10, bounds, itemBound: 'maxHooks' });
    check({ ids: ids(1, 10), bytes: 0 });
    check({ ids: ids(11, 10), bytes: 0 });
    expect(() => check({ ids: ids(21, 10), bytes: 0 })).toThrow(/"hooks per target" \(25 hooks; raise it with --max-hooks\)/);
    const pages = pagingGuard({ provider: 'P', what: 'hooks', pageSize: 10, bounds: { ...DEFAULT_BOUNDS, maxPages: 2 } });
    pages({ ids: ids(1, 10), bytes: 0 });
    pages({ ids: ids(11, 10), bytes: 0 });
    expect(() => pages({ ids: ids(21, 10), bytes: 0 })).toThrow(BoundError);
    const bytes = pagingGuard({ provider: 'P', what: 'hooks', pageSize: 10, bounds: { ...DEFAULT_BOUNDS, maxListingMiB: 1 } });
    bytes({ ids: ids(1, 10), bytes: 1024 * 1024 });
    expect(() => bytes({ ids: ids(11, 10), bytes: 1 })).toThrow(/"bytes per listing" \(1 MiB/);
  });

  it('pagedList stops after a short page or one marked last', async () => {
    const seen: number[] = [];
    const out: string[] = [];
    for await (const id of pagedList({ provider: 'P', what: 'hooks', pageSize: 2 }, async (page) => {
      seen.push(page);
      const items = page < 3 ? ids(page * 10, 2) : ids(page * 10, 1);
      return { items, ids: items, bytes: 0 };
    }))
      out.push(id);
    expect(seen).toEqual([1, 2, 3]);
    expect(out).toHaveLength(5);
  });

  it('resolveBounds: the first layer that sets a bound wins, else the default', () => {
    expect(resolveBounds({ maxHooks: 5 }, { maxHooks: 7, maxGroups: 3 })).toMatchObject({ maxHooks: 5, maxGroups: 3, maxPages: 1000 });
  });
});

describe('Codeup v3 envelope (CODEUP_V3.envelope)', () => {
  it('null RequestId and Total read as absent, as the SDK models allow', () => {
    const parsed = CodeupEnvelopeSchema.safeParse({ RequestId: null, Success: true, Result: [], Total: null });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.RequestId).toBeUndefined();
    expect(parsed.data?.Total).toBeUndefined();
  });

  it.each(['abc', -1, 1.5, '1e3'])('a present Total of %j is refused', (Total) => {
    expect(CodeupEnvelopeSchema.safeParse({ Success: true, Result: [], Total }).success).toBe(false);
  });
});
