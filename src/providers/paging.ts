import { ProviderError } from '../errors.js';
import type { BodyWatch } from '../http/types.js';
import { type BoundKey, type Bounds, boundReached, DEFAULT_BOUNDS } from '../model/bounds.js';
import { jsonItemCounter } from './json-items.js';

/** The default of --max-pages: 100 000 hooks at the largest page size, far beyond any real repository or group. */
export const MAX_PAGES = DEFAULT_BOUNDS.maxPages;

export interface ListingOptions {
  /** The provider's label, for messages. */
  provider: string;
  /** What is listed, plural: "hooks", "repositories". */
  what: string;
  /** The page size asked for: a page with more is a provider error, a shorter one is the last. */
  pageSize: number;
  bounds?: Bounds | undefined;
  /** The bound on the number of items of this listing (maxHooks for a hook list); discovery counts its own. */
  itemBound?: BoundKey | undefined;
}

/** One page as read: its items, their ids (for the repeat check) and the body size. */
export interface Page<T> {
  items: readonly T[];
  ids: readonly string[];
  bytes: number;
  /** The provider marked it the last (Total reached, an empty x-next-page). */
  last?: boolean | undefined;
}

/** The checks of one listing: each page as read, and a watch for the next page's body while it arrives. */
export interface PagingGuard {
  (page: Pick<Page<unknown>, 'ids' | 'bytes'>): void;
  /**
   * Limits for the body of the next page, for its request (`RequestSpec.watch`): the listing's
   * remaining byte budget as the byte cap, and an item count that stops the read at the first item
   * past the page size. So a page larger than asked, or past --max-listing-mib, is refused before
   * the rest of it is read or parsed, and memory stays flat whatever the server sends.
   */
  watch(): BodyWatch;
}

/**
 * The checks every page of every listing passes, in the order they can fail:
 * - more pages than --max-pages (a server that keeps inventing ids);
 * - more items than asked for (a server that ignores the page size: its pages could be any size);
 * - nothing but items already listed (a server, or a cache in front of it, that ignores the page
 *   parameter and answers every page the same: the loop would never end);
 * - more items than the listing's bound (--max-hooks for hooks) or more bytes than --max-listing-mib.
 * Memory: the ids seen so far, which the item, page and byte bounds cap.
 */
export function pagingGuard(options: ListingOptions): PagingGuard {
  const { provider, what, pageSize } = options;
  const bounds = options.bounds ?? DEFAULT_BOUNDS;
  const maxBytes = bounds.maxListingMiB * 1024 * 1024;
  const seen = new Set<string>();
  let pages = 0;
  let bytes = 0;
  const tooManyBytes = () => boundReached('maxListingMiB', bounds.maxListingMiB, `${provider}: the list of ${what}`);
  const oversized = (page: number) =>
    new ProviderError(
      { provider, status: 200 },
      {
        message: `${provider} answered page ${page} with more ${what} than the ${pageSize} asked for: it does not honour the page size; stopped`,
        hint: 'check --endpoint and any proxy or cache in front of it',
      },
    );
  const check = ({ ids, bytes: size }: Pick<Page<unknown>, 'ids' | 'bytes'>) => {
    pages++;
    if (pages > bounds.maxPages) throw boundReached('maxPages', bounds.maxPages, `${provider}: the list of ${what}`);
    if (ids.length > pageSize) throw oversized(pages);
    if (ids.length > 0 && ids.every((id) => seen.has(id))) {
      throw new ProviderError(
        { provider, status: 200 },
        {
          message: `${provider} answered page ${pages} with ${what} it had already listed: it does not seem to honour paging; stopped`,
          hint: 'check --endpoint and any proxy or cache in front of it',
        },
      );
    }
    for (const id of ids) seen.add(id);
    bytes += size;
    if (bytes > maxBytes) throw tooManyBytes();
    const item = options.itemBound;
    if (item && seen.size > bounds[item]) throw boundReached(item, bounds[item], `${provider}: the list of ${what}`);
  };
  return Object.assign(check, {
    watch: (): BodyWatch => {
      const page = pages + 1;
      return {
        maxBytes: Math.max(0, maxBytes - bytes),
        tooLarge: tooManyBytes,
        onChunk: jsonItemCounter((count) => {
          if (count > pageSize) throw oversized(page);
        }),
      };
    },
  });
}

/**
 * The one paged-list loop: asks for page 1, 2, … (`fetch` gets the page number, the offset, for
 * APIs that page by offset, and the watch its request carries), checks each page with pagingGuard,
 * yields its items as they come, and stops after a short page or one the provider marks as the last.
 */
export async function* pagedList<T>(
  options: ListingOptions,
  fetch: (page: number, offset: number, watch: () => BodyWatch) => Promise<Page<T>>,
): AsyncGenerator<T, void, undefined> {
  const check = pagingGuard(options);
  let offset = 0;
  for (let page = 1; ; page++) {
    const got = await fetch(page, offset, check.watch);
    check(got);
    yield* got.items;
    offset += got.items.length;
    if (got.last === true || got.items.length < options.pageSize) return;
  }
}

/**
 * The watch of an unpaged list (one answer holds it all, ServiceStage's): the byte cap is
 * --max-listing-mib and the item count stops the read at the first item past `limit` (the bound
 * `itemBound`, or less where the caller has used part of it), before the rest arrives.
 */
export function unpagedWatch(
  options: Omit<ListingOptions, 'pageSize' | 'itemBound'> & { itemBound: BoundKey; limit?: number | undefined; where?: string | undefined },
): () => BodyWatch {
  const { provider, what, itemBound } = options;
  const bounds = options.bounds ?? DEFAULT_BOUNDS;
  const limit = options.limit ?? bounds[itemBound];
  const where = options.where ?? `${provider}: the list of ${what}`;
  return () => ({
    maxBytes: bounds.maxListingMiB * 1024 * 1024,
    tooLarge: () => boundReached('maxListingMiB', bounds.maxListingMiB, where),
    onChunk: jsonItemCounter((count) => {
      if (count > limit) throw boundReached(itemBound, bounds[itemBound], where);
    }),
  });
}
