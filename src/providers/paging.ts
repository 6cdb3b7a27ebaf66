import { ProviderError } from '../errors.js';

/** 100 000 hooks at the largest page size: far beyond any real repository or group. */
export const MAX_PAGES = 1000;

/**
 * Stops a list whose server does not page. A server that ignores the page parameter (or a cache in
 * front of it) answers every page with the same full page, and the loop would never end; a page
 * that brings no hook not seen before is taken as that. MAX_PAGES bounds a server that keeps
 * inventing ids. Call it once per page, with the ids of that page, before yielding them.
 */
export function pagingGuard(provider: string, what = 'hooks'): (ids: readonly string[]) => void {
  const seen = new Set<string>();
  let pages = 0;
  return (ids) => {
    pages++;
    if (pages > MAX_PAGES) {
      throw new ProviderError({ provider, status: 200 }, { message: `${provider} kept answering after ${MAX_PAGES} pages of ${what}; stopped` });
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
  };
}
