/**
 * Hostile provider modes: one middleware (handle.ts puts it in front of the faults) that rewrites
 * the emulator's real answers the way a broken or malicious provider would, so every command that
 * reads provider data can be run against it (`hookctl emulator --hostile MODE`, README "Hostile
 * modes"). Every mode is bounded itself: endless answers are produced on demand as the client reads
 * them and stop at a byte cap, the slow drip ends after a total time, and the table that maps
 * invented ids back to real ones is capped.
 *
 * A "list" is a 200 JSON answer to a GET whose body is an array, or an object holding one under
 * Result, hooks, namespaces or projects. Invented items are copies of the real ones with fresh ids
 * (a number from SYNTHETIC_ID_BASE up, or `<real>-h<n>`); a later request naming an invented id
 * is served as if it named the real one, so a client that follows them keeps finding data.
 */
import { CODEARTS_LIMITS } from './codearts.js';
import { CODEUP_PAGE } from './codeup.js';
import type { HostileMode } from './hostile-modes.js';
import type { EmulatorMiddleware } from './middleware.js';
import { YUNXIAO_PAGE } from './yunxiao.js';

export { HOSTILE_MODES, type HostileMode, isHostileMode } from './hostile-modes.js';

export const OVERSIZED_PAGE_ITEMS = 5000;
export const FAN_OUT_WIDTH = 1000;
/** Invented numeric ids start here (below CodeArts' 2^31 - 1 id limit, above any real emulator id). */
export const SYNTHETIC_ID_BASE = 1_000_000_000;
/** An endless streamed array stops here, so the mode cannot run a machine out of anything. */
export const ENDLESS_MAX_BYTES = 256 * 1024 * 1024;
export const DRIP_TOTAL_MS = 3000;
export const DRIP_TICK_MS = 100;
export const DRIP_CHUNK_BYTES = 4;
export const HUGE_HEADER_BYTES = 256 * 1024;
/** Invented numeric ids: SYNTHETIC_ID_BASE + key, key below 2 * STABLE_KEYS. */
const STABLE_KEYS = 500_000_000;
const MAX_FIRST_PAGES = 10_000;
/**
 * Invented id → real id (up to two per invented item: its id and its name); cleared when full.
 * Well above twice the default repositories bound (100000), so a client that follows that many
 * ids still finds each one and stops at its own bound.
 */
const MAX_ALIASES = 500_000;

/**
 * The secret long-secrets plants: 10,000 characters mixing `%`, `\`, percent- and JSON-escape look-alikes
 * and regular-expression and replacement specials, so any redactor shortcut (a length cap, an unescaped
 * pattern, matching only one encoding) shows.
 */
export const HOSTILE_SECRET: string = (() => {
  const pieces = ['%', '\\', '%25', '\\u0041', '$&', '.*', '(', '%2F', '\\\\', '+'];
  let text = 'hs-';
  for (let i = 0; text.length < 10_000; i++) text += `${pieces[i % pieces.length]}${(i * 2654435761) % 9973}`;
  return text.slice(0, 10_000);
})();

/** What control-chars adds to text fields: CSI and OSC escapes, BEL, CR, NUL, backspace and bidi overrides. */
export const HOSTILE_CONTROL_TEXT = '\u001b[2J\u001b]0;owned\u0007\r\u0000\u0008\u202eevil\u2066x\u2069';

type Json = unknown;
type Item = Record<string, unknown>;

const LIST_KEYS = ['Result', 'hooks', 'namespaces', 'projects'] as const;
const ID_KEYS = ['id', 'Id'] as const;
const NAME_KEYS = ['name', 'Name', 'path', 'Path'] as const;
const SECRET_KEYS = ['SecretToken', 'token', 'secret'] as const;
const TEXT_KEYS = ['name', 'Name', 'description', 'Description', 'url', 'Url', 'callback_url', 'path', 'full_path', 'namespace'] as const;
const DOTDOT = ['..', '../..', '%2e%2e', '..\\..'] as const;

interface Paging {
  /** Items the client asked for per page. */
  size: number;
  /** 0-based index of the first item asked for. */
  offset: number;
  /** How the API says more pages follow. */
  style: 'codeup-v3' | 'yunxiao' | 'codearts' | 'none';
}

function pagingOf(url: URL): Paging | undefined {
  const q = url.searchParams;
  const int = (name: string, fallback: number) => {
    const n = Number(q.get(name));
    return q.has(name) && Number.isInteger(n) && n > 0 ? n : fallback;
  };
  if (url.pathname.startsWith('/api/')) {
    const size = int('PageSize', CODEUP_PAGE.defaultSize);
    return { size, offset: (int('Page', 1) - 1) * size, style: 'codeup-v3' };
  }
  if (url.pathname.startsWith('/oapi/')) {
    const size = int('perPage', YUNXIAO_PAGE.defaultSize);
    return { size, offset: (int('page', 1) - 1) * size, style: 'yunxiao' };
  }
  if (url.pathname.startsWith('/v4/')) {
    const offset = Number(q.get('offset'));
    return { size: int('limit', CODEARTS_LIMITS.defaultPageSize), offset: Number.isInteger(offset) && offset > 0 ? offset : 0, style: 'codearts' };
  }
  // ServiceStage lists are unpaged; IAM (/v3/) is left alone so a client can still log in.
  if (/^\/v1\//.test(url.pathname)) return { size: 0, offset: 0, style: 'none' };
  return undefined;
}

const isDiscovery = (path: string) =>
  path === '/api/v3/projects/all' ||
  /^\/oapi\/v1\/codeup\/organizations\/[^/]+\/repositories$/.test(path) ||
  /\/(subgroups-and-repositories|repositories)$/.test(path) ||
  /\/git\/repos\/(namespaces|[^/]+\/projects)$/.test(path);

const isCodeartsChildren = (path: string) => path.endsWith('/subgroups-and-repositories');

interface ListBody {
  items: Item[];
  /** Rebuilds the body around new items. */
  wrap(items: Item[], more: boolean): Json;
  /** The object key holding the list, for a streamed body; undefined for a bare array. */
  key: string | undefined;
}

function listOf(body: Json): ListBody | undefined {
  if (Array.isArray(body)) return { items: body.filter(isItem), wrap: (items) => items, key: undefined };
  if (!isItem(body)) return undefined;
  for (const key of LIST_KEYS) {
    const value = body[key];
    if (!Array.isArray(value)) continue;
    return {
      items: value.filter(isItem),
      wrap: (items, more) => ({ ...body, [key]: items, ...('Total' in body && { Total: more ? CODEARTS_LIMITS.maxId : items.length }) }),
      key,
    };
  }
  return undefined;
}

const isItem = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);
const isHookLike = (item: Item) => 'url' in item || 'Url' in item || 'callback_url' in item;

export interface HostileOptions {
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** The clock the slow drip measures its total time by. */
  now?: (() => Date) | undefined;
}

export function hostileMiddleware(mode: HostileMode, options: HostileOptions = {}): EmulatorMiddleware {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? (() => new Date());
  const aliases = new Map<string, string>();
  let counter = 0;
  let groupTemplate: Item | undefined;

  /**
   * A copy of `template` with a fresh id (and name, for lists whose names are ids, like
   * ServiceStage's). `key` is unique per invented item: a hash of the list and the index for
   * answers that must repeat (oversized, repeated), a running count for those that never end.
   */
  const invent = (template: Item, key: number): Item => {
    // Only top-level fields change: a shallow copy (nested values shared, never written) keeps an
    // endless listing cheap for the emulator itself.
    const copy = { ...template };
    if (aliases.size >= MAX_ALIASES) aliases.clear();
    for (const field of ID_KEYS) {
      const real = copy[field];
      if (typeof real === 'number') {
        copy[field] = SYNTHETIC_ID_BASE + key;
        aliases.set(String(copy[field]), String(real));
      } else if (typeof real === 'string') {
        copy[field] = `${real}-h${key}`;
        aliases.set(copy[field] as string, real);
      }
    }
    for (const field of NAME_KEYS) {
      const real = copy[field];
      if (typeof real !== 'string') continue;
      copy[field] = `${real}-h${key}`;
      aliases.set(copy[field] as string, real);
    }
    return copy;
  };
  /** Stable keys in [0, STABLE_KEYS), running ones above (both below the 2^31 - 1 id limit). */
  const stableKey = (path: string, index: number) => (hash(path) % Math.floor(STABLE_KEYS / OVERSIZED_PAGE_ITEMS)) * OVERSIZED_PAGE_ITEMS + index;
  const runningKey = () => STABLE_KEYS + (counter++ % STABLE_KEYS);

  /** Path segments naming an invented id are read as the real one. */
  const unalias = (request: Request): Request => {
    const url = new URL(request.url);
    // Codeup v3 signs the path: a rewritten one would fail the signature, so there an invented id stays unknown (NOT_FOUND).
    if (aliases.size === 0 || url.pathname.startsWith('/api/')) return request;
    const segments = url.pathname.split('/');
    let changed = false;
    const real = segments.map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return segment;
      }
      const found = aliases.get(decoded);
      if (found === undefined) return segment;
      changed = true;
      return encodeURIComponent(found);
    });
    if (!changed) return request;
    url.pathname = real.join('/');
    return new Request(url, request);
  };

  /**
   * The first page each list answered: later pages of a hostile list are often empty for real,
   * and still have to repeat it or be filled from it.
   */
  const firstPages = new Map<string, Item[]>();
  const firstPageOf = (path: string, items: Item[]): Item[] => {
    const known = firstPages.get(path);
    if (known) return known;
    if (items.length === 0) return items;
    if (firstPages.size >= MAX_FIRST_PAGES) firstPages.clear();
    firstPages.set(path, items);
    return items;
  };

  const rewrite = (path: string, paging: Paging, list: ListBody): { items: Item[]; more: boolean } | 'endless' | undefined => {
    const real = list.items;
    const first = firstPageOf(path, real);
    const items = mode === 'repeated-pages' ? first : real;
    const template = first[0];
    const asked = paging.style === 'none' ? Math.max(items.length, 1) : paging.size;
    for (const item of items) if (item.descendant_type === 'group') groupTemplate = item;
    switch (mode) {
      case 'oversized-page':
        if (!template) return undefined;
        return {
          items: Array.from({ length: OVERSIZED_PAGE_ITEMS }, (_, i) => (i < items.length ? (items[i] as Item) : invent(template, stableKey(path, i)))),
          more: false,
        };
      case 'endless-pages':
        if (!template) return undefined;
        if (paging.style === 'none') return 'endless';
        return { items: Array.from({ length: asked }, () => invent(template, runningKey())), more: true };
      case 'repeated-pages':
        if (!template) return undefined;
        // The same first page for every page asked, ids included.
        return { items: Array.from({ length: asked }, (_, i) => (i < items.length ? (items[i] as Item) : invent(template, stableKey(path, i)))), more: true };
      case 'group-cycles': {
        if (isCodeartsChildren(path)) {
          const self = /^\/v4\/groups\/(\d+)\//.exec(path)?.[1];
          const loop =
            self !== undefined && groupTemplate ? [{ ...groupTemplate, id: Number(aliases.get(self) ?? self) }] : groupTemplate ? [groupTemplate] : [];
          return { items: [...items, ...loop], more: false };
        }
        return isDiscovery(path) ? { items: [...items, ...items], more: false } : undefined;
      }
      case 'fan-out': {
        if (!isDiscovery(path)) return undefined;
        const seed = isCodeartsChildren(path) ? groupTemplate : template;
        if (!seed) return undefined;
        const start = paging.style === 'none' ? 0 : paging.offset;
        const end = paging.style === 'none' ? FAN_OUT_WIDTH : Math.min(FAN_OUT_WIDTH, paging.offset + paging.size);
        const page: Item[] = [];
        for (let i = start; i < end; i++) page.push(i < items.length && paging.offset === 0 ? (items[i] as Item) : invent(seed, runningKey()));
        return { items: page, more: end < FAN_OUT_WIDTH };
      }
      case 'dotdot-ids':
        return { items: items.map((item, i) => dotdot(item, i)), more: false };
      case 'long-secrets':
        return { items: items.map((item) => (isHookLike(item) ? withSecret(item) : item)), more: false };
      case 'control-chars':
        return { items: items.map(withControls), more: false };
      default:
        return undefined;
    }
  };

  return async (incoming, next) => {
    const request = unalias(incoming);
    const url = new URL(request.url);
    const response = await next(request);
    if (mode === 'huge-headers') return withHugeHeaders(response);
    if (mode === 'slow-drip') return drip(response, sleep, now);
    const paging = pagingOf(url);
    if (request.method !== 'GET' || response.status !== 200 || !paging || !(response.headers.get('content-type') ?? '').includes('json')) return response;
    const body = (await response.json()) as Json;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    const list = listOf(body);
    if (!list) return new Response(JSON.stringify(single(body)), { status: 200, headers });
    const changed = rewrite(url.pathname, paging, list);
    if (changed === undefined) return new Response(JSON.stringify(body), { status: 200, headers });
    if (changed === 'endless') return new Response(endlessArray(list, invent, runningKey), { status: 200, headers });
    markMore(headers, paging, changed.more, changed.items.length);
    return new Response(JSON.stringify(list.wrap(changed.items, changed.more)), { status: 200, headers });
  };

  /** A single object (a get, Codeup's `Result` object): the item modes apply to it too. */
  function single(body: Json): Json {
    if (!isItem(body)) return body;
    const inner = isItem(body.Result) ? body.Result : body;
    const changed =
      mode === 'dotdot-ids'
        ? dotdot(inner, 0)
        : mode === 'long-secrets' && isHookLike(inner)
          ? withSecret(inner)
          : mode === 'control-chars'
            ? withControls(inner)
            : inner;
    return inner === body ? changed : { ...body, Result: changed };
  }
}

/** FNV-1a: a list's path → a number, so its invented ids are the same on every request. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function markMore(headers: Headers, paging: Paging, more: boolean, count: number): void {
  if (paging.style === 'yunxiao') {
    const page = Math.floor(paging.offset / Math.max(1, paging.size)) + 1;
    headers.set('x-next-page', more ? String(page + 1) : '');
    headers.set('x-total-pages', more ? String(CODEARTS_LIMITS.maxId) : String(page));
    headers.set('x-total', more ? String(CODEARTS_LIMITS.maxId) : String(count));
  }
  if (paging.style === 'codearts') headers.set('x-total', more ? String(CODEARTS_LIMITS.maxId) : String(paging.offset + count));
}

function dotdot(item: Item, index: number): Item {
  const copy = { ...item };
  const evil = DOTDOT[index % DOTDOT.length] as string;
  for (const field of [...ID_KEYS, ...NAME_KEYS, 'namespace', 'full_path'] as const) if (field in copy) copy[field] = evil;
  return copy;
}

function withSecret(item: Item): Item {
  const copy = { ...item };
  let set = false;
  for (const field of SECRET_KEYS) {
    if (field in copy) {
      copy[field] = HOSTILE_SECRET;
      set = true;
    }
  }
  if (!set) copy.secret = HOSTILE_SECRET;
  return copy;
}

function withControls(item: Item): Item {
  const copy = { ...item };
  for (const field of TEXT_KEYS) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = `${value}${HOSTILE_CONTROL_TEXT}`;
  }
  return copy;
}

/** `{"key":[item, item, …` (or a bare `[…`) made as the client reads, until it leaves or ENDLESS_MAX_BYTES. */
function endlessArray(list: ListBody, invent: (template: Item, key: number) => Item, nextKey: () => number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const template = list.items[0] as Item;
  let sent = 0;
  let first = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= ENDLESS_MAX_BYTES) {
        controller.enqueue(encoder.encode(list.key === undefined ? ']' : ']}'));
        controller.close();
        return;
      }
      let text = first ? (list.key === undefined ? '[' : `{${JSON.stringify(list.key)}:[`) : ',';
      first = false;
      const batch: string[] = [];
      for (let i = 0; i < 64; i++) batch.push(JSON.stringify(invent(template, nextKey())));
      text += batch.join(',');
      const bytes = encoder.encode(text);
      sent += bytes.byteLength;
      controller.enqueue(bytes);
    },
  });
}

/** The real body, a few bytes per tick for DRIP_TOTAL_MS, then the rest at once. */
function drip(response: Response, sleep: (ms: number) => Promise<void>, now: () => Date): Response {
  if (!response.body || response.type === 'error') return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  const source = response.arrayBuffer();
  let started: number | undefined;
  let offset = 0;
  let bytes: Uint8Array | undefined;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      bytes ??= new Uint8Array(await source);
      started ??= now().getTime();
      if (offset >= bytes.byteLength) return controller.close();
      const late = now().getTime() - started >= DRIP_TOTAL_MS;
      if (offset > 0 && !late) await sleep(DRIP_TICK_MS);
      const size = late ? bytes.byteLength - offset : DRIP_CHUNK_BYTES;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

function withHugeHeaders(response: Response): Response {
  if (response.type === 'error') return response;
  const headers = new Headers(response.headers);
  const value = 'h'.repeat(1024);
  for (let i = 0; i * 1024 < HUGE_HEADER_BYTES; i++) headers.set(`x-hostile-${i}`, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
