/**
 * Byte-level helpers shared by the Alibaba (ACS3, ROA v1) and Huawei (SDK-HMAC-SHA256) signers and
 * their server-side verifiers. Both gateways canonicalize with RFC 3986 percent-encoding over UTF-8,
 * so one encoder serves both; keeping it here means a fix lands in every algorithm at once.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Outcome of a server-side signature check (the emulator turns a failure into an error response). */
export type SignatureCheck =
  | { ok: true; accessKeyId: string }
  | { ok: false; status: number; code: string; message: string };

/** Hex SHA-256 of the empty byte string: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const UNRESERVED = /[A-Za-z0-9\-_.~]/;
const textEncoder = new TextEncoder();

/**
 * RFC 3986 encoding: unreserved characters kept, every other UTF-8 byte as upper-case %XX. Works on
 * bytes rather than encodeURIComponent so `!'()*` are encoded too and a lone surrogate cannot throw.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (const ch of value) {
    if (ch.length === 1 && UNRESERVED.test(ch)) {
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
export function canonicalQueryString(
  params: URLSearchParams,
  options: { bareEmptyValue: boolean },
): string {
  const pairs = [...params.entries()].sort(
    ([ka, va], [kb, vb]) => compareStrings(ka, kb) || compareStrings(va, vb),
  );
  return pairs
    .map(([key, value]) =>
      value === '' && options.bareEmptyValue
        ? percentEncode(key)
        : `${percentEncode(key)}=${percentEncode(value)}`,
    )
    .join('&');
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

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacSha256Hex(key: string, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

export function hmacSha1Base64(key: string, data: string): string {
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

export function md5Base64(data: Uint8Array): string {
  return createHash('md5').update(data).digest('base64');
}

/** Constant-time string comparison, so a verifier does not leak how many leading characters matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
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

/** The request as the emulator received it: lower-case header names, the exact body bytes. */
export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Splits the `Key=Value, Key=Value` tail of an Authorization header (both vendors use it). */
export function parseAuthFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return fields;
}

/** Milliseconds between a request timestamp and the server clock, or undefined when unparseable. */
export function skewMs(timestamp: Date | undefined, now: Date): number | undefined {
  if (timestamp === undefined || Number.isNaN(timestamp.getTime())) return undefined;
  return Math.abs(timestamp.getTime() - now.getTime());
}

/** Both gateways allow 15 minutes of clock difference. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

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
