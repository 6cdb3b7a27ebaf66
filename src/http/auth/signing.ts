/**
 * The pure signing primitives: RFC 3986 encoding, canonical query/path/header forms, hashes, and the
 * signatures hookctl sends: Alibaba ROA v1 HMAC-SHA1 (what the official Codeup 2020-04-14 client
 * sends, codeup.md §4a), Alibaba ACS3-HMAC-SHA256 (opt-in) and Huawei APIG SDK-HMAC-SHA256
 * (codearts.md §4b; one gateway for every Huawei API). The production AuthSteps build on this module;
 * the emulator's Alibaba verifier recomputes its signatures independently. No clock, no I/O, no secrets kept.
 */
import { createHash, createHmac } from 'node:crypto';

/** Hex SHA-256 of the empty byte string: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const UNRESERVED = /[A-Za-z0-9\-_.~]/;
const textEncoder = new TextEncoder();

/**
 * RFC 3986 encoding: unreserved characters kept, every other UTF-8 byte as upper-case %XX. Works on
 * bytes rather than encodeURIComponent so `!'()*` are encoded too and a lone surrogate cannot throw.
 */
export function percentEncode(value: string, keep: RegExp = UNRESERVED): string {
  let out = '';
  for (const ch of value) {
    if (ch.length === 1 && keep.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of textEncoder.encode(ch)) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** decodeURIComponent that leaves malformed input as it is instead of throwing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Canonical form of a URL path: each `/`-separated segment decoded (URL.pathname is already
 * WHATWG-encoded, which is not RFC 3986: it keeps `:`, `'`, `*` …) and re-encoded strictly.
 */
export function encodePathSegments(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => percentEncode(safeDecode(segment)))
    .join('/');
}

/** Code-unit ordering, as the SDKs' default sorts use; never locale-dependent. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Query parameters sorted by name, then by value (duplicates are legal on the wire), each as
 * `enc(k)=enc(v)` joined by `&`. `bareEmptyValue` reproduces the Alibaba TS util, which writes a
 * parameter with an empty value as the bare name.
 */
export function canonicalQueryString(params: URLSearchParams, options: { bareEmptyValue: boolean }): string {
  const pairs = [...params.entries()].sort(([ka, va], [kb, vb]) => compareStrings(ka, kb) || compareStrings(va, vb));
  return pairs.map(([key, value]) => (value === '' && options.bareEmptyValue ? percentEncode(key) : `${percentEncode(key)}=${percentEncode(value)}`)).join('&');
}

/**
 * Rewrites the query in RFC 3986 form (space as %20, not the `+` URLSearchParams writes), order kept.
 * Signers call it before signing so the wire query is the canonical one and no gateway has to guess
 * whether `+` meant a space.
 */
export function normalizeQueryEncoding(url: URL): void {
  const pairs = [...url.searchParams];
  if (pairs.length > 0) url.search = pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

/**
 * What Node's `querystring.escape` keeps (encodeURIComponent's set), minus `'`: the legacy
 * `url.parse` the official SDK's HTTP layer (httpx) sends through escapes `'` as %27, as WHATWG does.
 */
const QUERYSTRING_KEPT = /[A-Za-z0-9\-_.~!()*]/;

/**
 * Rewrites the query as the official Alibaba TS SDK puts it on the wire (tea-typescript buildURL:
 * `querystring.stringify`, insertion order kept): `!()*` stay raw, everything else as RFC 3986.
 */
export function querystringEncoding(url: URL): void {
  const pairs = [...url.searchParams];
  if (pairs.length > 0) url.search = pairs.map(([k, v]) => `${percentEncode(k, QUERYSTRING_KEPT)}=${percentEncode(v, QUERYSTRING_KEPT)}`).join('&');
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacSha256Hex(key: string, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

/**
 * Lower-cases header names and merges names that collide after lower-casing: values trimmed,
 * sorted and comma-joined (the ACS3 rule; it is also the only sensible reading for APIG).
 */
export function lowerCaseHeaders(headers: Record<string, string>): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    const list = grouped.get(key) ?? [];
    list.push(value.trim());
    grouped.set(key, list);
  }
  const merged = new Map<string, string>();
  for (const [key, values] of grouped) merged.set(key, values.sort(compareStrings).join(','));
  return merged;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `yyyy-MM-ddTHH:mm:ssZ` (UTC, no millis) — the ACS3 `x-acs-date` format. */
export function isoSecondsUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T${pad2(
    date.getUTCHours(),
  )}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}Z`;
}

/** `YYYYMMDDTHHMMSSZ` (UTC) — the APIG `x-sdk-date` format. */
export function basicDateUtc(date: Date): string {
  return isoSecondsUtc(date).replace(/[-:]/g, '');
}

// ---- Alibaba ROA v1 HMAC-SHA1 (codeup.md §4a; @alicloud/openapi-util getStringToSign) ------------

export const ROA_SIGNATURE_METHOD = 'HMAC-SHA1';
export const ROA_SIGNATURE_VERSION = '1.0';

export interface RoaSignInput {
  method: string;
  /** The wire URL: its (encoded) pathname is signed as it is, the query decoded. */
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  accessKeySecret: string;
}

/**
 * `METHOD\naccept\ncontent-md5\ncontent-type\ndate\n`, then every x-acs-* header as `name:value\n`
 * (names sorted, tabs and line breaks in values as spaces, trimmed), then the resource: the path as
 * sent, and the query names sorted with their values raw (`k=v` joined by `&`). The body is not
 * signed; the official client sends no Content-MD5 either.
 */
export function roaStringToSign(input: Omit<RoaSignInput, 'accessKeySecret'>): string {
  const h = input.headers;
  const acs = Object.keys(h)
    .filter((name) => name.startsWith('x-acs-'))
    .sort(compareStrings)
    .map((name) => `${name}:${(h[name] ?? '').replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
    .join('');
  const pairs = [...input.url.searchParams].sort(([ka, va], [kb, vb]) => compareStrings(ka, kb) || compareStrings(va, vb));
  const query = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  const resource = query === '' ? input.url.pathname : `${input.url.pathname}?${query}`;
  const head = [input.method.toUpperCase(), h.accept ?? '', h['content-md5'] ?? '', h['content-type'] ?? '', h.date ?? ''];
  return `${head.join('\n')}\n${acs}${resource}`;
}

export function hmacSha1Base64(key: string, data: string): string {
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

export function roaSign(input: RoaSignInput): { signature: string; stringToSign: string } {
  const stringToSign = roaStringToSign(input);
  return { signature: hmacSha1Base64(input.accessKeySecret, stringToSign), stringToSign };
}

// ---- Alibaba ACS3-HMAC-SHA256 (codeup.md §4a) ---------------------------------------------------

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3SignInput {
  method: string;
  url: URL;
  /** Lower-case names; names that collide after lower-casing are merged as the SDK does. */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  accessKeyId: string;
  accessKeySecret: string;
  signedHeaderNames?: string[] | undefined;
  /** Only for SDK vectors a URL and a body cannot express (an unset pathname, a non-SHA-256 hash). */
  payloadHash?: string | undefined;
  canonicalUri?: string | undefined;
}

export interface Acs3Signature {
  authorization: string;
  signature: string;
  signedHeaders: string;
  canonicalRequest: string;
}

/** The gateway requires host, content-type and every x-acs-* header to be signed when present. */
function defaultAcs3Names(headers: Map<string, string>): string[] {
  return [...headers.keys()].filter((name) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'));
}

export function acs3Sign(input: Acs3SignInput): Acs3Signature {
  const headers = lowerCaseHeaders(input.headers);
  if (!headers.has('host')) headers.set('host', input.url.host);
  const names = [...new Set((input.signedHeaderNames ?? defaultAcs3Names(headers)).map((n) => n.toLowerCase()))].sort(compareStrings);
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  const canonicalRequest = [
    input.method.toUpperCase(),
    input.canonicalUri ?? encodePathSegments(input.url.pathname),
    canonicalQueryString(input.url.searchParams, { bareEmptyValue: true }),
    canonicalHeaders,
    signedHeaders,
    input.payloadHash ?? (input.body ? sha256Hex(input.body) : EMPTY_SHA256),
  ].join('\n');
  const stringToSign = `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(input.accessKeySecret, stringToSign);
  const authorization = `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { authorization, signature, signedHeaders, canonicalRequest };
}

// ---- Huawei APIG SDK-HMAC-SHA256 (codearts.md §4b; one gateway for every Huawei API) ---------------------------

export const SDK_HMAC_ALGORITHM = 'SDK-HMAC-SHA256';

export interface SdkHmacSignInput {
  method: string;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  accessKey: string;
  secretKey: string;
  /** Defaults to every header present (except authorization) plus host. */
  signedHeaderNames?: string[] | undefined;
}

export interface SdkHmacSignature {
  authorization: string;
  signature: string;
  signedHeaders: string;
  canonicalRequest: string;
}

/** Canonical URI: segments RFC 3986-encoded (`:` → `%3A`) and always ending in `/`. */
function sdkCanonicalUri(url: URL): string {
  const encoded = encodePathSegments(url.pathname);
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

export function sdkHmacSign(input: SdkHmacSignInput): SdkHmacSignature {
  const headers = lowerCaseHeaders(input.headers);
  if (!headers.has('host')) headers.set('host', input.url.host);
  const requested = input.signedHeaderNames ?? [...headers.keys()].filter((n) => n !== 'authorization');
  const names = [...new Set(requested.map((n) => n.toLowerCase()))].sort(compareStrings);
  const date = headers.get('x-sdk-date');
  // The gateway rejects a signature that does not cover the date, so fail loudly at the caller.
  if (!date || !names.includes('x-sdk-date')) throw new Error('SDK-HMAC-SHA256 requires a signed x-sdk-date header');

  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
  // SDKs send x-sdk-content-sha256: UNSIGNED-PAYLOAD for streamed bodies; its value then stands in.
  const payloadHash = headers.get('x-sdk-content-sha256') ?? (input.body ? sha256Hex(input.body) : EMPTY_SHA256);
  const canonicalRequest = [
    input.method.toUpperCase(),
    sdkCanonicalUri(input.url),
    canonicalQueryString(input.url.searchParams, { bareEmptyValue: false }),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = `${SDK_HMAC_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
  const signature = hmacSha256Hex(input.secretKey, stringToSign);
  const authorization = `${SDK_HMAC_ALGORITHM} Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, signature, signedHeaders, canonicalRequest };
}
