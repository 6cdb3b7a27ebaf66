import { ProviderError } from '../errors.js';
import { type BoundKey, type Bounds, boundReached, DEFAULT_BOUNDS } from '../model/bounds.js';

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

/**
 * The checks every page of every listing passes, in the order they can fail:
 * - more pages than --max-pages (a server that keeps inventing ids);
 * - more items than asked for (a server that ignores the page size: its pages could be any size);
 * - nothing but items already listed (a server, or a cache in front of it, that ignores the page
 *   parameter and answers every page the same: the loop would never end);
 * - more items than the listing's bound (--max-hooks for hooks) or more bytes than --max-listing-mib.
 * Memory: the ids seen so far, which the item, page and byte bounds cap.
 */
export function pagingGuard(options: ListingOptions): (page: Pick<Page<unknown>, 'ids' | 'bytes'>) => void {
  const { provider, what, pageSize } = options;
  const bounds = options.bounds ?? DEFAULT_BOUNDS;
  const maxBytes = bounds.maxListingMiB * 1024 * 1024;
  const seen = new Set<string>();
  let pages = 0;
  let bytes = 0;
  return ({ ids, bytes: size }) => {
    pages++;
    if (pages > bounds.maxPages) throw boundReached('maxPages', bounds.maxPages, `${provider}: the list of ${what}`);
    if (ids.length > pageSize) {
      throw new ProviderError(
        { provider, status: 200 },
        {
          message: `${provider} answered page ${pages} with ${ids.length} ${what} where at most ${pageSize} were asked for: it does not honour the page size; stopped`,
          hint: 'check --endpoint and any proxy or cache in front of it',
        },
      );
    }
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
    if (bytes > maxBytes) throw boundReached('maxListingMiB', bounds.maxListingMiB, `${provider}: the list of ${what}`);
    const item = options.itemBound;
    if (item && seen.size > bounds[item]) throw boundReached(item, bounds[item], `${provider}: the list of ${what}`);
  };
}

/**
 * The one paged-list loop: asks for page 1, 2, … (`fetch` gets the page number and the offset, for
 * APIs that page by offset), checks each page with pagingGuard, yields its items as they come, and
 * stops after a short page or one the provider marks as the last.
 */
export async function* pagedList<T>(options: ListingOptions, fetch: (page: number, offset: number) => Promise<Page<T>>): AsyncGenerator<T, void, undefined> {
  const check = pagingGuard(options);
  let offset = 0;
  for (let page = 1; ; page++) {
    const got = await fetch(page, offset);
    check(got);
    yield* got.items;
    offset += got.items.length;
    if (got.last === true || got.items.length < options.pageSize) return;
  }
}
